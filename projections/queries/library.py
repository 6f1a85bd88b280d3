"""The learning library: what groups learned, searchable, across the groups one may read."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import sqlalchemy as sa

from domain.methods import method
from projections import fulltext
from projections.tables import (
    cycles,
    groups,
    memberships,
    plan_citations,
    plan_versions,
)
from projections.tables import learning as learning_table

PAGE = 30
# Newest first, on the learning table's own index.
_NEWEST = (learning_table.c.recorded_at.desc(), learning_table.c.entry_id.desc())


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
    opened_at: datetime
    decided_at: datetime | None
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
    """Learning from the groups this account may read: what matches `words` best first,
    or without words the newest first. `before` is where the page starts: the cursor
    handed back with the page before it."""
    query = _readable(account_id)
    if entry_id is not None:
        query = query.where(learning_table.c.entry_id == entry_id)
    terms = fulltext.words_of(words)
    if terms:
        return _best_first(conn, query, terms, before, limit)
    after = _cursor(before)
    if after is not None:
        query = query.where(
            sa.tuple_(learning_table.c.recorded_at, learning_table.c.entry_id) < sa.tuple_(*after)
        )
    rows = conn.execute(query.order_by(*_NEWEST).limit(limit + 1))
    found = [LearningRow(**r._mapping) for r in rows]
    return found[:limit], found[limit - 1].cursor if len(found) > limit else None


def is_search(words: str) -> bool:
    """Whether `words` search the library, best matches first, rather than list it newest
    first: whether they have any word a search reads."""
    return bool(fulltext.words_of(words))


def _best_first(
    conn: sa.Connection,
    query: sa.Select[tuple[object, ...]],
    terms: list[str],
    before: str | None,
    limit: int,
) -> tuple[list[LearningRow], str | None]:
    """The matches for `terms`, best first, a page at a time from the offset `before`.

    Paged by offset: how well an entry matches depends on every other entry, so it is no
    key to page by (a newly recorded entry shifts the scores of all the others).
    """
    start = int(before) if before and before.isdecimal() else 0
    matched, rank = fulltext.matching(conn.dialect.name, query, learning_table.c.text, terms)
    rows = conn.execute(matched.order_by(rank, *_NEWEST).offset(start).limit(limit + 1))
    found = [LearningRow(**r._mapping) for r in rows]
    return found[:limit], str(start + limit) if len(found) > limit else None


def _readable(account_id: str) -> sa.Select[tuple[object, ...]]:
    """Every learning statement this account may read, with its cycle and group."""
    readable = sa.or_(
        groups.c.shared,
        groups.c.id.in_(
            sa.select(memberships.c.group_id).where(memberships.c.account_id == account_id)
        ),
    )
    return (
        sa.select(
            learning_table.c.entry_id.label("id"),
            learning_table.c.kind,
            learning_table.c.text,
            learning_table.c.outcome,
            learning_table.c.actor,
            learning_table.c.recorded_at,
            cycles.c.id.label("cycle_id"),
            cycles.c.number.label("cycle_number"),
            cycles.c.objective,
            cycles.c.method,
            cycles.c.decision,
            cycles.c.opened_at,
            cycles.c.decided_at,
            groups.c.id.label("group_id"),
            groups.c.name.label("group_name"),
        )
        .join(cycles, cycles.c.id == learning_table.c.cycle_id)
        .join(groups, groups.c.id == cycles.c.group_id)
        .where(readable)
    )


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


def _cursor(before: str | None) -> tuple[datetime, UUID] | None:
    if not before:
        return None
    try:
        at, entry = before.split("~")
        return datetime.fromisoformat(at), UUID(entry)
    except ValueError:
        return None
