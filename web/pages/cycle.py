"""The cycle page: the read model for one cycle and every form, drafts kept; and where
the posts made on it land."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlencode
from uuid import UUID

from flask import g, url_for
from flask_wtf import FlaskForm

from domain.entries import ACT, REFLECT
from projections import queries
from projections.queries import CyclePage, EntryRow, HelpRow, PlanSection
from projections.queries.pages import HELP
from web.forms import KIND_LABELS, OUTCOME_LABELS, AnswerForm, CommentForm, offer_questions
from web.forms.registry import JOURNAL_FORMS, Sent, answer_prefix, comment_prefix, drawn
from web.moments import as_of_value
from web.pages import Drafts, PageView, cycle_parts, drafts
from web.pages.cycle_parts import Part
from web.posting import Landing
from web.rendering import found, reading, wants_fragment
from web.users import current_actor

# The query parameter that pages each list back (?act_before=<seq>, ?help_before=<id>):
# a cursor, so an old page costs no more than the newest.
PAGED_BY = {ACT: "act_before", REFLECT: "reflect_before", HELP: "help_before"}
WHOLE = "cycles/show.html"
JOURNAL = "cycles/_journal.html"
JOURNAL_TARGET = "#journal"  # the element a journal post swaps, and its page anchor
COMMENT_PAGE = ("cycles/comment.html", "cycles/_comment_form.html")
PLAN = cycle_parts.PLAN.template
# The query that shows the plan in full: where a post to the plan leads without htmx, so
# what was just saved there is not folded away.
IN_FULL = {"plan": "full"}


@dataclass(frozen=True)
class Pager:
    """The links that page one of the cycle page's lists."""

    earlier: int  # how many older items are not shown
    earlier_url: str | None  # the page before this one, when there is one
    newest_url: str | None  # back to the newest page, when an older one is shown


@dataclass(frozen=True)
class JournalList(Pager):
    """One of the journal's entry lists as shown: a page, and the links that page it."""

    entries: list[EntryRow]


@dataclass(frozen=True)
class HelpList(Pager):
    """The cycle's requests for help as shown: a page, newest first, and its links."""

    requests: list[HelpRow]


@dataclass(frozen=True)
class PlanView(PageView):
    """The plan section alone, for its own swap."""

    read: PlanSection
    comment_form: Callable[[str], FlaskForm]
    plan_revised: bool
    plan_folded: bool  # never, in a swap: a post to the plan is read in the plan in full


@dataclass(frozen=True)
class CycleView(PageView):
    """The whole cycle page: plan, a page of each journal list, help, method records."""

    read: CyclePage
    parts: tuple[Part, ...]  # in the page's order
    current_part: Part
    plan_revised: bool  # its version was saved just now
    plan_folded: bool  # its details fold away
    act: JournalList
    reflect: JournalList
    help: HelpList
    kinds: Mapping[str, str]
    outcomes: Mapping[str, str]
    forms: dict[str, FlaskForm]
    comment_form: Callable[[str], FlaskForm]
    comment_pending: Callable[[str], bool]
    answer_form: Callable[[UUID], FlaskForm]


def cycle_view(
    cycle_id: UUID,
    sent: Sent | None = None,
    before: Mapping[str, str] | None = None,
    *,
    to_plan: bool = False,
) -> CycleView:
    """The cycle page, the sent form in its place. `before` holds the cursors a page link
    asked for (by PAGED_BY's names); without them each list shows its newest. The plan
    shows in full if `to_plan` (the sent form was the plan's) or `before` asks (IN_FULL)."""
    cursors = {phase: (before or {}).get(name) for phase, name in PAGED_BY.items()}
    with reading() as conn:
        page = found(queries.cycle_page(conn, cycle_id, cursors, current_actor()))
    act, reflect, help_ = page.pages[ACT], page.pages[REFLECT], page.help
    # Where each list stands: the links that page one keep the others where they are.
    at: dict[str, object] = {
        PAGED_BY[ACT]: act.before,
        PAGED_BY[REFLECT]: reflect.before,
        PAGED_BY[HELP]: help_.before,
    }
    revised = cycle_parts.just_revised(page.plan.version if page.plan else None)
    asked = all((before or {}).get(k) == v for k, v in IN_FULL.items())
    pending = to_plan or asked or _comment_pending("plan", sent)
    return CycleView(
        read=page,
        parts=cycle_parts.order(page, g.get("can", frozenset())),
        current_part=cycle_parts.current(page),
        plan_revised=revised,
        plan_folded=cycle_parts.plan_folded(page, revised=revised, pending=pending),
        act=JournalList(act.earlier, *_links(cycle_id, at, ACT, act.cursor), act.entries),
        reflect=JournalList(
            reflect.earlier, *_links(cycle_id, at, REFLECT, reflect.cursor), reflect.entries
        ),
        help=HelpList(help_.earlier, *_links(cycle_id, at, HELP, help_.cursor), help_.requests),
        kinds=KIND_LABELS,
        outcomes=OUTCOME_LABELS,
        forms=_forms(page, sent),
        comment_form=lambda on: _comment_form(on, sent),
        comment_pending=lambda on: _comment_pending(on, sent),
        answer_form=lambda request_id: _answer_form(request_id, sent),
    )


@dataclass(frozen=True)
class CommentView(PageView):
    """The form to comment on one entry: fetched into the entry's box, or a page."""

    read: queries.CorrectionPage
    on: str
    cform: FlaskForm
    include_target: str


def comment_view(cycle_id: UUID, entry_id: UUID) -> CommentView:
    """The comment form for an entry of the cycle (404 if it is not one): swapping the
    journal when fetched into the cycle page, a plain form on a page of its own."""
    with reading() as conn:
        page = found(queries.correction_page(conn, cycle_id, entry_id))
    target = JOURNAL_TARGET if wants_fragment() else ""
    return CommentView(page, entry_id.hex, _comment_form(entry_id.hex, None), target)


def plan_view(cycle_id: UUID, sent: Sent | None = None) -> PlanView:
    """What the plan section alone shows (a plan comment, a task done)."""
    with reading() as conn:
        page = found(queries.plan_section(conn, cycle_id))
    revised = cycle_parts.just_revised(page.plan.version if page.plan else None)
    return PlanView(page, lambda on: _comment_form(on, sent), revised, plan_folded=False)


def journal(
    cycle_id: UUID, *, anchor: str = JOURNAL_TARGET, swap: bool = True, alert: bool = False
) -> Landing:
    """A post to the journal: htmx swaps the journal in place; without it, back to the page."""
    return Landing(
        WHOLE,
        JOURNAL,
        lambda sent: cycle_view(cycle_id, sent),
        lambda _: url_for("cycles.show", cycle_id=cycle_id) + anchor,
        swap=swap,
        alert=alert,
    )


def plan_section(cycle_id: UUID, *, alert: bool = False) -> Landing:
    """A post to the plan section: htmx swaps the plan alone."""

    def page(sent: Sent) -> PageView:
        # The plan swapped in alone needs a fraction of what the whole page shows.
        if wants_fragment():
            return plan_view(cycle_id, sent)
        return cycle_view(cycle_id, sent, to_plan=True)

    return Landing(
        WHOLE,
        PLAN,
        page,
        lambda _: f"{url_for('cycles.show', cycle_id=cycle_id)}?{urlencode(IN_FULL)}#plan",
        swap=True,
        alert=alert,
    )


def _links(
    cycle_id: UUID, at: Mapping[str, object], which: str, cursor: object
) -> tuple[str | None, str | None]:
    """The links of one list (by PAGED_BY's key): to its page before `cursor` (if any
    is older) and, when an older page is shown, to its newest; each keeps the other
    lists where they are (`at`, by query parameter)."""
    name = PAGED_BY[which]
    others = {k: v for k, v in at.items() if k != name}
    earlier_url = _page_url(cycle_id, {**others, name: cursor}) if cursor is not None else None
    newest_url = _page_url(cycle_id, others) if at.get(name) is not None else None
    return earlier_url, newest_url


def _page_url(cycle_id: UUID, cursors: Mapping[str, object]) -> str:
    """The cycle page with these cursors, at the same past moment (and of the same kind of
    past) if one is being shown."""
    args = {name: str(cursor) for name, cursor in cursors.items() if cursor is not None}
    as_of = g.get("as_of")
    if as_of is not None:
        args["as_of"] = as_of_value(as_of)
        if g.get("past_kind"):
            args["past"] = g.past_kind
    query = f"?{urlencode(args)}" if args else ""
    return url_for("cycles.show", cycle_id=cycle_id) + query


def _forms(page: CyclePage, sent: Sent | None) -> dict[str, FlaskForm]:
    forms = {prefix: _drawn(prefix, sent, drawn) for prefix in JOURNAL_FORMS}
    questions = page.plan.questions if page.plan else ()
    for name in ("act_form", "compare_form"):
        offer_questions(forms[name], questions)
    # Let the method forms offer the groups and stories that may be chosen.
    forms["advice_request_form"].offer(page.ask_groups)
    forms["story_form"].offer(page.story_groups)
    forms["choice_form"].offer(page.stories)
    return forms


def _drawn(prefix: str, sent: Sent | None, make: Callable[[str, Drafts], FlaskForm]) -> FlaskForm:
    """The form under `prefix`: as sent if it was refused, empty once it was recorded, and
    otherwise with the draft the post carried along."""
    if sent is not None and sent.prefix == prefix:
        return sent.refused or make(prefix, None)
    return make(prefix, drafts(sent))


def _comment_form(on: str, sent: Sent | None) -> FlaskForm:
    def make(prefix: str, formdata: Drafts) -> FlaskForm:
        form = CommentForm(prefix=prefix, formdata=formdata)
        form.on.data = on
        return form

    return _drawn(comment_prefix(on), sent, make)


def _comment_pending(on: str, sent: Sent | None) -> bool:
    """Whether the box for `on` must show its form now, without building it (a page has a
    box per entry): the form was just sent back refused, or the post carried a draft of it."""
    prefix = comment_prefix(on)
    if sent is not None and sent.prefix == prefix:
        return sent.refused is not None
    carried = drafts(sent)
    return carried is not None and bool(carried.get(f"{prefix}-text"))  # its one text field


def _answer_form(request_id: UUID, sent: Sent | None) -> FlaskForm:
    return _drawn(answer_prefix(request_id), sent, lambda p, d: AnswerForm(prefix=p, formdata=d))
