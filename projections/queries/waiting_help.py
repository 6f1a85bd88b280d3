"""Open requests for help (asked, not yet answered) as the dashboard shows them: their
words, how long each has waited, and whether its cycle has closed since it was asked."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import sqlalchemy as sa

from projections.tables import aware, cycles, help_requests
from projections.words import DECIDED, quote

# How many of a group's open requests its card shows, those waiting longest first.
SHOWN = 3


@dataclass(frozen=True)
class WaitingHelp:
    """An open request for help, and how long it has waited."""

    id: UUID
    cycle_id: UUID
    text: str
    days: int
    cycle_decision: str | None

    @property
    def words(self) -> str:
        """What was asked, quoted, cut at about 120 characters."""
        return quote(self.text, 120)

    @property
    def waited(self) -> str:
        """ "asked today", "waiting 1 day", "waiting 3 days"."""
        if self.days < 1:
            return "asked today"
        return f"waiting {self.days} day{'' if self.days == 1 else 's'}"

    @property
    def cycle_closed(self) -> str | None:
        """ "its cycle was abandoned", once a decision has closed the cycle it was asked on."""
        if self.cycle_decision is None:
            return None
        return f"its cycle was {DECIDED.get(self.cycle_decision, 'closed')}"


@dataclass(frozen=True)
class OpenHelp:
    """A group's open requests for help: how many, and the longest waiting of them."""

    count: int
    longest_waiting: list[WaitingHelp]


def open_help(conn: sa.Connection, group_ids: list[UUID], now: datetime) -> dict[UUID, OpenHelp]:
    """Each group's open requests for help, the `SHOWN` waiting longest with their words.

    One statement however many groups and requests: each group's requests are ranked on
    the (group, status, at) index, and only the first few read with their cycles."""
    found = {g: OpenHelp(0, []) for g in group_ids}
    if not group_ids:
        return found
    ranked = (
        sa.select(
            help_requests.c.id,
            help_requests.c.group_id,
            help_requests.c.cycle_id,
            help_requests.c.text,
            help_requests.c.at,
            sa.func.row_number()
            .over(
                partition_by=help_requests.c.group_id,
                order_by=(help_requests.c.at, help_requests.c.id),
            )
            .label("n"),
            sa.func.count().over(partition_by=help_requests.c.group_id).label("open"),
        )
        .where(help_requests.c.group_id.in_(group_ids), help_requests.c.status == "open")
        .subquery()
    )
    rows = conn.execute(
        sa.select(ranked, cycles.c.decision)
        .select_from(ranked.outerjoin(cycles, cycles.c.id == ranked.c.cycle_id))
        .where(ranked.c.n <= SHOWN)
        .order_by(ranked.c.group_id, ranked.c.n)
    )
    for r in rows:
        waited = (now - aware(r.at)).days
        request = WaitingHelp(r.id, r.cycle_id, r.text, waited, r.decision)
        found[r.group_id] = OpenHelp(int(r.open), [*found[r.group_id].longest_waiting, request])
    return found
