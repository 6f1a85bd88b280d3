"""Helpers every view uses: read connections, page-or-fragment rendering, redirects."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from flask import g, redirect, render_template, request
from flask.typing import ResponseReturnValue
from flask_htmx import make_response as htmx_response
from werkzeug.exceptions import NotFound

from domain.errors import ConflictError, DomainError
from web.services import services


@contextmanager
def reading() -> Iterator[sa.Connection]:
    """A connection to the read model (or, for a past view, to the past rebuilt)."""
    engine = g.get("read_engine") or services().engine
    with engine.connect() as conn:
        yield conn


def wants_fragment() -> bool:
    """Whether htmx asked for part of a page (a boosted request wants the whole page)."""
    return bool(request.headers.get("HX-Request")) and not request.headers.get("HX-Boosted")


def render(whole: str, fragment: str, status: int = 200, /, **context: Any) -> ResponseReturnValue:
    """The fragment alone for htmx, the whole page otherwise."""
    return render_template(fragment if wants_fragment() else whole, **context), status


def see_other(location: str) -> ResponseReturnValue:
    """After a successful post: go to `location` (htmx follows a 303 just as a browser does)."""
    if wants_fragment():
        return htmx_response("", location=location)
    return redirect(location, code=303)


def status_for(error: DomainError) -> int:
    """409 when someone else changed things first (show them, keep the text), else 422."""
    return 409 if isinstance(error, ConflictError) else 422


def found(value: Any) -> Any:
    """The value, or a 404 if the read model has no such thing."""
    if value is None:
        raise NotFound()
    return value
