"""The group timeline, newest first, a page at a time (keyset: no cost in the page number)."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import sqlalchemy as sa

from projections.tables import timeline

PAGE = 50


@dataclass(frozen=True)
class TimelineRow:
    """One event of a group, in words."""

    originator_id: UUID
    originator_version: int
    cycle_id: UUID | None
    at: datetime
    kind: str
    actor: str
    words: str

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
