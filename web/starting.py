"""A process that starts while its database can't be reached answers 503 until it can.

Without this a gunicorn worker whose app fails to build exits as "failed to boot", and
gunicorn then stops the whole server: a worker replaced during an outage would take every
other worker down with it, for good.
"""

import logging
import threading
from collections.abc import Callable
from typing import Any

from flask import Flask, Response

from web import create_app
from web.health import not_ready, plain
from web.outage import RETRY_AFTER, describe, is_outage, unavailable

log = logging.getLogger(__name__)


def when_reachable(
    build: Callable[[], Flask], retry_every: float = RETRY_AFTER
) -> "Flask | StandIn":
    """The app `build` makes; or, while the database is out of reach, a stand-in for it."""
    try:
        return build()
    except Exception as error:
        if not is_outage(error):
            raise
        log.warning(
            "Database unreachable at start (%s): answering 503 until it is back", describe(error)
        )
        return StandIn(build, error, retry_every)


class StandIn:
    """Answers 503 (the app's page; /healthz ok) while a thread tries to build the app."""

    def __init__(self, build: Callable[[], Flask], error: BaseException, retry_every: float):
        self.error = error
        self.app: Flask | None = None
        self.built = threading.Event()
        self._build = build
        self._retry_every = retry_every
        self._stopped = threading.Event()
        self._page = _page(self)
        # A thread, so no request waits on a build that may take the connect timeout.
        threading.Thread(target=self._keep_trying, name="app-builder", daemon=True).start()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        """The app once built, the 503 page until then."""
        return (self.app or self._page)(environ, start_response)

    def stop(self) -> None:
        """Stop trying (the app, if built, stays)."""
        self._stopped.set()

    def _keep_trying(self) -> None:
        while not self._stopped.wait(self._retry_every):
            try:
                self.app = self._build()
            except Exception as error:
                if is_outage(error):
                    self.error = error
                else:
                    log.exception("Building the app failed")
                continue
            log.warning("Database reachable again: the app is built")
            self.built.set()
            return


def _page(stand_in: StandIn) -> Flask:
    """A bare app on the web package's templates and static files: no database at all."""
    page = Flask("web")

    @page.get("/healthz")
    def healthz() -> Response:
        return plain("ok", 200)

    @page.get("/readyz")
    def readyz() -> Response:
        return not_ready(f"database unreachable: {describe(stand_in.error)}")

    @page.route("/", defaults={"path": ""}, methods=["GET", "HEAD", "POST", "PUT", "DELETE"])
    @page.route("/<path:path>", methods=["GET", "HEAD", "POST", "PUT", "DELETE"])
    def everything(path: str) -> Response:
        return unavailable(stand_in.error)

    return page


def application(config: dict[str, Any] | None = None) -> "Flask | StandIn":
    """For WSGI servers: `gunicorn 'web.starting:application()'`."""
    return when_reachable(lambda: create_app(config))
