"""What every part of the timeline writes with: the kinds of rows, and placing an event in
its group (and cycle, with the cycle's number and ramp) through the owners it keeps."""

from typing import Any, NamedTuple
from uuid import UUID

from domain.when import happened_at
from projections.projection import Projection
from projections.tables import timeline, timeline_owners
from projections.writer import Writer

PLANS, ACTIONS, REFLECTIONS, DECISIONS = "plans", "actions", "reflections", "decisions"
HELP, COMMENTS, PEOPLE, CORRECTIONS = "help", "comments", "people", "corrections"
MEASURES = "measures"
# How many cycles', help requests' and measures' groups the timeline keeps in mind.
REMEMBERED = 10_000


class Owner(NamedTuple):
    """Where an aggregate's events belong: its group, and its cycle's id, number and ramp."""

    group_id: UUID
    cycle_id: UUID | None = None
    cycle_number: int | None = None
    ramp: str | None = None


class TimelineRows(Projection):
    """Writes the timeline's rows, each placed in its group and cycle."""

    def __init__(self) -> None:
        self._owners: dict[UUID, Owner] = {}

    def _in(self, conn: Writer, e: Any, kind: str, actor: str, words: str) -> None:
        owner = self._owner(conn, e.originator_id)
        if owner is not None:  # events of an aggregate never seen opened are skipped
            self._row(conn, e, owner, kind, actor, words)

    def _owner(self, conn: Writer, originator: UUID) -> Owner | None:
        """Where the events of this aggregate belong, if it was seen opened."""
        owner = self._owners.get(originator)
        if owner is None:
            row = conn.get(timeline_owners, originator)
            if row is None:
                return None
            # An owner never changes once written, so remembering it is always right; the
            # memory is kept to the aggregates lately written to, so it does not grow with
            # the history.
            if len(self._owners) >= REMEMBERED:
                self._owners.clear()
            owner = self._owners[originator] = Owner(
                row["group_id"], row["cycle_id"], row["cycle_number"], row["ramp"]
            )
        return owner

    @staticmethod
    def _own(conn: Writer, originator: UUID, owner: Owner) -> None:
        conn.insert(timeline_owners, dict(originator_id=originator, **owner._asdict()))

    @staticmethod
    def _row(conn: Writer, e: Any, owner: Owner, kind: str, actor: str, words: str) -> None:
        conn.insert(
            timeline,
            dict(
                originator_id=e.originator_id,
                originator_version=e.originator_version,
                **owner._asdict(),
                at=e.timestamp,
                # Measures' events and the group's own happened when they were recorded.
                happened=getattr(e, "happened", ""),
                happened_at=happened_at(getattr(e, "happened", ""), e.timestamp),
                kind=kind,
                actor=actor,
                words=words,
            ),
        )
