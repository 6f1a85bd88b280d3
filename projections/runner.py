"""The runner: applies stored events to projections, exactly once, in batched transactions."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from eventsourcing.persistence import ApplicationRecorder, Mapper

from projections.projection import Projection
from projections.tables import metadata, tracking

BATCH = 500
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
    ) -> None:
        self.engine = engine
        self.recorder = recorder
        self.mapper = mapper
        self.projections = list(projections)
        self.batch = batch

    def setup(self) -> None:
        """Create the tables and tracking rows; rebuild any projection whose layout changed."""
        metadata.create_all(self.engine)
        for projection in self.projections:
            try:
                with self.engine.begin() as conn:
                    conn.execute(
                        tracking.insert(),
                        dict(name=projection.name, position=0, version=projection.version),
                    )
            except sa.exc.IntegrityError:
                pass  # Another process, or an earlier run, made it.
        stale = [p.name for p in self.projections if self._version(p.name) != p.version]
        if stale:
            self.rebuild(stale)

    def _version(self, name: str) -> int:
        with self.engine.connect() as conn:
            found = conn.execute(
                sa.select(tracking.c.version).where(tracking.c.name == name)
            ).scalar_one()
        return int(found)

    def catch_up(self, until: int | None = None, progress: Progress | None = None) -> None:
        """Apply every event recorded so far (or at least up to `until`) to each projection."""
        while self._apply_batch(self.projections, until, progress):
            pass

    def _apply_batch(
        self, projections: Sequence[Projection], until: int | None, progress: Progress | None
    ) -> bool:
        """Apply one batch to the projections behind, in one transaction; whether more may
        follow. Each notification is read and decoded once, for all the projections."""
        with self.engine.begin() as conn:
            positions = {p.name: self._lock(conn, p.name) for p in sorted(projections, key=_name)}
            low = min(positions.values())
            if until is not None and low >= until:
                return False
            head = self.recorder.max_notification_id() or 0
            if low >= head:
                return False
            notifications = self.recorder.select_notifications(
                start=low, limit=self.batch, stop=head, inclusive_of_start=False
            )
            behind = [p for p in projections if positions[p.name] < head]
            for notification in notifications:
                event = None
                for projection in behind:
                    if positions[projection.name] < notification.id and projection.wants(
                        notification.topic
                    ):
                        event = event or self.mapper.to_domain_event(notification)
                        projection.apply(conn, event)
            # A short batch read everything up to head.
            reached = notifications[-1].id if len(notifications) == self.batch else head
            for projection in behind:
                if positions[projection.name] < reached:
                    conn.execute(
                        tracking.update()
                        .where(tracking.c.name == projection.name)
                        .values(position=reached)
                    )
        if progress is not None:
            progress(sum(max(reached - positions[p.name], 0) for p in behind))
        return True

    @staticmethod
    def _lock(conn: sa.Connection, name: str) -> int:
        # Writing first takes the row lock (PostgreSQL) or the write lock (SQLite)
        # before the position is read, so two runners can never apply the same
        # batch: the second waits, then sees the position the first committed.
        # Rows are always locked in name order, so two runners cannot deadlock.
        conn.execute(
            tracking.update().where(tracking.c.name == name).values(position=tracking.c.position)
        )
        position = conn.execute(
            sa.select(tracking.c.position).where(tracking.c.name == name)
        ).scalar_one()
        return int(position)

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
            with self.engine.begin() as conn:
                self._lock(conn, projection.name)
                for table in reversed(projection.tables):
                    table.drop(conn, checkfirst=True)
                for table in projection.tables:
                    table.create(conn)
                conn.execute(
                    tracking.update()
                    .where(tracking.c.name == projection.name)
                    .values(position=0, version=projection.version)
                )
        while chosen and self._apply_batch(chosen, None, progress):
            pass


def _name(projection: Projection) -> str:
    return projection.name
