"""What the cycle page shows: the read model for one cycle and every form, drafts kept."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from flask import g, request, url_for
from flask_wtf import FlaskForm

from domain.entries import ACT, ADVICE, REFLECT, STORY
from projections import queries
from projections.queries import EntryPage, EntryRow
from web.auth import current_actor
from web.forms import (
    KIND_LABELS,
    OUTCOME_LABELS,
    ActForm,
    AdviceRequestForm,
    AnswerForm,
    ChoiceForm,
    CommentForm,
    CompareForm,
    DecisionForm,
    HelpForm,
    MistakeForm,
    ReflectionForm,
    StoryForm,
    offer_questions,
)
from web.rendering import found, reading

# Each journal form, by the prefix its fields carry. Every journal form sends the whole
# journal (hx-include), so a swap re-renders each form with what the user had typed.
JOURNAL_FORMS: dict[str, type[FlaskForm]] = {
    "act_form": ActForm,
    "compare_form": CompareForm,
    "reflection_form": ReflectionForm,
    "mistake_form": MistakeForm,
    "help_form": HelpForm,
    "decision_form": DecisionForm,
    "advice_request_form": AdviceRequestForm,
    "story_form": StoryForm,
    "choice_form": ChoiceForm,
}


# The journal's two entry lists, and the query parameter that pages each back
# (?act_before=<seq>): a cursor, so an old page costs no more than the newest.
PAGED_BY = {ACT: "act_before", REFLECT: "reflect_before"}


@dataclass(frozen=True)
class JournalList:
    """One of the journal's entry lists as shown: a page, and the links that page it."""

    entries: list[EntryRow]
    earlier: int  # how many older entries are not shown
    earlier_url: str | None  # the page before this one, when there is one
    newest_url: str | None  # back to the newest page, when an older one is shown


def cycle_context(
    cycle_id: UUID, submitted: FlaskForm | None = None, before: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The cycle, its plan, a page of each entry list with the comments and corrections on
    what is shown, help and forms, ready for the templates. `before` holds the cursors a
    page link asked for (by PAGED_BY's names); without them each list shows its newest."""
    with reading() as conn:
        cycle = found(queries.get_cycle(conn, cycle_id))
        pages = {
            phase: queries.entry_page(conn, cycle_id, phase, (before or {}).get(name))
            for phase, name in PAGED_BY.items()
        }
        shown = [e for page in pages.values() for e in page.entries]
        context: dict[str, Any] = {
            "cycle": cycle,
            "group": queries.get_group(conn, cycle.group_id),
            "plan": queries.current_plan(conn, cycle_id),
            "act": _journal_list(cycle_id, pages, ACT),
            "reflect": _journal_list(cycle_id, pages, REFLECT),
            # Which forms to offer depends on the whole journal, not on the page shown.
            "acted": queries.has_acted(conn, cycle_id),
            "learned": queries.has_learned(conn, cycle_id),
            "corrections": queries.entry_corrections(conn, shown),
            "comments": queries.comments_on(
                conn, cycle_id, ["plan", "decision", *(e.id.hex for e in shown)]
            ),
            "tasks_done": queries.cycle_tasks_done(conn, cycle_id),
            "help": queries.group_help(conn, cycle_id=cycle_id),
            "previous": _cycle(conn, cycle.previous_cycle_id),
            "next": _cycle(conn, cycle.next_cycle_id),
            "method": cycle.follows,
        }
        context.update(_method_records(conn, cycle))
    context["kinds"] = KIND_LABELS
    context["outcomes"] = OUTCOME_LABELS
    context["forms"] = _forms(context, submitted)
    context["comment_form"] = lambda on: _comment_form(on, submitted)
    context["answer_form"] = lambda request_id: _answer_form(request_id, submitted)
    return context


def plan_context(cycle_id: UUID, submitted: FlaskForm | None = None) -> dict[str, Any]:
    """What the plan section alone shows, for its own swap (a plan comment, a task done)."""
    with reading() as conn:
        cycle = found(queries.get_cycle(conn, cycle_id))
        context: dict[str, Any] = {
            "cycle": cycle,
            "plan": queries.current_plan(conn, cycle_id),
            "tasks_done": queries.cycle_tasks_done(conn, cycle_id),
            "comments": queries.comments_on(conn, cycle_id, ["plan"]),
            "method": cycle.follows,
        }
    context["comment_form"] = lambda on: _comment_form(on, submitted)
    return context


def _cycle(conn: Any, cycle_id: UUID | None) -> Any:
    return queries.get_cycle(conn, cycle_id) if cycle_id else None


def _journal_list(cycle_id: UUID, pages: Mapping[str, EntryPage], phase: str) -> JournalList:
    """One list's page with its links; each link keeps the other list where it is."""
    page = pages[phase]
    cursors = {PAGED_BY[p]: other.before for p, other in pages.items() if p != phase}
    earlier_url = newest_url = None
    if page.cursor is not None:
        earlier_url = _page_url(cycle_id, {**cursors, PAGED_BY[phase]: page.cursor})
    if page.before is not None:
        newest_url = _page_url(cycle_id, cursors)
    return JournalList(page.entries, page.earlier, earlier_url, newest_url)


def _page_url(cycle_id: UUID, cursors: Mapping[str, int | None]) -> str:
    """The cycle page with these cursors, on the same past day if one is being shown."""
    args: dict[str, Any] = {name: seq for name, seq in cursors.items() if seq is not None}
    as_of = g.get("as_of")
    if as_of is not None:
        args["as_of"] = as_of.date().isoformat()
    return url_for("cycles.show", cycle_id=cycle_id, **args)


def _forms(context: dict[str, Any], submitted: FlaskForm | None) -> dict[str, FlaskForm]:
    forms = {}
    for prefix, form_class in JOURNAL_FORMS.items():
        if submitted is not None and submitted._prefix == f"{prefix}-":
            forms[prefix] = submitted
        else:
            forms[prefix] = form_class(prefix=prefix, formdata=_drafts(submitted))
    questions = [q["question"] for q in context["plan"].questions] if context["plan"] else []
    for name in ("act_form", "compare_form"):
        offer_questions(forms[name], questions)
    # Let the method forms offer the groups and stories that may be chosen.
    forms["advice_request_form"].offer(context["ask_groups"])
    forms["story_form"].offer(context["story_groups"])
    forms["choice_form"].offer(context["stories"])
    return forms


def _method_records(conn: Any, cycle: Any) -> dict[str, Any]:
    """Peer Assist's requests and advice, or the stories brought to an MSC panel."""
    found: dict[str, Any] = {"advice": [], "stories": [], "ask_groups": [], "story_groups": []}
    actor = current_actor()
    if ADVICE in cycle.follows.records:
        found["advice"] = queries.cycle_advice(conn, cycle.id)
        found["ask_groups"] = queries.groups_to_ask(conn, actor, cycle.group_id)
    if STORY in cycle.follows.records:
        found["stories"] = queries.cycle_stories(conn, cycle.id)
        found["story_groups"] = story_groups(conn, actor, cycle.group_id)
    return found


def story_groups(conn: Any, actor: str, panel_group: UUID) -> list[queries.GroupChoice]:
    """The groups someone may bring a story from: the panel's own first, if they record in it."""
    mine = queries.groups_recording(conn, actor)
    return sorted(mine, key=lambda g: g.id != panel_group)


def _drafts(submitted: FlaskForm | None) -> Any:
    # Only a post from the journal carries drafts; a page load starts every form empty.
    return request.form if submitted is not None and request.method == "POST" else None


def _comment_form(on: str, submitted: FlaskForm | None) -> FlaskForm:
    if isinstance(submitted, CommentForm) and submitted._prefix == f"c{on}-":
        return submitted
    form = CommentForm(prefix=f"c{on}", formdata=_drafts(submitted))
    form.on.data = on
    return form


def _answer_form(request_id: UUID, submitted: FlaskForm | None) -> FlaskForm:
    if isinstance(submitted, AnswerForm) and submitted._prefix == f"a{request_id.hex}-":
        return submitted
    return AnswerForm(prefix=f"a{request_id.hex}", formdata=_drafts(submitted))
