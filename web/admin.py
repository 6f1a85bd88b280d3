"""Administration: the accounts (administrators are made from the command line)."""

from flask import Blueprint
from flask.typing import ResponseReturnValue

from projections import queries
from web.access import requires
from web.rendering import reading, render

bp = Blueprint("admin", __name__)


@bp.get("/admin/accounts")
@requires("admin")
def accounts() -> ResponseReturnValue:
    """Every account, by email."""
    with reading() as conn:
        rows = queries.list_accounts(conn)
    return render("admin/accounts.html", "admin/_accounts.html", accounts=rows)
