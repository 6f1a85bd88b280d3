"""The runner: applies stored events to projections, exactly once, in batched transactions."""

import gc
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import ApplicationRecorder, Mapper

from projections.database import setup_lock
from projections.projection import Projection
from projections.tables import metadata, tracking

BATCH = 500
# A catch-up that reads a full batch reads one twice as large next, up to this: a replay
# from far behind (a rebuild, a projection whose layout changed, a worker back after a
# while) pays each transaction's fixed costs rarely, and coalesces more writes to the same
# rows, while keeping up with a few new events stays a small transaction. Measured on a
# 1M-event store (tests/bench_rebuild.py): BIGGEST.
BIGGEST = 5_000
# The page cache of a replay's connection on SQLite, in KiB (see _replaying).
CACHE_KB = 64 * 1024
Progress = Callable[[int], None]


@dataclass(frozen=True)
class Status:
    """Where a projection stands against the notification log."""

    name: str
    position: int
    head: int

    @property
    def lag(self) -> int:
        """How many notifications it has yet to read."""
        return max(self.head - self.position, 0)


class Runner:
    """Keeps projections caught up with the notification log, on SQLite and PostgreSQL."""

    def __init__(
        self,
        engine: sa.Engine,
        recorder: ApplicationRecorder,
        mapper: Mapper[Any],
        projections: Sequence[Projection],
        batch: int = BATCH,
        biggest: int = BIGGEST,
    ) -> None:
        self.engine = engine
        self.recorder = recorder
        self.mapper = mapper
        self.projections = list(projections)
        self.batch = batch
        self.biggest = max(batch, biggest)

    def setup(self) -> None:
        """Create the tables and tracking rows, and reset any projection whose layout changed.

        Safe when several processes start at once on one database. A reset projection is
        empty at position 0: the next `catch_up` replays the log into it.
        """
        with self.engine.connect() as conn:
            setup_lock(conn)
            metadata.create_all(conn)
            known = set(conn.execute(sa.select(tracking.c.name)).scalars())
            missing = [p for p in self.projections if p.name not in known]
            if missing:
                conn.execute(
                    tracking.insert(),
                    [dict(name=p.name, position=0, version=p.version) for p in missing],
                )
            found = conn.execute(sa.select(tracking.c.name, tracking.c.version))
            versions = {name: version for name, version in found}
            conn.commit()
        for projection in self.projections:
            if versions.get(projection.name, projection.version) != projection.version:
                self._reset(projection, only_if_stale=True)

    def catch_up(self, until: int | None = None, progress: Progress | None = None) -> None:
        """Apply every event recorded so far (or at least up to `until`) to each projection."""
        self._replay(self.projections, until, progress)

    def _replay(
        self, projections: Sequence[Projection], until: int | None, progress: Progress | None
    ) -> None:
        """Apply batches until the projections reach `until` (or the head of the log).

        One connection serves the whole replay, so its settings and page cache last from
        batch to batch; while a batch is applied, the next is read and decoded beside it
        (the database's own work lets go of Python's lock, so the two overlap). A catch-up
        to `until` (a web request reading its own write: an event or two) skips the
        replay settings, which cost more statements than it runs.
        """
        with (
            self.engine.connect() as conn,
            _replaying(conn) if until is None else nullcontext(),
            ThreadPoolExecutor(1, "read-ahead") as reader,
        ):
            limit, ahead, more = self.batch, None, True
            while more:
                with _collecting_later():
                    more, ahead = self._round(
                        conn, reader, projections, until, progress, limit, ahead
                    )
                limit = min(2 * limit, self.biggest)

    def _round(
        self,
        conn: sa.Connection,
        reader: ThreadPoolExecutor,
        projections: Sequence[Projection],
        until: int | None,
        progress: Progress | None,
        limit: int,
        ahead: "Future[_Batch] | None",
    ) -> tuple[bool, "Future[_Batch] | None"]:
        """Read (or take the batch read ahead) and apply one batch, having begun to read the
        next if one may follow; whether one may, and that read."""
        with conn.begin():
            low = _least_position(conn, [p.name for p in projections])
        if until is not None and low >= until:
            return False, None  # read your writes: usually another request or the worker did
        batch = _taken(ahead, low) or self._read(projections, low, limit)
        if batch.count == 0:
            return False, None
        full = batch.count == limit
        following = min(2 * limit, self.biggest)
        if full and (until is None or batch.reached < until):
            ahead = reader.submit(self._read, projections, batch.reached, following)
        else:
            ahead = None
        applied = self._apply(conn, projections, low, batch, progress)
        return full or not applied, ahead

    def _read(self, projections: Sequence[Projection], low: int, limit: int) -> "_Batch":
        """The notifications after `low`, each that some projection has a handler for
        decoded once for them all.

        Read before taking the lock: on SQLite the lock is the database's one write lock,
        and reading the log needs the event store's pool, where a writer of this process
        may be queued behind that very lock (each then waited for the other until a
        timeout). Positions only rise, so what was read covers what the lock finds.
        """
        found = self.recorder.select_notifications(
            start=low, limit=limit, inclusive_of_start=False
        )
        wanted = frozenset().union(*(p.topics for p in projections))
        needed = [n for n in found if n.topic in wanted]
        return _Batch(
            low,
            len(found),
            found[-1].id if found else low,  # a short batch read all recorded so far
            [n.id for n in needed],
            [self.mapper.to_domain_event(n) for n in needed],
        )

    def _apply(
        self,
        conn: sa.Connection,
        projections: Sequence[Projection],
        low: int,
        batch: "_Batch",
        progress: Progress | None,
    ) -> bool:
        """Apply a batch to the projections still behind it, in one transaction; whether
        it could be (not if a rebuild started one of them again meanwhile)."""
        with conn.begin():
            if conn.dialect.name == "postgresql":
                # The commit does not wait for the disk: a crash may lose it, never half of
                # it, and the rows go with their positions, so the runner applies them again.
                conn.exec_driver_sql("SET LOCAL synchronous_commit = off")
            positions = _lock(conn, [p.name for p in projections])
            behind = [p for p in projections if positions[p.name] < batch.reached]
            if any(positions[p.name] < low for p in behind):
                return False  # the next round reads from where it now stands
            # Projection by projection rather than event by event, so each one's rows
            # of a table queue up together: projections never share tables.
            for projection in behind:
                start = bisect_right(batch.ids, positions[projection.name])
                projection.apply(conn, batch.events[start:])
            conn.execute(
                tracking.update()
                .where(tracking.c.name.in_([p.name for p in behind]))
                .values(position=batch.reached)
            )
        if progress is not None:
            progress(sum(batch.reached - positions[p.name] for p in behind))
        return True

    def status(self) -> list[Status]:
        """Each projection's position and the head of the log."""
        head = self.recorder.max_notification_id() or 0
        with self.engine.connect() as conn:
            result = conn.execute(sa.select(tracking.c.name, tracking.c.position))
            rows = {name: position for name, position in result}
        return [Status(p.name, int(rows.get(p.name, 0)), head) for p in self.projections]

    def rebuild(self, names: Sequence[str] = (), progress: Progress | None = None) -> None:
        """Drop the named projections' tables (all, if none named) and replay the log."""
        chosen = [p for p in self.projections if not names or p.name in names]
        unknown = set(names) - {p.name for p in self.projections}
        if unknown:
            raise ValueError(f"No projection named {', '.join(sorted(unknown))}.")
        for projection in chosen:
            self._reset(projection, only_if_stale=False)
        if chosen:
            self._replay(chosen, None, progress)

    def _reset(self, projection: Projection, *, only_if_stale: bool) -> None:
        """Drop and recreate the projection's tables at position 0 (if its layout changed).

        Under the tracking row's lock, so of several processes finding the same stale
        projection the first resets it and the others see its new version.
        """
        with self.engine.begin() as conn:
            _lock(conn, [projection.name])
            version = conn.execute(
                sa.select(tracking.c.version).where(tracking.c.name == projection.name)
            ).scalar_one()
            if only_if_stale and version == projection.version:
                return
            for table in reversed(projection.tables):
                table.drop(conn, checkfirst=True)
            for table in projection.tables:
                table.create(conn)
            conn.execute(
                tracking.update()
                .where(tracking.c.name == projection.name)
                .values(position=0, version=projection.version)
            )


@dataclass(frozen=True)
class _Batch:
    """Notifications read after `low`: how many, the last one's id, and the events the
    projections have handlers for, with their ids, in the log's order."""

    low: int
    count: int
    reached: int
    ids: list[int]
    events: list[DomainEventProtocol[Any]]


def _taken(ahead: "Future[_Batch] | None", low: int) -> _Batch | None:
    """The batch read ahead, if it starts where the projections now stand."""
    if ahead is None:
        return None
    batch = ahead.result()
    return batch if batch.low == low else None


@contextmanager
def _replaying(conn: sa.Connection) -> Iterator[None]:
    """Settings for the connection's replay, undone after it.

    SQLite: commits that do not wait for the disk (synchronous NORMAL: in WAL mode a
    commit may be lost to a power cut, never half kept, and the read model's rows and its
    positions go together, so the runner applies them again), and a page cache that keeps
    the read model's indexes (SQLite's default of 2 MB re-read them from the file again
    and again once the store passed a few hundred thousand events).
    """
    if conn.dialect.name != "sqlite":
        yield
        return
    driver = conn.connection.driver_connection
    before = [driver.execute(f"PRAGMA {name}").fetchone()[0] for name in _REPLAYING]  # type: ignore[union-attr]
    for name, value in _REPLAYING.items():
        driver.execute(f"PRAGMA {name}={value}")  # type: ignore[union-attr]
    try:
        yield
    finally:
        for name, value in zip(_REPLAYING, before, strict=True):
            driver.execute(f"PRAGMA {name}={value}")  # type: ignore[union-attr]


_REPLAYING = {"synchronous": "NORMAL", "cache_size": -CACHE_KB}


@contextmanager
def _collecting_later() -> Iterator[None]:
    """Hold Python's cyclic garbage collector off for one batch.

    A batch makes hundreds of thousands of objects that live until it ends (events, rows),
    and the collector, started every few hundred allocations, walked them again and again:
    a tenth of a rebuild's time. They make no cycles: reference counting frees them as the
    batch returns, before the collector runs again. If it was off already (another
    thread's batch), it is left to whoever turned it off.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _least_position(conn: sa.Connection, names: list[str]) -> int:
    # Without locks: positions only rise, and a committed position means committed rows.
    least = conn.execute(
        sa.select(sa.func.min(tracking.c.position)).where(tracking.c.name.in_(names))
    ).scalar_one()
    return int(least or 0)


def _lock(conn: sa.Connection, names: list[str]) -> dict[str, int]:
    """Lock the projections' tracking rows and read their positions.

    The lock is taken before the positions are read, so two runners can never apply
    the same batch: the second waits, then sees the positions the first committed.
    """
    chosen = tracking.c.name.in_(names)
    if conn.dialect.name == "sqlite":
        # Writing takes SQLite's one write lock, for the whole database at once.
        conn.execute(tracking.update().where(chosen).values(position=tracking.c.position))
        locking = sa.select(tracking.c.name, tracking.c.position).where(chosen)
    else:
        # Row locks, taken in name order so two runners cannot deadlock.
        locking = (
            sa.select(tracking.c.name, tracking.c.position)
            .where(chosen)
            .order_by(tracking.c.name)
            .with_for_update()
        )
    return {name: int(position) for name, position in conn.execute(locking)}
