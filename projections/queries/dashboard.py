"""The sponsor dashboard: how each of one's groups is doing, and which need help."""

from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

import sqlalchemy as sa

from projections.queries.cycles import CycleRow
from projections.queries.summaries import LatestValue, latest_values
from projections.queries.waiting_help import OpenHelp, WaitingHelp, open_help
from projections.tables import (
    aware,
    cycles,
    groups,
    memberships,
    plan_citations,
    plan_versions,
)
from projections.words import decision_words


@dataclass(frozen=True)
class GroupHealth:
    """One group at a glance."""

    id: UUID
    name: str
    aim: str
    role: str
    current_cycle: int | None
    current_cycle_id: UUID | None
    phase: str | None
    current_state: str  # "in Act", "adopted — ramp finished"
    days_quiet: int
    cycles_completed: int
    decisions: dict[str, int]
    open_help: int
    help: list[WaitingHelp]  # the longest waiting, with their words
    revisions: int
    revisions_citing_learning: int
    stuck: bool
    measures: list[LatestValue]

    @property
    def main_measure(self) -> LatestValue | None:
        """The group's first measure: the one its aim is judged by."""
        return self.measures[0] if self.measures else None

    @property
    def needs_attention(self) -> bool:
        """Stuck, or someone is asking for help."""
        return self.stuck or self.open_help > 0


def dashboard(
    conn: sa.Connection, account_id: str, stuck_after_days: int, now: datetime | None = None
) -> list[GroupHealth]:
    """The account's groups, those stuck or asking for help first."""
    now = now or datetime.now(UTC)
    mine = [
        Mine(r.id, r.name, r.aim, r.formed_at, r.role)
        for r in conn.execute(
            sa.select(
                groups.c.id, groups.c.name, groups.c.aim, groups.c.formed_at, memberships.c.role
            )
            .join(memberships, memberships.c.group_id == groups.c.id)
            .where(memberships.c.account_id == account_id)
        )
    ]
    ids = [g.id for g in mine]
    if not ids:
        return []
    by_group: dict[UUID, list[CycleRow]] = {i: [] for i in ids}
    for row in conn.execute(
        sa.select(cycles).where(cycles.c.group_id.in_(ids)).order_by(cycles.c.number)
    ):
        by_group[row.group_id].append(CycleRow(**row._mapping))
    asking = open_help(conn, ids, now)
    revisions, citing = _revisions(conn, by_group)
    measured = latest_values(conn, ids)
    health = [
        _health(
            g,
            by_group[g.id],
            asking[g.id],
            revisions.get(g.id, 0),
            citing.get(g.id, 0),
            stuck_after_days,
            now,
            measured[g.id],
        )
        for g in mine
    ]
    return sorted(health, key=lambda h: (not h.needs_attention, -h.days_quiet, h.name))


@dataclass(frozen=True)
class Mine:
    """A group the account has a role in."""

    id: UUID
    name: str
    aim: str
    formed_at: datetime
    role: str


def _health(
    group: Mine,
    group_cycles: list[CycleRow],
    asking: OpenHelp,
    revisions: int,
    citing: int,
    stuck_after_days: int,
    now: datetime,
    measures: list[LatestValue],
) -> GroupHealth:
    open_cycles = [c for c in group_cycles if c.decision is None]
    current = open_cycles[-1] if open_cycles else (group_cycles[-1] if group_cycles else None)
    times = [c.last_activity_at for c in group_cycles] + [group.formed_at]
    quiet = (now - max(aware(t) for t in times)).days
    decisions = {"adopt": 0, "scale_up": 0, "adapt": 0, "abandon": 0}
    for c in group_cycles:
        if c.decision:
            decisions[c.decision] = decisions.get(c.decision, 0) + 1
    return GroupHealth(
        id=group.id,
        name=group.name,
        aim=group.aim,
        role=group.role,
        current_cycle=current.number if current else None,
        current_cycle_id=current.id if current else None,
        phase=current.phase if current else None,
        current_state=_state(current) if current else "",
        days_quiet=quiet,
        cycles_completed=sum(decisions.values()),
        decisions=decisions,
        open_help=asking.count,
        help=asking.longest_waiting,
        revisions=revisions,
        revisions_citing_learning=citing,
        # A group whose ramps are all closed is finished, not stuck.
        stuck=quiet >= stuck_after_days and bool(open_cycles or not group_cycles),
        measures=measures,
    )


def _revisions(
    conn: sa.Connection, by_group: dict[UUID, list[CycleRow]]
) -> tuple[dict[UUID, int], dict[UUID, int]]:
    """Plan changes per group (revisions and adaptations), and how many cite learning.

    Asked by the cycles already read, so each is found by the plan versions' key: joined
    from the groups instead, PostgreSQL's planner could choose to read every plan version
    of every group (seen at 1M events: 30 ms, and growing with everyone's history).
    """
    group_of = {c.id: group for group, rows in by_group.items() for c in rows}
    revisions: dict[UUID, int] = {}
    citing: dict[UUID, int] = {}
    if not group_of:
        return revisions, citing
    # Two reads by key, joined here: as one query, the planner still chose to scan every
    # citation for the EXISTS of the few versions it needed.
    cited = {
        (cycle_id, version)
        for cycle_id, version in conn.execute(
            sa.select(plan_citations.c.cycle_id, plan_citations.c.version)
            .where(plan_citations.c.cycle_id.in_(group_of))
            .distinct()
        )
    }
    changed = conn.execute(
        sa.select(plan_versions.c.cycle_id, plan_versions.c.version).where(
            plan_versions.c.cycle_id.in_(group_of), plan_versions.c.change.is_not(None)
        )
    )
    for cycle_id, version in changed:
        group = group_of[cycle_id]
        revisions[group] = revisions.get(group, 0) + 1
        citing[group] = citing.get(group, 0) + ((cycle_id, version) in cited)
    return revisions, citing


def _state(cycle: CycleRow) -> str:
    """ "in Act", or the decision that closed the cycle: "adopted — ramp finished"."""
    if cycle.decision is None:
        return f"in {cycle.phase.capitalize()}"
    return decision_words(cycle.decision, cycle.next_cycle_id is not None)
