"""The read side's engine and the list of projections the product runs."""

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from projections.directory import GroupDirectory
from projections.helpdesk import HelpDesk
from projections.measures import Measures
from projections.method_records import MethodRecords
from projections.people import People
from projections.projection import Projection
from projections.record import CycleRecord
from projections.timeline import Timeline

# The key of the PostgreSQL advisory lock that setting up holds (any constant, unique to it).
SETUP_LOCK = 0x1EA2_100F
# Seconds to wait for a pooled connection, and on SQLite for another's write lock.
WAIT_SECONDS = 30
# Seconds to wait for PostgreSQL to answer a new connection: down is an error, not a hang.
CONNECT_SECONDS = 5


def all_projections() -> list[Projection]:
    """Every projection, in the order they are caught up."""
    return [
        GroupDirectory(),
        CycleRecord(),
        HelpDesk(),
        People(),
        Timeline(),
        MethodRecords(),
        Measures(),
    ]


def make_engine(url: str, threads: int = 4) -> sa.Engine:
    """An engine for the read-model tables, its pool sized for `threads` serving threads."""
    # A request may hold two connections at once (its page's, and the catch-up's after a
    # command), so each thread gets one in the pool and one in the overflow; waiting for
    # one is bounded by the lock wait, not shorter than it.
    pool = dict(pool_size=threads, max_overflow=threads, pool_timeout=WAIT_SECONDS)
    if url.startswith("sqlite"):
        if sa.make_url(url).database in (None, "", ":memory:"):
            pool = {}  # one connection per thread, held: there is no file to share
        engine = sa.create_engine(url, connect_args={"timeout": WAIT_SECONDS}, **pool)
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return sa.create_engine(
        url, pool_pre_ping=True, connect_args={"connect_timeout": CONNECT_SECONDS}, **pool
    )


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    # WAL lets pages read while one process writes; the file keeps the mode once set
    # (eventsourcing sets it too), so this only matters for a file made here first. The
    # busy timeout is the driver's `timeout`, said again so it holds for every statement.
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={WAIT_SECONDS * 1000}")
    cursor.close()


def setup_lock(conn: sa.Connection) -> None:
    """Make this transaction the only setup running: the others wait, then find the tables.

    Without it two processes on a fresh database both see a table missing and the
    second CREATE TABLE fails ("table ... already exists").
    """
    if conn.dialect.name == "sqlite":
        # SQLite's one write lock, taken now rather than at the first write; others wait
        # for it up to the connection's busy timeout.
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        # A transaction-scoped advisory lock: released by the commit, or if the process dies.
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(SETUP_LOCK)))


@contextmanager
def one_at_a_time(engine: sa.Engine, key: int) -> Iterator[None]:
    """Run the block in one process at a time: a PostgreSQL advisory lock on `key`, or on
    SQLite a lock on a file beside the database.

    SQLite's own write lock cannot serve: the block's transactions need it themselves, and
    some steps are refused at once, "database is locked", rather than made to wait: the
    first connection to a new file switches it to WAL, which needs the file to itself
    (seen when four processes started together under load), and a transaction that began
    by reading (CREATE TABLE IF NOT EXISTS reads the schema first) cannot then write if
    another process wrote since.
    """
    if engine.dialect.name == "sqlite":
        with _file_lock(engine.url.database, key):
            yield
        return
    with engine.connect() as conn:
        # Session-level, so it outlasts the block's own transactions; the server drops it
        # if this process dies.
        conn.execute(sa.select(sa.func.pg_advisory_lock(key)))
        conn.commit()
        try:
            yield
        finally:
            conn.execute(sa.select(sa.func.pg_advisory_unlock(key)))
            conn.commit()


@contextmanager
def _file_lock(database: str | None, key: int) -> Iterator[None]:
    """An exclusive lock on `<database>.lock-<key>`, held for the block; the system drops it
    if the process dies. A database in memory has no other process to keep out."""
    if database in (None, "", ":memory:"):
        yield
        return
    with open(f"{database}.lock-{key:x}", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(held, fcntl.LOCK_UN)
