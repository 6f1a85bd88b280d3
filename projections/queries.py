"""Queries the web layer asks of the read model; plain data out."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from projections.diff import Segment, changed, word_diff
from projections.tables import cycles, entries, groups, plan_citations, plan_versions


@dataclass(frozen=True)
class GroupRow:
    """A pilot group as listed."""

    id: UUID
    name: str
    aim: str
    formed_by: str
    formed_at: datetime
    cycle_count: int


@dataclass(frozen=True)
class CycleRow:
    """A cycle as listed, with its phase."""

    id: UUID
    group_id: UUID
    number: int
    objective: str
    phase: str
    plan_version: int
    opened_by: str
    opened_at: datetime
    last_activity_at: datetime


@dataclass(frozen=True)
class EntryRow:
    """An observation or reflection."""

    id: UUID
    kind: str
    text: str
    actor: str
    recorded_at: datetime


@dataclass(frozen=True)
class PlanVersion:
    """One version of a cycle's plan, with the learning it cites."""

    version: int
    objective: str
    plan_text: str
    questions: list[dict[str, str]]
    change: str | None
    actor: str
    at: datetime
    cites: list[EntryRow] = field(default_factory=list)


@dataclass(frozen=True)
class Revision:
    """A plan version beside the one before it, with what changed."""

    current: PlanVersion
    previous: PlanVersion | None
    objective_diff: list[Segment]
    plan_diff: list[Segment]
    questions_diff: list[Segment]

    @property
    def objective_changed(self) -> bool:
        """Whether the objective differs from the version before."""
        return changed(self.objective_diff)


def list_groups(conn: sa.Connection, limit: int = 50, offset: int = 0) -> list[GroupRow]:
    """Groups, most recently formed first."""
    rows = conn.execute(
        sa.select(groups).order_by(groups.c.formed_at.desc()).limit(limit).offset(offset)
    )
    return [GroupRow(**r._mapping) for r in rows]


def get_group(conn: sa.Connection, group_id: UUID) -> GroupRow | None:
    """One group, or None."""
    row = conn.execute(sa.select(groups).where(groups.c.id == group_id)).first()
    return GroupRow(**row._mapping) if row else None


def group_cycles(conn: sa.Connection, group_id: UUID) -> list[CycleRow]:
    """A group's cycles in the order they were opened."""
    rows = conn.execute(
        sa.select(cycles).where(cycles.c.group_id == group_id).order_by(cycles.c.number)
    )
    return [CycleRow(**r._mapping) for r in rows]


def get_cycle(conn: sa.Connection, cycle_id: UUID) -> CycleRow | None:
    """One cycle, or None."""
    row = conn.execute(sa.select(cycles).where(cycles.c.id == cycle_id)).first()
    return CycleRow(**row._mapping) if row else None


def cycle_entries(conn: sa.Connection, cycle_id: UUID) -> list[EntryRow]:
    """A cycle's observations and reflections in the order they were recorded."""
    rows = conn.execute(
        sa.select(entries.c.id, entries.c.kind, entries.c.text, entries.c.actor)
        .add_columns(entries.c.recorded_at)
        .where(entries.c.cycle_id == cycle_id)
        .order_by(entries.c.seq)
    )
    return [EntryRow(**r._mapping) for r in rows]


def current_plan(conn: sa.Connection, cycle_id: UUID) -> PlanVersion | None:
    """The latest version of a cycle's plan."""
    versions = plan_history(conn, cycle_id, newest_first=True, limit=1)
    return versions[0] if versions else None


def plan_history(
    conn: sa.Connection, cycle_id: UUID, newest_first: bool = False, limit: int | None = None
) -> list[PlanVersion]:
    """Every version of a cycle's plan, each with the entries it cites."""
    order = plan_versions.c.version.desc() if newest_first else plan_versions.c.version
    rows = list(
        conn.execute(
            sa.select(plan_versions)
            .where(plan_versions.c.cycle_id == cycle_id)
            .order_by(order)
            .limit(limit)
        )
    )
    cited = _citations(conn, cycle_id, [r.version for r in rows])
    return [_version(r._mapping, cited.get(r.version, [])) for r in rows]


def revision_history(conn: sa.Connection, cycle_id: UUID) -> list[Revision]:
    """Each plan version beside the one before it, oldest first."""
    versions = plan_history(conn, cycle_id)
    revisions = []
    for previous, current in zip([None, *versions], versions, strict=False):
        revisions.append(_revision(previous, current))
    return revisions


def _revision(previous: PlanVersion | None, current: PlanVersion) -> Revision:
    before = previous or PlanVersion(0, "", "", [], None, "", current.at)
    return Revision(
        current=current,
        previous=previous,
        objective_diff=word_diff(before.objective, current.objective),
        plan_diff=word_diff(before.plan_text, current.plan_text),
        questions_diff=word_diff(_questions_text(before), _questions_text(current)),
    )


def _questions_text(version: PlanVersion) -> str:
    return "\n".join(f"{q['question']} — predicted: {q['prediction']}" for q in version.questions)


def _citations(
    conn: sa.Connection, cycle_id: UUID, versions: list[int]
) -> dict[int, list[EntryRow]]:
    if not versions:
        return {}
    rows = conn.execute(
        sa.select(
            plan_citations.c.version,
            entries.c.id,
            entries.c.kind,
            entries.c.text,
            entries.c.actor,
            entries.c.recorded_at,
        )
        .join(entries, entries.c.id == plan_citations.c.entry_id)
        .where(plan_citations.c.cycle_id == cycle_id, plan_citations.c.version.in_(versions))
        .order_by(entries.c.seq)
    )
    cited: dict[int, list[EntryRow]] = {}
    for r in rows:
        cited.setdefault(r.version, []).append(
            EntryRow(r.id, r.kind, r.text, r.actor, r.recorded_at)
        )
    return cited


def _version(row: Any, cites: list[EntryRow]) -> PlanVersion:
    return PlanVersion(
        version=row["version"],
        objective=row["objective"],
        plan_text=row["plan_text"],
        questions=list(row["questions"]),
        change=row["change"],
        actor=row["actor"],
        at=row["at"],
        cites=cites,
    )
