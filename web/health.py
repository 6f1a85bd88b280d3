"""Probes for load balancers: is the process up, and is it ready to serve."""

import sqlalchemy as sa
from flask import Blueprint, Response, current_app

from web.access import public
from web.outage import RETRY_AFTER, describe, is_outage
from web.services import services

bp = Blueprint("health", __name__)
READY_MAX_LAG = 1000  # events the read model may be behind the log and still serve


@bp.get("/healthz")
@public
def healthz() -> Response:
    """The process is up: no database, no session, no sign-in."""
    return plain("ok", 200)


@bp.get("/readyz")
@public
def readyz() -> Response:
    """Ready to serve: the database answers and the read model is close behind the log."""
    reason = _not_ready()
    return plain("ready", 200) if reason is None else not_ready(reason)


def _not_ready() -> str | None:
    found = services()
    limit = int(current_app.config.get("READY_MAX_LAG", READY_MAX_LAG))
    try:
        with found.engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
        # The head of the event store's log against each projection's tracking row.
        lag = max((status.lag for status in found.runner.status()), default=0)
    except Exception as error:
        if not is_outage(error):
            raise
        return f"database unreachable: {describe(error)}"
    if lag > limit:
        return f"read model {lag} events behind the log (limit {limit})"
    return None


def not_ready(reason: str) -> Response:
    """Not ready, and why: a 503 the load balancer may ask again after Retry-After."""
    response = plain(reason, 503)
    response.headers["Retry-After"] = str(RETRY_AFTER)
    return response


def plain(text: str, status: int) -> Response:
    """A probe's answer: plain text."""
    # Probes are polled every few seconds: never cached, never a cookie.
    return Response(
        text + "\n", status, mimetype="text/plain", headers={"Cache-Control": "no-store"}
    )
