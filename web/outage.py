"""The database out of reach: which errors mean it, and the 503 page that says so."""

import logging
import sqlite3
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

import psycopg
import sqlalchemy as sa
from eventsourcing.persistence import (
    ConnectionUnavailableError,
    InterfaceError,
    OperationalError,
)
from flask import Response, current_app, request
from flask.typing import ResponseReturnValue

log = logging.getLogger(__name__)
RETRY_AFTER = 5  # seconds: long enough for a restart or a failover, short enough to retry by hand
# SQLSTATEs the server sends when it will not take us: connection exceptions (class 08),
# shutting down or starting up (57P01-57P03), too many connections (53300).
_UNREACHABLE_STATES = ("08", "57P01", "57P02", "57P03", "53300")
_UNREACHABLE_SQLITE = ("database is locked", "unable to open database", "disk i/o error")
E = TypeVar("E", bound=Exception)


def is_outage(error: BaseException | None) -> bool:
    """Whether `error`, or the error it was raised from, means the database can't be reached."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        verdict = _verdict(error)
        if verdict is not None:
            return verdict
        # Wrappers (eventsourcing's, SQLAlchemy's, Werkzeug's 500) keep the original.
        error = error.__cause__ or getattr(error, "original_exception", None) or error.__context__
    return False


def _verdict(error: BaseException) -> bool | None:
    """True or False when this error decides it; None to look at what it was raised from."""
    if isinstance(error, ConnectionUnavailableError | sa.exc.TimeoutError):
        return True  # no connection to be had from a pool in time
    if isinstance(error, sa.exc.DBAPIError) and error.connection_invalidated:
        return True
    if isinstance(error, psycopg.OperationalError | psycopg.InterfaceError):
        # Errors made on the client (lost connection, pool timeout) carry no SQLSTATE.
        return error.sqlstate is None or error.sqlstate.startswith(_UNREACHABLE_STATES)
    if isinstance(error, sqlite3.OperationalError):
        return str(error).lower().startswith(_UNREACHABLE_SQLITE)
    if isinstance(error, OperationalError | InterfaceError) and error.__cause__ is None:
        return True  # eventsourcing's own, not wrapping a driver's error
    return None


def guarded(handler: Callable[[E], ResponseReturnValue]) -> Callable[[E], ResponseReturnValue]:
    """An error handler that answers 503 when the error, or its own rendering, is an outage."""

    @wraps(handler)
    def handle(error: E) -> ResponseReturnValue:
        if is_outage(error):
            return unavailable(error)
        try:
            return handler(error)
        except Exception as failure:
            # Error pages load the signed-in user, which needs the database.
            if is_outage(failure):
                return unavailable(failure)
            raise

    return handle


def unavailable(error: BaseException) -> Response:
    """The 503 page, rendered without touching the database; one log line, no stack trace."""
    log.warning(
        "Database unreachable: %s %s answered 503 (%s)",
        request.method,
        request.path,
        describe(error),
    )
    # Straight from the Jinja environment: render_template would run Flask-Login's context
    # processor, which loads the signed-in user from the database.
    page = current_app.jinja_env.get_template("errors/unavailable.html").render(
        retry_after=RETRY_AFTER,
        retry=request.full_path.rstrip("?") if request.method == "GET" else None,
    )
    response = Response(page, 503, headers={"Retry-After": str(RETRY_AFTER)})
    response.headers["Cache-Control"] = "no-store"
    if request.headers.get("HX-Request"):
        # Keep the page and whatever was typed in it; learnloop.js says why nothing changed.
        response.headers["HX-Reswap"] = "none"
    return response


def describe(error: BaseException) -> str:
    """A one-line account of an outage error, for logs and probes."""
    lines = str(error).strip().splitlines()
    return f"{type(error).__name__}: {lines[0][:200] if lines else 'no detail'}"
