"""The learning library: every group's learning one may read, searchable as you type."""

from uuid import UUID

from flask import Blueprint, abort, request
from flask.typing import ResponseReturnValue

from projections import queries
from web.access import requires
from web.rendering import reading, render
from web.users import current_actor

bp = Blueprint("library", __name__)


@bp.get("/library")
@requires("signed_in")
def index() -> ResponseReturnValue:
    """Learning, newest first; ?q= searches it, best matches first (htmx asks as you type)."""
    words = request.args.get("q", "")[:200]
    with reading() as conn:
        rows, older = queries.search_learning(
            conn, current_actor(), words, request.args.get("before")
        )
    return render(
        "library/index.html",
        "library/_results.html",
        rows=rows,
        older=older,
        q=words,
        ranked=queries.is_search(words),
        first_page=not request.args.get("before"),
    )


@bp.get("/library/<uuid:entry_id>")
@requires("signed_in")
def show(entry_id: UUID) -> ResponseReturnValue:
    """One learning statement, the plan changes it led to and the group's measures over its
    cycle's dates."""
    with reading() as conn:
        found = queries.learning(conn, current_actor(), entry_id)
        if found is None:
            abort(404)  # not there, or in a group this person may not read
        changes = queries.changes_citing(conn, entry_id)
        measured = queries.values_over(
            conn,
            found.group_id,
            found.opened_at.date(),
            found.decided_at and found.decided_at.date(),
        )
    return render(
        "library/show.html",
        "library/_learning.html",
        item=found,
        changes=changes,
        measured=measured,
    )
