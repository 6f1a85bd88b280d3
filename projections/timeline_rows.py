"""What every part of the timeline writes with: the kinds of rows, quoting what users typed,
and placing an event in its group (and cycle) through the owners the timeline keeps."""

from typing import Any
from uuid import UUID

from projections.projection import Projection
from projections.tables import timeline, timeline_owners
from projections.writer import Writer

PLANS, ACTIONS, REFLECTIONS, DECISIONS = "plans", "actions", "reflections", "decisions"
HELP, COMMENTS, PEOPLE, CORRECTIONS = "help", "comments", "people", "corrections"
MEASURES = "measures"
# How many cycles', help requests' and measures' groups the timeline keeps in mind.
REMEMBERED = 10_000


def quote(text: str, limit: int = 160) -> str:
    """What a user typed, on one line, cut at `limit` characters, in quotation marks."""
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


class TimelineRows(Projection):
    """Writes the timeline's rows, each placed in its group and cycle."""

    def __init__(self) -> None:
        self._owners: dict[UUID, tuple[UUID, UUID | None]] = {}

    def _in(self, conn: Writer, e: Any, kind: str, actor: str, words: str) -> None:
        owner = self._owners.get(e.originator_id)
        if owner is None:
            row = conn.get(timeline_owners, e.originator_id)
            if row is None:  # events of an aggregate never seen opened are skipped
                return
            # An owner never changes once written, so remembering it is always right; the
            # memory is kept to the aggregates lately written to, so it does not grow with
            # the history.
            if len(self._owners) >= REMEMBERED:
                self._owners.clear()
            owner = self._owners[e.originator_id] = (row["group_id"], row["cycle_id"])
        self._row(conn, e, owner[0], owner[1], kind, actor, words)

    @staticmethod
    def _own(conn: Writer, originator: UUID, group_id: UUID, cycle_id: UUID | None) -> None:
        conn.insert(
            timeline_owners,
            dict(originator_id=originator, group_id=group_id, cycle_id=cycle_id),
        )

    @staticmethod
    def _row(
        conn: Writer,
        e: Any,
        group_id: UUID,
        cycle_id: UUID | None,
        kind: str,
        actor: str,
        words: str,
    ) -> None:
        conn.insert(
            timeline,
            dict(
                originator_id=e.originator_id,
                originator_version=e.originator_version,
                group_id=group_id,
                cycle_id=cycle_id,
                at=e.timestamp,
                kind=kind,
                actor=actor,
                words=words,
            ),
        )
