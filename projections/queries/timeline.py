"""The group timeline, latest to happen first, a page at a time (keyset: no cost in the page
number). Things are ordered by when they happened; of things that happened at the same
moment, the later recorded comes first."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import sqlalchemy as sa

from projections.tables import timeline
from projections.timeline_rows import MEASURES
from projections.words import in_ramp

PAGE = 50
ORDER = (
    timeline.c.happened_at,
    timeline.c.at,
    timeline.c.originator_id,
    timeline.c.originator_version,
)


@dataclass(frozen=True)
class TimelineRow:
    """One event of a group, in words."""

    originator_id: UUID
    originator_version: int
    cycle_id: UUID | None
    cycle_number: int | None
    ramp: str | None
    at: datetime
    kind: str
    actor: str
    words: str
    happened: str = ""  # as the team said it ("": when recorded)
    happened_at: datetime | None = None

    @property
    def cycle_words(self) -> str:
        """What its cycle's link reads: "cycle 2 of the ramp “Sticker design”"."""
        if self.cycle_number is None or self.ramp is None:
            return "the cycle"
        return in_ramp(self.cycle_number, self.ramp)

    @property
    def measure_id(self) -> UUID | None:
        """The measure a measure's event is about (its originator), for the row's link."""
        return self.originator_id if self.kind == MEASURES else None

    @property
    def cursor(self) -> str:
        """Where the next (earlier) page starts."""
        happened = (self.happened_at or self.at).isoformat()
        return f"{happened}~{self.at.isoformat()}~{self.originator_id}~{self.originator_version}"


def timeline_page(
    conn: sa.Connection,
    group_id: UUID,
    kinds: list[str] | None = None,
    before: str | None = None,
    limit: int = PAGE,
) -> tuple[list[TimelineRow], str | None]:
    """A page of the group's events, newest first, and the cursor of the next page (or None)."""
    query = sa.select(
        timeline.c.originator_id,
        timeline.c.originator_version,
        timeline.c.cycle_id,
        timeline.c.cycle_number,
        timeline.c.ramp,
        timeline.c.at,
        timeline.c.kind,
        timeline.c.actor,
        timeline.c.words,
        timeline.c.happened,
        timeline.c.happened_at,
    ).where(timeline.c.group_id == group_id)
    if kinds:
        query = query.where(timeline.c.kind.in_(kinds))
    after = _cursor(before)
    if after is not None:
        query = query.where(sa.tuple_(*ORDER) < sa.tuple_(*after))
    rows = conn.execute(
        query.order_by(
            timeline.c.happened_at.desc(),
            timeline.c.at.desc(),
            timeline.c.originator_id.desc(),
            timeline.c.originator_version.desc(),
        ).limit(limit + 1)
    )
    found = [TimelineRow(**r._mapping) for r in rows]
    more = len(found) > limit
    return found[:limit], found[limit - 1].cursor if more else None


def _cursor(before: str | None) -> tuple[datetime, datetime, UUID, int] | None:
    """A cursor from a page link; anything malformed means "from the latest"."""
    if not before:
        return None
    try:
        happened, at, originator, version = before.split("~")
        moments = datetime.fromisoformat(happened), datetime.fromisoformat(at)
        return *moments, UUID(originator), int(version)
    except ValueError:
        return None
