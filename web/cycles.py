"""Learning cycles: open one with a plan, then log observations and reflections."""

from typing import Any
from uuid import UUID

from flask import Blueprint, url_for
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm

from domain.errors import DomainError
from projections import queries
from web.forms import ObservationForm, PlanForm, ReflectionForm, attach
from web.identity import current_actor, needs_actor
from web.rendering import found, reading, render, see_other, wants_fragment
from web.services import services

bp = Blueprint("cycles", __name__)


@bp.get("/groups/<uuid:group_id>/cycles/new")
def new(group_id: UUID) -> ResponseReturnValue:
    """The form to open the group's next cycle with its plan."""
    return _new(group_id, PlanForm())


@bp.post("/groups/<uuid:group_id>/cycles")
@needs_actor
def open_cycle(group_id: UUID) -> ResponseReturnValue:
    """Open the group's next cycle."""
    form = PlanForm()
    if not form.validate():
        return _new(group_id, form, 422)
    try:
        recorded = services().app.open_cycle(
            group_id,
            form.objective.data,
            form.plan_text.data or "",
            form.question_pairs(),
            current_actor(),
        )
    except DomainError as error:
        attach(form, error)
        return _new(group_id, form, 422)
    services().caught_up(recorded.notification_id)
    return see_other(url_for("cycles.show", cycle_id=recorded.id))


@bp.get("/cycles/<uuid:cycle_id>")
def show(cycle_id: UUID) -> ResponseReturnValue:
    """A cycle: its current plan, then what was seen and learned."""
    return render("cycles/show.html", "cycles/_journal.html", **_journal(cycle_id))


@bp.post("/cycles/<uuid:cycle_id>/observations")
@needs_actor
def observe(cycle_id: UUID) -> ResponseReturnValue:
    """Record an observation made while acting."""
    return _entry(cycle_id, ObservationForm, services().app.record_observation)


@bp.post("/cycles/<uuid:cycle_id>/reflections")
@needs_actor
def reflect(cycle_id: UUID) -> ResponseReturnValue:
    """Record a reflection on what was learned."""
    return _entry(cycle_id, ReflectionForm, services().app.record_reflection)


def _entry(cycle_id: UUID, form_class: type[FlaskForm], command: Any) -> ResponseReturnValue:
    form_name = _FORM_NAMES[form_class]
    form = form_class(prefix=form_name)
    drafts = _drafts(form_name)
    if form.validate():
        try:
            recorded = command(cycle_id, form.text.data, current_actor())
        except DomainError as error:
            attach(form, error)
        else:
            services().caught_up(recorded.notification_id)
            if not wants_fragment():
                return see_other(url_for("cycles.show", cycle_id=cycle_id) + "#journal")
            return render(
                "cycles/show.html", "cycles/_journal.html", **_journal(cycle_id, **drafts)
            )
    return render(
        "cycles/show.html",
        "cycles/_journal.html",
        422,
        **_journal(cycle_id, **drafts, **{form_name: form}),
    )


def _drafts(submitted: str) -> dict[str, FlaskForm]:
    """The journal's other forms as the user left them (htmx sends them via hx-include)."""
    return {name: cls(prefix=name) for cls, name in _FORM_NAMES.items() if name != submitted}


_FORM_NAMES: dict[type[FlaskForm], str] = {
    ObservationForm: "observation_form",
    ReflectionForm: "reflection_form",
}


def _journal(cycle_id: UUID, **forms: FlaskForm) -> dict[str, Any]:
    with reading() as conn:
        cycle = found(queries.get_cycle(conn, cycle_id))
        context = {
            "cycle": cycle,
            "group": queries.get_group(conn, cycle.group_id),
            "plan": queries.current_plan(conn, cycle_id),
            "entries": queries.cycle_entries(conn, cycle_id),
        }
    for form_class, name in _FORM_NAMES.items():
        context[name] = forms.get(name) or form_class(prefix=name, formdata=None)
    return context


def _new(group_id: UUID, form: PlanForm, status: int = 200) -> ResponseReturnValue:
    with reading() as conn:
        group = found(queries.get_group(conn, group_id))
    return render("cycles/new.html", "cycles/_plan_form.html", status, group=group, form=form)
