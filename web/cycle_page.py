"""What the cycle page shows: the read model for one cycle and every form, drafts kept."""

from typing import Any
from uuid import UUID

from flask import request
from flask_wtf import FlaskForm

from domain.entries import ADVICE, STORY
from projections import queries
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
    choices,
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


def cycle_context(cycle_id: UUID, submitted: FlaskForm | None = None) -> dict[str, Any]:
    """The cycle, its plan, entries, comments, help and forms, ready for the templates."""
    with reading() as conn:
        cycle = found(queries.get_cycle(conn, cycle_id))
        context: dict[str, Any] = {
            "cycle": cycle,
            "group": queries.get_group(conn, cycle.group_id),
            "plan": queries.current_plan(conn, cycle_id),
            "entries": queries.cycle_entries(conn, cycle_id),
            "corrections": queries.entry_corrections(conn, cycle_id),
            "comments": queries.cycle_comments(conn, cycle_id),
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


def _cycle(conn: Any, cycle_id: UUID | None) -> Any:
    return queries.get_cycle(conn, cycle_id) if cycle_id else None


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
    offer_method_choices(forms, context)
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


def offer_method_choices(forms: dict[str, FlaskForm], context: dict[str, Any]) -> None:
    """Let the method forms offer the groups and stories that may be chosen."""
    forms["advice_request_form"].to_group.choices = choices(
        [("", "—"), *((g.id, g.name) for g in context["ask_groups"])]
    )
    forms["story_form"].from_group.choices = choices(
        (g.id, g.name) for g in context["story_groups"]
    )
    forms["choice_form"].story.choices = choices(
        (s.entry_id, s.title) for s in context["stories"] if not s.withdrawn
    )


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
