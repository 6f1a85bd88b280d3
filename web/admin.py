"""Administration: the accounts (administrators are made from the command line)."""

from flask import Blueprint, request
from flask.typing import ResponseReturnValue

from projections import queries
from web.access import requires
from web.rendering import reading, render

bp = Blueprint("admin", __name__)


@bp.get("/admin/accounts")
@requires("admin")
def accounts() -> ResponseReturnValue:
    """Every account, by email."""
    after = request.args.get("after", "")[:254]
    with reading() as conn:
        rows, more = queries.list_accounts(conn, after=after or None)
    return render(
        "admin/accounts.html", "admin/_accounts.html", accounts=rows, more=more, after=after
    )
