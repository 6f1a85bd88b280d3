"""A group's timeline: every event in words, newest first, filterable by kind."""

from uuid import UUID

from flask import Blueprint, request
from flask.typing import ResponseReturnValue

from projections import queries
from projections.timeline import KINDS
from web.access import requires
from web.past import as_of_requested, read_as_of
from web.rendering import found, reading, render

bp = Blueprint("timeline", __name__)


@bp.get("/groups/<uuid:group_id>/timeline")
@requires("read")
def show(group_id: UUID) -> ResponseReturnValue:
    """The group's events, a page at a time; ?kind= narrows them, ?before= pages back,
    ?as_of= shows them as they were."""
    kinds = [k for k in request.args.getlist("kind") if k in KINDS]
    moment = as_of_requested()
    if moment is not None:
        read_as_of(group_id, moment)
    with reading() as conn:
        group = found(queries.get_group(conn, group_id))
        rows, older = queries.timeline_page(conn, group_id, kinds, request.args.get("before"))
    return render(
        "timeline/show.html",
        "timeline/_events.html",
        group=group,
        rows=rows,
        older=older,
        kinds=KINDS,
        chosen=kinds,
        first_page=not request.args.get("before"),
        past=request.args.get("as_of") if moment else None,
    )
