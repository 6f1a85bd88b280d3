"""Posts that add to a cycle's journal; with htmx each swaps the journal (or plan) in place.
And the form to comment on an entry, which its box fetches when opened."""

from collections.abc import Callable
from uuid import UUID

from flask import Blueprint, abort, request
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm

from domain.application import Recorded
from projections import queries
from web.access import requires
from web.forms import (
    ActForm,
    AnswerForm,
    CloseHelpForm,
    CommentForm,
    CompareForm,
    HelpForm,
    MistakeForm,
    ReflectionForm,
    TaskDoneForm,
    offer_questions,
)
from web.forms.registry import Sent, answer_prefix, comment_prefix, posted
from web.forms.when import WhenForm
from web.pages import cycle
from web.posting import post
from web.rendering import found, reading, render
from web.services import services
from web.users import current_actor

bp = Blueprint("journal", __name__)


@bp.post("/cycles/<uuid:cycle_id>/entries")
@requires("record")
def act(cycle_id: UUID) -> ResponseReturnValue:
    """Record an action, observation, problem or surprise."""
    sent = _asking(ActForm, cycle_id)
    form = sent.form
    return post(
        sent,
        lambda: services().app.record_act_entry(
            cycle_id,
            form.kind.data,
            form.text.data,
            form.question.data or "",
            current_actor(),
            happened=form.happened(),
        ),
        cycle.journal(cycle_id),
    )


@bp.post("/cycles/<uuid:cycle_id>/comparisons")
@requires("record")
def compare(cycle_id: UUID) -> ResponseReturnValue:
    """Compare what happened with a question's prediction."""
    sent = _asking(CompareForm, cycle_id)
    form = sent.form
    return post(
        sent,
        lambda: services().app.compare_prediction(
            cycle_id,
            form.question.data,
            form.outcome.data or "",
            form.text.data,
            current_actor(),
            happened=form.happened(),
        ),
        cycle.journal(cycle_id),
    )


@bp.post("/cycles/<uuid:cycle_id>/reflections")
@requires("record")
def reflect(cycle_id: UUID) -> ResponseReturnValue:
    """Record what was learned."""
    return _dated(posted(ReflectionForm), cycle_id, services().app.record_reflection)


@bp.post("/cycles/<uuid:cycle_id>/mistakes")
@requires("record")
def mistake(cycle_id: UUID) -> ResponseReturnValue:
    """Own a mistake, as learning."""
    return _dated(posted(MistakeForm), cycle_id, services().app.own_mistake)


@bp.post("/cycles/<uuid:cycle_id>/help")
@requires("record")
def ask_for_help(cycle_id: UUID) -> ResponseReturnValue:
    """Ask for help."""
    return _text(posted(HelpForm), cycle_id, services().app.ask_for_help)


@bp.post("/help/<uuid:request_id>/answers")
@requires("comment")
def answer_help(request_id: UUID) -> ResponseReturnValue:
    """Answer a help request."""
    sent = posted(AnswerForm, answer_prefix(request_id))
    return _text(sent, _help_cycle(request_id), services().app.answer_help, on=request_id)


@bp.post("/help/<uuid:request_id>/close")
@requires("comment")
def close_help(request_id: UUID) -> ResponseReturnValue:
    """Close a help request (only its asker may)."""
    cycle_id = _help_cycle(request_id)
    return post(
        posted(CloseHelpForm),
        lambda: services().app.close_help(request_id, current_actor()),
        cycle.journal(cycle_id, alert=True),
    )


@bp.get("/cycles/<uuid:cycle_id>/comments/new")
@requires("comment")
def comment_form(cycle_id: UUID) -> ResponseReturnValue:
    """The form to comment on an entry: the fragment for its box, or a page of its own."""
    try:
        entry_id = UUID(hex=request.args.get("on", ""))
    except ValueError:
        abort(404)
    return render(*cycle.COMMENT_PAGE, **cycle.comment_view(cycle_id, entry_id).context())


@bp.post("/cycles/<uuid:cycle_id>/comments")
@requires("comment")
def comment(cycle_id: UUID) -> ResponseReturnValue:
    """Comment on the plan, the decision or an entry."""
    on = request.args.get("on", "")
    sent = posted(CommentForm, comment_prefix(on))
    text = sent.form.text
    landing = cycle.plan_section(cycle_id) if on == "plan" else cycle.journal(cycle_id)
    return post(
        sent, lambda: services().app.comment(cycle_id, on, text.data, current_actor()), landing
    )


@bp.post("/cycles/<uuid:cycle_id>/tasks/<task_id>/done")
@requires("record")
def task_done(cycle_id: UUID, task_id: str) -> ResponseReturnValue:
    """Mark a set-up task done."""
    return post(
        posted(TaskDoneForm),
        lambda: services().app.complete_task(cycle_id, task_id, current_actor()),
        cycle.plan_section(cycle_id, alert=True),
    )


def _text(
    sent: Sent,
    cycle_id: UUID,
    command: Callable[[UUID, str, str], Recorded],
    on: UUID | None = None,
) -> ResponseReturnValue:
    """A post of one text to the journal, by the command that records it `on` the cycle
    (or on a thing in it, such as a help request)."""
    text = sent.form.text
    return post(
        sent,
        lambda: command(on or cycle_id, text.data, current_actor()),
        cycle.journal(cycle_id),
    )


def _dated(sent: Sent, cycle_id: UUID, command: Callable[..., Recorded]) -> ResponseReturnValue:
    """A post of one text to the journal, with when it happened if the team said."""
    form = sent.form
    assert isinstance(form, WhenForm)  # the journal's dated forms
    return post(
        sent,
        lambda: command(cycle_id, form.text.data, current_actor(), happened=form.happened()),
        cycle.journal(cycle_id),
    )


def _asking(form_class: type[FlaskForm], cycle_id: UUID) -> Sent:
    """A journal form whose question choices come from the cycle's current plan."""
    sent = posted(form_class)
    with reading() as conn:
        plan = found(queries.current_plan(conn, cycle_id, cited=False))
    offer_questions(sent.form, plan.questions)
    return sent


def _help_cycle(request_id: UUID) -> UUID:
    with reading() as conn:
        return found(queries.help_request_cycle(conn, request_id))
