"""The group's charts beside its cycles: on a cycle's page and its ramp's revision history,
each measure as it stood at the cycle's end (its decision, or now), loaded by htmx when
shown, or as a page of its own without JavaScript."""

from uuid import UUID

from flask import Blueprint
from flask.typing import ResponseReturnValue

from projections import queries
from web.access import requires
from web.measure_charts import measure_chart
from web.past import as_of_requested, read_as_of
from web.rendering import found, reading, render

bp = Blueprint("measure_context", __name__)


@bp.get("/cycles/<uuid:cycle_id>/measures")
@requires("read")
def over_cycle(cycle_id: UUID) -> ResponseReturnValue:
    """The group's measures charted up to the end of this cycle, marking its cycles."""
    with reading() as conn:
        cycle = found(queries.get_cycle(conn, cycle_id))
    moment = as_of_requested()
    if moment is not None:
        read_as_of(cycle.group_id, moment)
    with reading() as conn:
        cycle = found(queries.get_cycle(conn, cycle_id))  # as it was then, in a past view
        group = found(queries.get_group(conn, cycle.group_id))
        decided = cycle.decision_happened_at  # a backfilled cycle's, not when it was typed
        until = decided.date() if decided else None
        pages = queries.group_charts(conn, cycle.group_id, until)
    charts = [
        measure_chart(
            p.measure, p.points, p.lines, p.marks, element_id=f"chart-{p.measure.id.hex}"
        )
        for p in pages
        if p.points
    ]
    unmeasured = [p.measure for p in pages if not p.points]
    return render(
        "measures/over_cycle.html",
        "measures/_over_cycle.html",
        cycle=cycle,
        group=group,
        charts=charts,
        unmeasured=unmeasured,
    )
