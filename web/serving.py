"""Serving under gunicorn: threaded workers, each building its own app with the factory."""

import logging
import os
from typing import Any

from flask import Flask
from gunicorn import glogging
from gunicorn.app.base import BaseApplication

from web import create_app, logs
from web.starting import StandIn, when_reachable


def default_workers() -> int:
    """Worker processes: gunicorn's twice the cores plus one, at most 4."""
    # Requests mostly wait on the database, so a worker per core and one more keeps the
    # cores busy. At most 4: every worker has its own connection pools (4 workers of 4
    # threads stay well inside PostgreSQL's default 100 connections) and writes queue on
    # the one database anyway; a bigger machine says --workers.
    return min(2 * (os.cpu_count() or 1) + 1, 4)


def options(
    host: str, port: int, workers: int, threads: int, log_level: str = "info"
) -> dict[str, Any]:
    """Gunicorn's settings for serving Learnloop."""
    address = f"[{host}]" if ":" in host else host
    return {
        "bind": f"{address}:{port}",
        "workers": workers,
        # Threads, not processes alone: a request waiting on the database frees its
        # thread's share of the GIL, and 4 threads keep a worker's pools small.
        "worker_class": "gthread",
        "threads": threads,
        # Never build the app in the master: each worker opens its own database
        # connections after the fork instead of sharing the master's.
        "preload_app": False,
        # A worker whose main loop is stuck this long is replaced (a slow request in a
        # thread does not count); on SIGTERM requests in flight get this long to finish.
        "timeout": 30,
        "graceful_timeout": 30,
        "keepalive": 5,
        # The app logs one line per request (with its id, tokens elided) instead.
        "accesslog": None,
        "errorlog": "-",
        "loglevel": log_level.lower(),
        "logger_class": Logger,
        # LEARNLOOP_TRUSTED_PROXIES is the one place proxies are trusted (ProxyFix):
        # gunicorn itself believes no X-Forwarded-* header from anyone.
        "forwarded_allow_ips": "",
        "secure_scheme_headers": {},
        "proc_name": "learnloop",
        "post_worker_init": _ready,
    }


def _ready(worker: Any) -> None:
    # Said once the worker has built the app (opened the database, set up the read side),
    # or has started without it because the database could not be reached.
    if isinstance(worker.wsgi, StandIn) and not worker.wsgi.built.is_set():
        worker.log.info("Worker %s started; answering 503 until the database is back", worker.pid)
    else:
        worker.log.info("Worker %s ready", worker.pid)


class Server(BaseApplication):
    """Learnloop under gunicorn; each worker calls the app factory after it forks."""

    def __init__(self, settings: dict[str, Any], app_config: dict[str, Any]) -> None:
        self.settings = settings
        self.app_config = app_config
        super().__init__()

    def load_config(self) -> None:
        """Apply the settings."""
        for key, value in self.settings.items():
            self.cfg.set(key, value)
        # Gunicorn 25.1 on opens a control socket at one path per user by default, which
        # a second server on the machine would take over; Learnloop does not use it.
        if "control_socket_disable" in self.cfg.settings:
            self.cfg.set("control_socket_disable", True)

    def load(self) -> Flask | StandIn:
        """Build the app, in the worker (a stand-in answering 503 while the database is down)."""
        return when_reachable(lambda: create_app(self.app_config))


class Logger(glogging.Logger):
    """Gunicorn's own lines (booting, worker timeouts) through the app's stderr handler."""

    def setup(self, cfg: Any) -> None:
        """Route gunicorn.error through the app's logging; no access log of gunicorn's."""
        self.cfg = cfg
        self.loglevel = self.LOG_LEVELS.get(cfg.loglevel.lower(), logging.INFO)
        logs.configure(self.loglevel)
        self.error_log.propagate = True
        self.access_log.propagate = False
