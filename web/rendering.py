"""Helpers every view uses: read connections, page-or-fragment rendering, redirects."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

import sqlalchemy as sa
from flask import flash, g, redirect, render_template, request
from flask.typing import ResponseReturnValue
from flask_htmx import make_response as htmx_response
from werkzeug.exceptions import NotFound

from domain.errors import ConflictError, DomainError
from web.services import services

T = TypeVar("T")
# The answers that give a form back with its messages: bad input, and someone else first.
REFUSED = (409, 422)


@contextmanager
def reading() -> Iterator[sa.Connection]:
    """A connection to the read model (or, for a past view, to the past rebuilt)."""
    yield connection(g.get("read_engine") or services().engine)


def live() -> sa.Connection:
    """This request's connection to today's database, even on a past view (which reads
    the past from an engine of its own): for what lives beside the record, such as
    sessions and drafts."""
    return connection(services().engine)


def connection(engine: sa.Engine) -> sa.Connection:
    """This request's connection to `engine`, opened on first use and closed by `close`.

    One per request rather than one per query: each checkout costs a round trip (the
    pool's ping). On PostgreSQL it reads in autocommit, each statement a transaction of
    its own: a transaction held open for the request would cost a BEGIN and a ROLLBACK
    and hide nothing more, since at READ COMMITTED (PostgreSQL's default) each statement
    sees what was committed before it anyway, read-your-writes included. SQLite reads
    outside transactions already.
    """
    opened: dict[sa.Engine, sa.Connection] = g.setdefault("connections", {})
    if engine not in opened:
        conn = engine.connect()
        if engine.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        opened[engine] = conn
    return opened[engine]


def close(_error: BaseException | None = None) -> None:
    """Give back this request's connections."""
    for conn in g.pop("connections", {}).values():
        try:
            conn.close()
        except sa.exc.DBAPIError as error:
            # The database went away mid-request: the connection is discarded already,
            # and the answer (perhaps to a command that was recorded) must still go out.
            if not error.connection_invalidated:
                raise


def wants_fragment() -> bool:
    """Whether htmx asked for part of a page: a boosted request wants the whole page, and
    so does htmx restoring a page from history that it no longer keeps (the back button)."""
    headers = request.headers
    whole = headers.get("HX-Boosted") or headers.get("HX-History-Restore-Request")
    return bool(headers.get("HX-Request")) and not whole


def render(
    whole: str, fragment: str, status: int = 200, /, **context: object
) -> ResponseReturnValue:
    """The fragment alone for htmx, the whole page otherwise (its title saying "Error: "
    when it gives back a refused form)."""
    if not wants_fragment():
        return render_template(whole, refused=status in REFUSED, **context), status
    page = render_template(fragment, **context)
    if g.get("updating"):  # a fragment has no page around it: the notice swaps in beside it
        page += render_template("_updating.html", oob=True)
    return page, status


def see_other(location: str) -> ResponseReturnValue:
    """After a successful post: go to `location` (htmx follows a 303 just as a browser does)."""
    if g.get("updating"):  # the next page says so (templates/_updating.html)
        flash("updating", "updating")
    if wants_fragment():
        return htmx_response("", location=location)
    return redirect(location, code=303)


def status_for(error: DomainError) -> int:
    """409 when someone else changed things first (show them, keep the text), else 422."""
    return 409 if isinstance(error, ConflictError) else 422


def found(value: T | None) -> T:
    """The value, or a 404 if the read model has no such thing."""
    if value is None:
        raise NotFound()
    return value
