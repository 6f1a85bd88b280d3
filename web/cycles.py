"""Learning cycles: open one with a plan, show it, and decide — adopt or abandon."""

from uuid import UUID

from flask import Blueprint, request, url_for
from flask.typing import ResponseReturnValue

from domain.methods import CATALOGUE
from projections import queries
from web.access import requires
from web.auth import current_actor
from web.commands import submit
from web.cycle_page import cycle_context
from web.forms import DecisionForm, NewCycleForm
from web.past import as_of_requested, read_as_of
from web.rendering import found, reading, render, see_other
from web.services import services

bp = Blueprint("cycles", __name__)


@bp.get("/groups/<uuid:group_id>/cycles/new")
@requires("facilitate")
def new(group_id: UUID) -> ResponseReturnValue:
    """The form to open a new ramp's first cycle with its plan."""
    return _new(group_id, NewCycleForm())


@bp.post("/groups/<uuid:group_id>/cycles")
@requires("facilitate")
def open_cycle(group_id: UUID) -> ResponseReturnValue:
    """Open a new ramp's first cycle."""
    form = NewCycleForm()
    recorded, status = submit(
        form,
        lambda: services().app.open_cycle(
            group_id, form.plan_input(), current_actor(), form.method.data
        ),
    )
    if recorded is None:
        return _new(group_id, form, status)
    return see_other(url_for("cycles.show", cycle_id=recorded.id))


@bp.get("/cycles/<uuid:cycle_id>")
@requires("read")
def show(cycle_id: UUID) -> ResponseReturnValue:
    """A cycle: its plan, what was done, seen and learned, its decision (?as_of= the past;
    ?act_before= and ?reflect_before= page the journal's lists back)."""
    moment = as_of_requested()
    if moment is not None:
        with reading() as conn:
            read_as_of(found(queries.group_of_cycle(conn, cycle_id)), moment)
    context = cycle_context(cycle_id, before=request.args)
    return render("cycles/show.html", "cycles/_journal.html", **context)


@bp.post("/cycles/<uuid:cycle_id>/decision")
@requires("record")
def decide(cycle_id: UUID) -> ResponseReturnValue:
    """Adopt or abandon the change; closes the cycle and its ramp."""
    form = DecisionForm(prefix="decision_form")
    recorded, status = submit(
        form,
        lambda: services().app.decide(
            cycle_id, form.decision.data, form.reason.data, current_actor()
        ),
    )
    if recorded is not None:
        return see_other(url_for("cycles.show", cycle_id=cycle_id) + "#decision")
    return render(
        "cycles/show.html", "cycles/_journal.html", status, **cycle_context(cycle_id, form)
    )


def _new(group_id: UUID, form: NewCycleForm, status: int = 200) -> ResponseReturnValue:
    with reading() as conn:
        group = found(queries.get_group(conn, group_id))
    return render(
        "cycles/new.html",
        "cycles/_plan_form.html",
        status,
        group=group,
        form=form,
        methods=CATALOGUE,
    )
