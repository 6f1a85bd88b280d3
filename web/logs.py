"""Logging: the app's lines on stderr, and one line per request with its time, its CPU
time and its request id."""

import logging
import re
import secrets
import sys
import time
from urllib.parse import quote

from flask import Flask, Response, g, request

HANDLER = "learnloop-stderr"
FORMAT = "%(asctime)s [%(process)d] [%(levelname)s] %(name)s: %(message)s"
# The loggers whose lines are the app's: its packages, and gunicorn's own (workers
# booting, timing out); LEARNLOOP_LOG_LEVEL sets theirs. Libraries keep their WARNING.
OURS = ("web", "projections", "domain", "gunicorn.error")
# A request id from a proxy is echoed back only if it is a short plain token.
SANE_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
# An invitation's address holds its single-use token: everything after the id is elided.
INVITATION = re.compile(r"^(/invitations/[^/]*/).+")
LONGEST_PATH = 300
SAFE = "/-._~!$&'()*+,;=:@"

log = logging.getLogger("web.requests")


class _Stderr(logging.StreamHandler):
    """Writes to sys.stderr as it is at each line (test runners swap it)."""

    def emit(self, record: logging.LogRecord) -> None:
        """Write the record to the current stderr."""
        self.stream = sys.stderr
        super().emit(record)


def configure(level: str | int = "INFO") -> None:
    """Send the app's lines to stderr at `level`; calling it again only sets the level."""
    root = logging.getLogger()
    if not any(handler.get_name() == HANDLER for handler in root.handlers):
        handler = _Stderr()
        handler.set_name(HANDLER)
        handler.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(handler)
    chosen = level.strip().upper() if isinstance(level, str) else level
    for name in OURS:
        logging.getLogger(name).setLevel(chosen)


def init_app(app: Flask) -> None:
    """Configure logging at LOG_LEVEL and log one line per request."""
    configure(app.config.get("LOG_LEVEL", "INFO"))
    # Registered before every other hook, so a request another hook refuses is timed too.
    app.before_request(_start)
    app.after_request(_finish)


def _start() -> None:
    g.request_started = time.perf_counter()
    # The serving thread's own CPU time: a request runs on one thread from start to end,
    # so the difference is what this request cost (what sizes a deployment: see README).
    g.request_cpu = time.thread_time()
    given = request.headers.get("X-Request-ID", "")
    g.request_id = given if SANE_ID.fullmatch(given) else secrets.token_hex(8)


def _finish(response: Response) -> Response:
    if "request_id" not in g:
        _start()
    elapsed = (time.perf_counter() - g.request_started) * 1000
    cpu = (time.thread_time() - g.request_cpu) * 1000
    # Never the query string, the body or a cookie: they may hold tokens or passwords.
    log.info(
        "%s %s %d %.1fms cpu=%.1fms id=%s",
        request.method,
        logged_path(),
        response.status_code,
        elapsed,
        cpu,
        g.request_id,
    )
    response.headers["X-Request-ID"] = g.request_id
    return response


def logged_path() -> str:
    """The request's path as it may be logged: tokens elided, quoted, not too long."""
    # Quoted, so a path cannot start a line of its own or pass for another entry.
    path = quote(request.path[:LONGEST_PATH], safe=SAFE)
    token = (request.view_args or {}).get("token")
    if token:
        path = path.replace(quote(str(token), safe=SAFE), "…")
    return INVITATION.sub(r"\1…", path)
