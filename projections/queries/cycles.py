"""Cycles: one cycle, its entries (a page at a time) with their corrections, comments and
tasks done."""

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import sqlalchemy as sa

from domain.entries import ACT, MISTAKE, REFLECT, STORY
from domain.methods import Method, method
from domain.when import happened_at
from projections.tables import aware, comments, corrections, cycles, entries, tasks_done

# How many comments on one thing a page shows (the timeline, filtered to comments, has all).
COMMENT_PAGE = 20
# How many of a cycle's entries a plan revision offers to cite (the newest).
CITABLE = 100
# How many entries each of a cycle's journal lists shows at once.
ENTRY_PAGE = 30
# A cursor is an entry's seq: a positive number that fits the column (a 32-bit integer).
_SEQ = re.compile(r"[1-9][0-9]{0,9}")
_MAX_SEQ = 2**31 - 1


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
    # When it was opened and decided, as the team said it ("" or None: when recorded).
    happened: str = ""
    happened_at: datetime | None = None
    decision_happened: str | None = None

    @property
    def closed(self) -> bool:
        """Whether a decision has closed the cycle."""
        return self.decision is not None

    @property
    def opening_happened_at(self) -> datetime:
        """When the cycle was opened, as the team said (or when it was recorded)."""
        return aware(self.happened_at or self.opened_at)

    @property
    def decision_happened_at(self) -> datetime | None:
        """When the decision happened, as the team said (a backfilled ramp was decided long
        before it was recorded), or None while the cycle is open."""
        if self.decided_at is None:
            return None
        return happened_at(self.decision_happened or "", aware(self.decided_at))

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
    seq: int = 0  # the cycle's event version when it was recorded: its place in the journal
    happened: str = ""  # when it happened, as the team said it ("": when recorded)


@dataclass(frozen=True)
class EntryPage:
    """One page of a journal list, in recorded order, and how many older entries it hides."""

    entries: list[EntryRow]
    earlier: int
    before: int | None = None  # the cursor it was read from; None for the newest page

    @property
    def cursor(self) -> int | None:
        """Where the older page starts (its `before`), or None when nothing is older."""
        return self.entries[0].seq if self.earlier and self.entries else None


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


@dataclass(frozen=True)
class CommentThread:
    """The newest comments on one thing, oldest first, and how many there are in all."""

    comments: list[CommentRow]
    total: int

    @property
    def earlier(self) -> int:
        """How many older comments are not shown."""
        return self.total - len(self.comments)


ENTRY_COLUMNS = (
    entries.c.id,
    entries.c.kind,
    entries.c.text,
    entries.c.actor,
    entries.c.recorded_at,
    entries.c.happened,
    entries.c.question,
    entries.c.outcome,
    entries.c.revision,
    entries.c.withdrawn,
    entries.c.seq,
)


def get_cycle(conn: sa.Connection, cycle_id: UUID) -> CycleRow | None:
    """One cycle, or None."""
    row = conn.execute(sa.select(cycles).where(cycles.c.id == cycle_id)).first()
    return CycleRow(**row._mapping) if row else None


def get_entry(conn: sa.Connection, cycle_id: UUID, entry_id: UUID) -> EntryRow | None:
    """One entry of a cycle."""
    row = conn.execute(
        sa.select(*ENTRY_COLUMNS).where(entries.c.cycle_id == cycle_id, entries.c.id == entry_id)
    ).first()
    return EntryRow(**row._mapping) if row else None


def citable_entries(
    conn: sa.Connection, cycle_id: UUID, also: Collection[UUID] = (), limit: int = CITABLE
) -> tuple[list[EntryRow], int]:
    """The newest `limit` entries a revision may cite (none withdrawn), oldest first, with
    `also` (ids already ticked) if they are citable too; and how many are citable in all."""
    citable = sa.and_(entries.c.cycle_id == cycle_id, sa.not_(entries.c.withdrawn))
    newest = conn.execute(
        sa.select(*ENTRY_COLUMNS).where(citable).order_by(entries.c.seq.desc()).limit(limit)
    ).all()
    found = {r.id: EntryRow(**r._mapping) for r in newest}
    missing = [i for i in also if i not in found]
    if missing:
        ticked = conn.execute(
            sa.select(*ENTRY_COLUMNS).where(citable, entries.c.id.in_(missing[:limit]))
        )
        found.update((r.id, EntryRow(**r._mapping)) for r in ticked)
    total = len(newest)
    if total == limit:
        total = int(conn.execute(sa.select(sa.func.count()).where(citable)).scalar_one())
    return sorted(found.values(), key=lambda e: e.seq), total


def entry_page(
    conn: sa.Connection,
    cycle_id: UUID,
    phase: str,
    before: str | None = None,
    limit: int = ENTRY_PAGE,
) -> EntryPage:
    """The newest `limit` entries of one journal list ("act" or "reflect") recorded before
    the cursor `before` (keyset on seq: no cost in how far back), oldest of them first."""
    in_list = sa.and_(entries.c.cycle_id == cycle_id, entries.c.phase == phase)
    query = sa.select(*ENTRY_COLUMNS).where(in_list)
    start = _cursor(before)
    if start is not None:
        query = query.where(entries.c.seq < start)
    rows = conn.execute(query.order_by(entries.c.seq.desc()).limit(limit + 1)).all()
    shown = [EntryRow(**r._mapping) for r in reversed(rows[:limit])]
    earlier = 0
    if len(rows) > limit:  # only then is counting the rest worth a query
        earlier = conn.execute(
            sa.select(sa.func.count())
            .select_from(entries)
            .where(in_list, entries.c.seq < shown[0].seq)
        ).scalar_one()
    return EntryPage(shown, earlier, start)


def _cursor(before: str | None) -> int | None:
    """A cursor from a page link; anything malformed means "from the newest"."""
    if before is None or not _SEQ.fullmatch(before) or int(before) > _MAX_SEQ:
        return None
    return int(before)


def journal_state(conn: sa.Connection, cycle_id: UUID) -> tuple[bool, bool]:
    """In one query: whether anything was done or seen in the cycle, stories of change
    included (withdrawn entries count, as they do for the domain's rule); and whether it
    holds a comparison or reflection that stands (not withdrawn)."""
    acted = sa.exists().where(entries.c.cycle_id == cycle_id, entries.c.phase.in_([ACT, STORY]))
    learned = sa.exists().where(
        entries.c.cycle_id == cycle_id,
        entries.c.phase == REFLECT,
        entries.c.kind != MISTAKE,
        sa.not_(entries.c.withdrawn),
    )
    row = conn.execute(sa.select(acted.label("acted"), learned.label("learned"))).one()
    return bool(row.acted), bool(row.learned)


def entry_corrections(
    conn: sa.Connection, shown: Collection[EntryRow]
) -> dict[UUID, list[CorrectionRow]]:
    """The versions of each of these entries that was corrected, oldest first (entries
    never corrected have only their original, so they are not asked about)."""
    corrected = [e.id for e in shown if e.revision > 1]
    if not corrected:
        return {}
    rows = conn.execute(
        sa.select(corrections)
        .where(corrections.c.entry_id.in_(corrected))
        .order_by(corrections.c.entry_id, corrections.c.revision)
    )
    found: dict[UUID, list[CorrectionRow]] = {}
    for r in rows:
        found.setdefault(r.entry_id, []).append(CorrectionRow(**r._mapping))
    return found


def comments_on(
    conn: sa.Connection, cycle_id: UUID, on: Collection[str], limit: int = COMMENT_PAGE
) -> dict[str, CommentThread]:
    """The newest `limit` comments on each of these things of a cycle ("plan", "decision",
    entry hex ids), oldest first, with how many there are in all."""
    numbered = (
        sa.select(
            comments.c.id,
            comments.c.on,
            comments.c.text,
            comments.c.actor,
            comments.c.at,
            comments.c.seq,
            sa.func.row_number()
            .over(partition_by=comments.c.on, order_by=comments.c.seq.desc())
            .label("newest"),
            sa.func.count().over(partition_by=comments.c.on).label("total"),
        )
        .where(comments.c.cycle_id == cycle_id, comments.c.on.in_(list(on)))
        .subquery()
    )
    rows = conn.execute(
        sa.select(numbered).where(numbered.c.newest <= limit).order_by(numbered.c.seq)
    )
    found: dict[str, CommentThread] = {}
    for r in rows:
        thread = found.setdefault(r.on, CommentThread([], int(r.total)))
        thread.comments.append(CommentRow(r.id, r.on, r.text, r.actor, r.at))
    return found


def cycle_tasks_done(conn: sa.Connection, cycle_id: UUID) -> dict[str, str]:
    """The set-up tasks done in a cycle: task id to who did it."""
    rows = conn.execute(
        sa.select(tasks_done.c.task_id, tasks_done.c.actor).where(
            tasks_done.c.cycle_id == cycle_id
        )
    )
    return {task_id: actor for task_id, actor in rows}
