"""The learning library: what groups learned, searchable, across the groups one may read."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import sqlalchemy as sa

from domain.methods import method
from projections.tables import (
    cycles,
    entries,
    groups,
    memberships,
    plan_citations,
    plan_versions,
)

LEARNING = ("reflection", "comparison", "mistake", "choice")
PAGE = 30


@dataclass(frozen=True)
class LearningRow:
    """One learning statement, with where it came from and how its cycle ended."""

    id: UUID
    kind: str
    text: str
    outcome: str
    actor: str
    recorded_at: datetime
    cycle_id: UUID
    cycle_number: int
    objective: str
    method: str
    decision: str | None
    group_id: UUID
    group_name: str

    @property
    def method_name(self) -> str:
        """The name of the method the cycle followed."""
        return method(self.method).name

    @property
    def cursor(self) -> str:
        """Where the next page starts."""
        return f"{self.recorded_at.isoformat()}~{self.id}"


@dataclass(frozen=True)
class ChangeRow:
    """A plan change made in the light of a learning statement."""

    cycle_id: UUID
    cycle_number: int
    version: int
    change: str | None
    actor: str
    at: datetime


def search_learning(
    conn: sa.Connection,
    account_id: str,
    words: str = "",
    before: str | None = None,
    limit: int = PAGE,
    entry_id: UUID | None = None,
) -> tuple[list[LearningRow], str | None]:
    """Learning from the groups this account may read, newest first, matching `words`."""
    readable = sa.or_(
        groups.c.shared,
        groups.c.id.in_(
            sa.select(memberships.c.group_id).where(memberships.c.account_id == account_id)
        ),
    )
    query = (
        sa.select(
            entries.c.id,
            entries.c.kind,
            entries.c.text,
            entries.c.outcome,
            entries.c.actor,
            entries.c.recorded_at,
            cycles.c.id.label("cycle_id"),
            cycles.c.number.label("cycle_number"),
            cycles.c.objective,
            cycles.c.method,
            cycles.c.decision,
            groups.c.id.label("group_id"),
            groups.c.name.label("group_name"),
        )
        .join(cycles, cycles.c.id == entries.c.cycle_id)
        .join(groups, groups.c.id == cycles.c.group_id)
        .where(entries.c.kind.in_(LEARNING), sa.not_(entries.c.withdrawn), readable)
    )
    if entry_id is not None:
        query = query.where(entries.c.id == entry_id)
    for word in words.split()[:8]:
        query = query.where(entries.c.text.ilike(f"%{_escaped(word)}%", escape="\\"))
    after = _cursor(before)
    if after is not None:
        query = query.where(sa.tuple_(entries.c.recorded_at, entries.c.id) < sa.tuple_(*after))
    rows = conn.execute(
        query.order_by(entries.c.recorded_at.desc(), entries.c.id.desc()).limit(limit + 1)
    )
    found = [LearningRow(**r._mapping) for r in rows]
    return found[:limit], found[limit - 1].cursor if len(found) > limit else None


def learning(conn: sa.Connection, account_id: str, entry_id: UUID) -> LearningRow | None:
    """One learning statement, if this account may read it."""
    found, _ = search_learning(conn, account_id, entry_id=entry_id, limit=1)
    return found[0] if found else None


def changes_citing(conn: sa.Connection, entry_id: UUID) -> list[ChangeRow]:
    """The plan versions that cite this entry: the changes it led to."""
    rows = conn.execute(
        sa.select(
            plan_versions.c.cycle_id,
            cycles.c.number.label("cycle_number"),
            plan_versions.c.version,
            plan_versions.c.change,
            plan_versions.c.actor,
            plan_versions.c.at,
        )
        .join(
            plan_citations,
            sa.and_(
                plan_citations.c.cycle_id == plan_versions.c.cycle_id,
                plan_citations.c.version == plan_versions.c.version,
            ),
        )
        .join(cycles, cycles.c.id == plan_versions.c.cycle_id)
        .where(plan_citations.c.entry_id == entry_id)
        .order_by(plan_versions.c.at)
    )
    return [ChangeRow(**r._mapping) for r in rows]


def _escaped(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _cursor(before: str | None) -> tuple[datetime, UUID] | None:
    if not before:
        return None
    try:
        at, entry = before.split("~")
        return datetime.fromisoformat(at), UUID(entry)
    except ValueError:
        return None
