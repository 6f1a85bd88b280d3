"""Posts that add to a cycle's journal; with htmx each swaps the journal (or plan) in place."""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from flask import Blueprint, request, url_for
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm

from domain.application import Recorded
from projections import queries
from web.access import requires
from web.auth import current_actor
from web.commands import submit
from web.cycle_page import cycle_context, plan_context
from web.forms import (
    ActForm,
    AnswerForm,
    CommentForm,
    CompareForm,
    HelpForm,
    MistakeForm,
    ReflectionForm,
    offer_questions,
)
from web.rendering import found, reading, render, see_other, wants_fragment
from web.services import services

bp = Blueprint("journal", __name__)
JOURNAL = ("cycles/show.html", "cycles/_journal.html")
PLAN = ("cycles/show.html", "cycles/_plan_section.html")


@bp.post("/cycles/<uuid:cycle_id>/entries")
@requires("record")
def act(cycle_id: UUID) -> ResponseReturnValue:
    """Record an action, observation, problem or surprise."""
    form = _form(ActForm, "act_form", cycle_id)
    return journal_post(
        cycle_id,
        form,
        lambda: services().app.record_act_entry(
            cycle_id, form.kind.data, form.text.data, form.question.data or "", current_actor()
        ),
    )


@bp.post("/cycles/<uuid:cycle_id>/comparisons")
@requires("record")
def compare(cycle_id: UUID) -> ResponseReturnValue:
    """Compare what happened with a question's prediction."""
    form = _form(CompareForm, "compare_form", cycle_id)
    return journal_post(
        cycle_id,
        form,
        lambda: services().app.compare_prediction(
            cycle_id, form.question.data, form.outcome.data, form.text.data, current_actor()
        ),
    )


@bp.post("/cycles/<uuid:cycle_id>/reflections")
@requires("record")
def reflect(cycle_id: UUID) -> ResponseReturnValue:
    """Record what was learned."""
    form = ReflectionForm(prefix="reflection_form")
    return journal_post(
        cycle_id,
        form,
        lambda: services().app.record_reflection(cycle_id, form.text.data, current_actor()),
    )


@bp.post("/cycles/<uuid:cycle_id>/mistakes")
@requires("record")
def mistake(cycle_id: UUID) -> ResponseReturnValue:
    """Own a mistake, as learning."""
    form = MistakeForm(prefix="mistake_form")
    return journal_post(
        cycle_id,
        form,
        lambda: services().app.own_mistake(cycle_id, form.text.data, current_actor()),
    )


@bp.post("/cycles/<uuid:cycle_id>/help")
@requires("record")
def ask_for_help(cycle_id: UUID) -> ResponseReturnValue:
    """Ask for help."""
    form = HelpForm(prefix="help_form")
    return journal_post(
        cycle_id,
        form,
        lambda: services().app.ask_for_help(cycle_id, form.text.data, current_actor()),
    )


@bp.post("/help/<uuid:request_id>/answers")
@requires("comment")
def answer_help(request_id: UUID) -> ResponseReturnValue:
    """Answer a help request."""
    cycle_id = _help_cycle(request_id)
    form = AnswerForm(prefix=f"a{request_id.hex}")
    return journal_post(
        cycle_id,
        form,
        lambda: services().app.answer_help(request_id, form.text.data, current_actor()),
    )


@bp.post("/help/<uuid:request_id>/close")
@requires("comment")
def close_help(request_id: UUID) -> ResponseReturnValue:
    """Close a help request (only its asker may)."""
    cycle_id = _help_cycle(request_id)
    form = FlaskForm()
    return journal_post(
        cycle_id, form, lambda: services().app.close_help(request_id, current_actor())
    )


@bp.post("/cycles/<uuid:cycle_id>/comments")
@requires("comment")
def comment(cycle_id: UUID) -> ResponseReturnValue:
    """Comment on the plan, the decision or an entry."""
    on = request.args.get("on", "")
    form = CommentForm(prefix=f"c{on}")
    templates = PLAN if on == "plan" else JOURNAL
    return journal_post(
        cycle_id,
        form,
        lambda: services().app.comment(cycle_id, on, form.text.data, current_actor()),
        templates,
    )


@bp.post("/cycles/<uuid:cycle_id>/tasks/<task_id>/done")
@requires("record")
def task_done(cycle_id: UUID, task_id: str) -> ResponseReturnValue:
    """Mark a set-up task done."""
    form = FlaskForm()
    return journal_post(
        cycle_id,
        form,
        lambda: services().app.complete_task(cycle_id, task_id, current_actor()),
        PLAN,
    )


def _form(form_class: type[FlaskForm], prefix: str, cycle_id: UUID) -> FlaskForm:
    """A journal form whose question choices come from the cycle's current plan."""
    form = form_class(prefix=prefix)
    with reading() as conn:
        plan = found(queries.current_plan(conn, cycle_id))
    offer_questions(form, [q["question"] for q in plan.questions])
    return form


def _help_cycle(request_id: UUID) -> UUID:
    with reading() as conn:
        cycle_id: UUID = found(queries.help_request_cycle(conn, request_id))
    return cycle_id


def journal_post(
    cycle_id: UUID,
    form: FlaskForm,
    command: Callable[[], Recorded],
    templates: tuple[str, str] = JOURNAL,
) -> ResponseReturnValue:
    """Run the command and show the result: the fragment, or the page again."""
    recorded, status = submit(form, command)
    if recorded is not None:
        anchor = "#plan" if templates == PLAN else "#journal"
        if not wants_fragment():
            return see_other(url_for("cycles.show", cycle_id=cycle_id) + anchor)
        fresh = type(form)(prefix=form._prefix.rstrip("-"), formdata=None)
        return render(*templates, **_context(cycle_id, fresh, templates))
    context = _context(cycle_id, form, templates)
    if type(form) is FlaskForm:  # a bare button (close, done): its message goes on top
        context["alert"] = form.form_errors
    return render(*templates, status, **context)


def _context(cycle_id: UUID, form: FlaskForm, templates: tuple[str, str]) -> dict[str, Any]:
    # The plan section swapped in alone needs a fraction of what the whole page shows.
    if templates == PLAN and wants_fragment():
        return plan_context(cycle_id, form)
    return cycle_context(cycle_id, form)
