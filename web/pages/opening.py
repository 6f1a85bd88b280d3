"""The pages that open a cycle: a question a page, then "Check your answers" (routes in
web/opening.py); and where the plan the check page posts lands (web/cycles.py)."""

import logging
from dataclasses import dataclass
from uuid import UUID

from flask import request, url_for

from domain.methods import CATALOGUE, Method
from domain.plan import EXPLORATORY
from domain.when import clock_words, day_words
from projections import queries
from web import cycle_drafts
from web.forms.methods import NewCycleForm
from web.forms.opening import DRAFT, QUESTIONS, Answers, Question, answered, answers_of, before
from web.forms.problems import problems
from web.forms.registry import Sent
from web.pages import PageView
from web.rendering import found, live, reading
from web.users import current_actor

log = logging.getLogger(__name__)
ASKING = "cycles/opening/question.html"
ASKING_FORM = "cycles/opening/_question.html"  # the part htmx swaps
CHECKING = "cycles/opening/check.html"


@dataclass(frozen=True)
class QuestionView(PageView):
    """One question page: the question, the plan's form over the answers so far, where
    "Back" goes and where the answer is sent."""

    group: queries.GroupRow
    question: Question
    form: NewCycleForm
    methods: dict[str, Method]
    number: int
    of: int
    back: str
    action: str


@dataclass(frozen=True)
class Row:
    """One answer on the check page: what it is, its lines, and the page that asks it."""

    key: str
    lines: list[str]
    slug: str


@dataclass(frozen=True)
class Linked:
    """A problem on the check page, linked to the field on the page that asks for it."""

    message: str
    href: str | None


@dataclass(frozen=True)
class CheckView(PageView):
    """The check page: every answer with a link to change it, and the plan to post."""

    group: queries.GroupRow
    form: NewCycleForm
    draft_id: str
    answers: Answers  # posted back, hidden, exactly as they were checked
    rows: list[Row]
    found: list[Linked]
    back: str


@dataclass(frozen=True)
class Unfinished:
    """A plan someone started and has not opened: what it is for, and where to go on."""

    objective: str
    url: str  # where to go on: its first unanswered question, or its check page
    discard: str  # where to throw it away


def unfinished(group_id: UUID) -> list[Unfinished]:
    """The signed-in person's unfinished plans for the group, each leading to its first
    unanswered question (or its check page, if all are answered)."""
    found_drafts = cycle_drafts.store().unfinished(live(), UUID(current_actor()), group_id)
    return [_unfinished(group_id, d) for d in found_drafts]


def _unfinished(group_id: UUID, draft: cycle_drafts.Draft) -> Unfinished:
    objective = dict(draft.answers).get("objective", "").strip()
    asking = next((q for q in QUESTIONS if not answered(draft.answers, q)), None)
    url = (
        check_url(group_id, draft.id)
        if asking is None
        else question_url(group_id, draft.id, asking)
    )
    discard = url_for("opening.discard", group_id=group_id, draft_id=draft.id)
    return Unfinished(objective, url, discard)


def question_view(
    group_id: UUID, draft_id: str | None, question: Question, form: NewCycleForm
) -> QuestionView:
    """A question page; "Back" goes to the page before (or the check page, when changing
    an answer from there), and the answer is sent to this page's own address."""
    with reading() as conn:
        group = found(queries.get_group(conn, group_id))
    changing = bool(request.args.get("change"))
    previous = before(question)
    home = url_for("groups.show", group_id=group_id)
    if draft_id is None:
        back, action = home, url_for("opening.begin", group_id=group_id)
    else:
        if changing:
            back = check_url(group_id, draft_id)
        else:
            back = home if previous is None else question_url(group_id, draft_id, previous)
        action = question_url(group_id, draft_id, question, change=changing)
    number = QUESTIONS.index(question) + 1
    return QuestionView(group, question, form, CATALOGUE, number, len(QUESTIONS), back, action)


def check_view(group_id: UUID, draft_id: str, form: NewCycleForm, answers: Answers) -> CheckView:
    """The check page for these answers and their checked form (its problems, if any,
    link to the pages that ask for them)."""
    with reading() as conn:
        group = found(queries.get_group(conn, group_id))
    linked = [
        Linked(p.message, _href(group_id, draft_id, p.target) if p.target else None)
        for p in problems(form)
    ]
    back = question_url(group_id, draft_id, QUESTIONS[-1])
    return CheckView(group, form, draft_id, answers, rows(form), linked, back)


def refused(group_id: UUID, sent: Sent) -> CheckView:
    """The check page for a refused plan: the answers as sent, their problems linking to
    the pages that ask for them. A plan sent without a draft (from another client) gets
    one, so "Change" has somewhere to go and nothing typed is lost."""
    answers = answers_of(request.form)
    form = sent.form
    assert isinstance(form, NewCycleForm)
    store, actor = cycle_drafts.store(), UUID(current_actor())
    draft_id = request.form.get(DRAFT, "")
    draft = store.find(live(), draft_id, actor, group_id) if draft_id else None
    if draft is None:
        draft_id = store.start(actor, group_id, answers)
    else:
        store.keep(draft, answers)
    return check_view(group_id, draft_id, form, answers)


def opened(cycle_id: UUID) -> str:
    """Once the cycle is opened: close the draft it came from (its pages now lead to the
    cycle), and go to the cycle. The cycle is recorded by now, so a draft left open by a
    failure here is logged, not answered with an error page."""
    draft_id = request.form.get(DRAFT, "")
    if draft_id:
        try:
            cycle_drafts.store().opened(draft_id, UUID(current_actor()), cycle_id)
        except Exception:
            log.warning("Cycle %s opened, but its draft could not be closed", cycle_id)
    return url_for("cycles.show", cycle_id=cycle_id)


def rows(form: NewCycleForm) -> list[Row]:
    """The plan's answers in the order the pages ask for them, as the check page lists them."""
    method = CATALOGUE.get(form.method.data or "")
    plan = form.plan_input()
    return [
        Row("Method", [method.name if method else ""], "method"),
        Row("Objective", [plan["objective"] or ""], "objective"),
        Row("Questions", [_question_line(*q) for q in plan["questions"]], "questions"),
        Row("What will be done", [plan["plan_text"]], "change"),
        Row("Who", [plan.get("who", "")], "change"),
        Row("Where", [plan.get("where", "")], "change"),
        Row("When", [plan.get("when", "")], "change"),
        Row("Scale", [plan.get("scale", "")], "change"),
        Row("Set-up tasks", [_task_line(*t[:3]) for t in plan.get("tasks", [])], "tasks"),
        Row("Data to collect", [plan.get("data", "")], "data"),
        Row("Measures", [plan.get("measures", "")], "data"),
        Row("When the cycle was opened", [_opened_when(form)], "when"),
    ]


def question_url(group_id: UUID, draft_id: str, question: Question, change: bool = False) -> str:
    """A question page of a draft; `change`: reached from the check page, and back to it."""
    again = 1 if change else None  # None leaves "?change" off the address
    return url_for(
        "opening.ask", group_id=group_id, draft_id=draft_id, slug=question.slug, change=again
    )


def check_url(group_id: UUID, draft_id: str) -> str:
    """A draft's check page."""
    return url_for("opening.check", group_id=group_id, draft_id=draft_id)


def _question_line(question: str, prediction: str, reason: str, kind: str) -> str:
    if kind == EXPLORATORY:
        return f"{question} — exploratory: no prediction"
    because = f", because {reason}" if reason else ""
    return f"{question} — we predict: {prediction}{because}"


def _task_line(text: str, owner: str, due: str) -> str:
    who = f" — {owner}" if owner else ""
    by = f", by {due}" if due else ""
    return f"{text}{who}{by}"


def _opened_when(form: NewCycleForm) -> str:
    on, at = form.happened_on.data, form.happened_time.data
    if not on:
        return "Now, when you open it"
    return f"{day_words(on)}, {clock_words(at)}" if at else day_words(on)


def _href(group_id: UUID, draft_id: str, target: str) -> str | None:
    """The page (and field on it) that asks for the input `target` names."""
    asking = next((q for q in QUESTIONS if q.owns(target)), None)
    if asking is None:
        return None
    return f"{question_url(group_id, draft_id, asking, change=True)}#{target}"
