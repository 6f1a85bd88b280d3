"""Learning cycles: open one with a plan, show it, and decide — adopt or abandon."""

from uuid import UUID

from flask import Blueprint, request
from flask.typing import ResponseReturnValue

from projections import queries
from web.access import requires
from web.forms import DecisionForm, NewCycleForm
from web.forms.registry import posted
from web.pages import cycle, opening
from web.past import as_of_requested, before_the_cycle, read_as_of
from web.posting import Landing, post
from web.rendering import found, reading, render
from web.services import services
from web.users import current_actor

bp = Blueprint("cycles", __name__)


@bp.post("/groups/<uuid:group_id>/cycles")
@requires("facilitate")
def open_cycle(group_id: UUID) -> ResponseReturnValue:
    """Open a new ramp's first cycle: the plan the check page posts (web/opening.py).
    Refused, the check page says why, each problem linking to the question to change."""
    sent = posted(NewCycleForm)
    form = sent.form
    return post(
        sent,
        lambda: services().app.open_cycle(
            group_id,
            form.plan_input(),
            current_actor(),
            form.method.data,
            happened=form.happened(),
        ),
        Landing(
            opening.CHECKING,
            opening.CHECKING,
            lambda sent: opening.refused(group_id, sent),
            lambda recorded: opening.opened(recorded.id),
        ),
    )


@bp.get("/cycles/<uuid:cycle_id>")
@requires("read")
def show(cycle_id: UUID) -> ResponseReturnValue:
    """A cycle: its plan, what was done, seen and learned, its decision (?as_of= the past;
    ?act_before= and ?reflect_before= page the journal's lists back)."""
    moment = as_of_requested()
    if moment is not None:
        with reading() as conn:
            live = found(queries.get_cycle(conn, cycle_id))
        read_as_of(live.group_id, moment)
        before_the_cycle(live)
    page = cycle.cycle_view(cycle_id, before=request.args)
    return render(cycle.WHOLE, cycle.JOURNAL, **page.context())


@bp.post("/cycles/<uuid:cycle_id>/decision")
@requires("record")
def decide(cycle_id: UUID) -> ResponseReturnValue:
    """Adopt or abandon the change; closes the cycle and its ramp."""
    sent = posted(DecisionForm)
    form = sent.form
    return post(
        sent,
        lambda: services().app.decide(
            cycle_id,
            form.decision.data,
            form.reason.data,
            current_actor(),
            happened=form.happened(),
        ),
        cycle.journal(cycle_id, anchor="#decision", swap=False),
    )
