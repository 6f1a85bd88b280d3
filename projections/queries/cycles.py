"""Cycles: one cycle, its entries with their corrections, comments and tasks done."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import sqlalchemy as sa

from domain.methods import Method, method
from projections.tables import comments, corrections, cycles, entries, tasks_done


@dataclass(frozen=True)
class CycleRow:
    """A cycle as listed, with its phase and decision."""

    id: UUID
    group_id: UUID
    number: int
    objective: str
    method: str
    phase: str
    plan_version: int
    opened_by: str
    opened_at: datetime
    last_activity_at: datetime
    previous_cycle_id: UUID | None
    next_cycle_id: UUID | None
    decision: str | None
    decision_reason: str | None
    decided_by: str | None
    decided_at: datetime | None

    @property
    def closed(self) -> bool:
        """Whether a decision has closed the cycle."""
        return self.decision is not None

    @property
    def follows(self) -> Method:
        """The method the cycle follows, with its steps and prompts."""
        return method(self.method)


@dataclass(frozen=True)
class EntryRow:
    """Something recorded in a cycle, as last corrected."""

    id: UUID
    kind: str
    text: str
    actor: str
    recorded_at: datetime
    question: str = ""
    outcome: str = ""
    revision: int = 1
    withdrawn: bool = False


@dataclass(frozen=True)
class CorrectionRow:
    """One version of an entry: the original, an amendment or a withdrawal."""

    entry_id: UUID
    revision: int
    kind: str
    text: str
    reason: str
    actor: str
    at: datetime


@dataclass(frozen=True)
class CommentRow:
    """A comment on the plan, the decision or an entry."""

    id: UUID
    on: str
    text: str
    actor: str
    at: datetime


ENTRY_COLUMNS = (
    entries.c.id,
    entries.c.kind,
    entries.c.text,
    entries.c.actor,
    entries.c.recorded_at,
    entries.c.question,
    entries.c.outcome,
    entries.c.revision,
    entries.c.withdrawn,
)


def get_cycle(conn: sa.Connection, cycle_id: UUID) -> CycleRow | None:
    """One cycle, or None."""
    row = conn.execute(sa.select(cycles).where(cycles.c.id == cycle_id)).first()
    return CycleRow(**row._mapping) if row else None


def cycle_entries(conn: sa.Connection, cycle_id: UUID) -> list[EntryRow]:
    """A cycle's entries in the order they were recorded."""
    rows = conn.execute(
        sa.select(*ENTRY_COLUMNS).where(entries.c.cycle_id == cycle_id).order_by(entries.c.seq)
    )
    return [EntryRow(**r._mapping) for r in rows]


def entry_corrections(conn: sa.Connection, cycle_id: UUID) -> dict[UUID, list[CorrectionRow]]:
    """Each corrected entry's versions, oldest first (entries never corrected are left out)."""
    rows = conn.execute(
        sa.select(corrections)
        .join(entries, entries.c.id == corrections.c.entry_id)
        .where(entries.c.cycle_id == cycle_id, entries.c.revision > 1)
        .order_by(corrections.c.entry_id, corrections.c.revision)
    )
    found: dict[UUID, list[CorrectionRow]] = {}
    for r in rows:
        found.setdefault(r.entry_id, []).append(CorrectionRow(**r._mapping))
    return found


def cycle_comments(conn: sa.Connection, cycle_id: UUID) -> dict[str, list[CommentRow]]:
    """A cycle's comments grouped by what they are on, oldest first."""
    rows = conn.execute(
        sa.select(comments.c.id, comments.c.on, comments.c.text, comments.c.actor, comments.c.at)
        .where(comments.c.cycle_id == cycle_id)
        .order_by(comments.c.seq)
    )
    found: dict[str, list[CommentRow]] = {}
    for r in rows:
        found.setdefault(r.on, []).append(CommentRow(**r._mapping))
    return found


def cycle_tasks_done(conn: sa.Connection, cycle_id: UUID) -> dict[str, str]:
    """The set-up tasks done in a cycle: task id to who did it."""
    rows = conn.execute(
        sa.select(tasks_done.c.task_id, tasks_done.c.actor).where(
            tasks_done.c.cycle_id == cycle_id
        )
    )
    return {task_id: actor for task_id, actor in rows}
