"""The per-process services a Flask app holds: the Application and the read side."""

import logging
from dataclasses import dataclass

import sqlalchemy as sa
from eventsourcing.sqlite import SQLiteConnectionPool
from flask import Flask, current_app

from domain.application import Learnloop
from projections.database import all_projections, make_engine, one_at_a_time
from projections.runner import Runner
from web.storage import Storage, storage_for

log = logging.getLogger(__name__)
KEY = "learnloop"
# The advisory lock a process holds while the event store makes its tables.
STORE_LOCK = 0x1EA2_5702
# Serving threads per process when neither `learnloop serve` nor LEARNLOOP_THREADS says.
THREADS = 4


@dataclass
class Services:
    """One Application, one read-side engine and one runner per process."""

    app: Learnloop
    engine: sa.Engine
    runner: Runner

    def caught_up(self, notification_id: int) -> None:
        """Read your writes: make sure the read model includes this notification."""
        self.runner.catch_up(until=notification_id)

    def close(self) -> None:
        """Release database connections."""
        self.engine.dispose()
        self.app.close()


def build_services(flask_app: Flask) -> Services:
    """Build the services for this app's configured database.

    Catches the read model up unless CATCH_UP_AT_START is false (`projections status`
    reports the lag as it is).
    """
    threads = int(flask_app.config.get("THREADS", THREADS))
    storage = storage_for(
        flask_app.config.get("DATABASE_URL"), flask_app.instance_path, threads=threads
    )
    flask_app.config["STORAGE"] = storage.description
    log.info("Events and read model in %s", storage.description)
    engine = make_engine(storage.sqlalchemy_url, threads=threads)
    try:
        application = open_application(storage, engine)
    except BaseException:
        engine.dispose()
        raise
    try:
        runner = Runner(engine, application.recorder, application.mapper, all_projections())
        runner.setup()
        if flask_app.config.get("CATCH_UP_AT_START", True):
            runner.catch_up()
    except BaseException:
        # Closed here, not left to the garbage collector: a PostgreSQL pool collected on
        # one of its own threads cannot join that thread, and says so with a traceback
        # (a worker started during an outage retries this over and over).
        engine.dispose()
        application.close()
        raise
    return Services(application, engine, runner)


def open_application(storage: Storage, engine: sa.Engine) -> Learnloop:
    """The Application on this storage, its tables made by one process at a time."""
    # Processes starting together on PostgreSQL would race to create (or, when they
    # exist, re-declare) the event store's tables, types and functions, and the loser
    # fails ("duplicate key … pg_type", "tuple concurrently updated").
    with one_at_a_time(engine, STORE_LOCK):
        application = Learnloop(env=storage.persistence_env)
    # eventsourcing's SQLite pool gives up on a connection after 5 s (not a setting of
    # its factory) while its writers wait up to SQLITE_LOCK_TIMEOUT for another process's
    # write lock: under load reads then failed although nothing was wrong. Wait as long.
    pool = getattr(getattr(application.factory, "datastore", None), "pool", None)
    if isinstance(pool, SQLiteConnectionPool):
        pool.pool_timeout = float(storage.persistence_env["SQLITE_LOCK_TIMEOUT"])
    return application


def services() -> Services:
    """The services of the app handling this request."""
    found: Services = current_app.extensions[KEY]
    return found
