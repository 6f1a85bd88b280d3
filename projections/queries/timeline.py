"""The group timeline, newest first, a page at a time (keyset: no cost in the page number)."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import sqlalchemy as sa

from projections.tables import timeline
from projections.words import in_ramp

PAGE = 50


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

    @property
    def cycle_words(self) -> str:
        """What its cycle's link reads: "cycle 2 of the ramp “Sticker design”"."""
        if self.cycle_number is None or self.ramp is None:
            return "the cycle"
        return in_ramp(self.cycle_number, self.ramp)

    @property
    def cursor(self) -> str:
        """Where the next (older) page starts."""
        return f"{self.at.isoformat()}~{self.originator_id}~{self.originator_version}"


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
    ).where(timeline.c.group_id == group_id)
    if kinds:
        query = query.where(timeline.c.kind.in_(kinds))
    after = _cursor(before)
    if after is not None:
        query = query.where(
            sa.tuple_(timeline.c.at, timeline.c.originator_id, timeline.c.originator_version)
            < sa.tuple_(*after)
        )
    rows = conn.execute(
        query.order_by(
            timeline.c.at.desc(),
            timeline.c.originator_id.desc(),
            timeline.c.originator_version.desc(),
        ).limit(limit + 1)
    )
    found = [TimelineRow(**r._mapping) for r in rows]
    more = len(found) > limit
    return found[:limit], found[limit - 1].cursor if more else None


def _cursor(before: str | None) -> tuple[datetime, UUID, int] | None:
    """A cursor from a page link; anything malformed means "from the newest"."""
    if not before:
        return None
    try:
        at, originator, version = before.split("~")
        return datetime.fromisoformat(at), UUID(originator), int(version)
    except ValueError:
        return None
