"""The sponsor dashboard: each of one's groups at a glance, those needing help first."""

from flask import Blueprint, current_app
from flask.typing import ResponseReturnValue

from projections import queries
from web.access import requires
from web.measure_charts import sparklines
from web.rendering import reading, render
from web.users import current_actor

bp = Blueprint("dashboard", __name__)


@bp.get("/dashboard")
@requires("signed_in")
def index() -> ResponseReturnValue:
    """How each group one belongs to or backs is doing; stuck or asking for help first."""
    stuck_after = int(current_app.config.get("STUCK_DAYS", 14))
    with reading() as conn:
        rows = queries.dashboard(conn, current_actor(), stuck_after)
        measures = queries.measures_of_groups(conn, [g.id for g in rows])
        sparks = sparklines(conn, list(measures.values()))
    return render(
        "dashboard/index.html",
        "dashboard/_groups.html",
        rows=rows,
        stuck_after=stuck_after,
        sparks=sparks,
    )
