"""What Peer Assist and Most Significant Change show: advice across groups, stories of change."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from domain.roles import RECORD, may
from projections.tables import (
    advice_given,
    advice_requests,
    cycles,
    entries,
    groups,
    memberships,
    stories,
)

# Requests a group is shown at once; older ones stay on the asking cycles' pages.
ASKED_OF_LIMIT = 20


@dataclass(frozen=True)
class AdviceRow:
    """One piece of advice, as the entry it is in the asking cycle."""

    entry_id: UUID
    text: str
    actor: str
    at: datetime
    withdrawn: bool


@dataclass(frozen=True)
class AdviceRequestRow:
    """A request for advice from one group's cycle to another group, with the advice given."""

    id: UUID
    cycle_id: UUID
    cycle_number: int
    group_id: UUID
    group_name: str
    to_group_id: UUID
    to_group_name: str
    question: str
    actor: str
    at: datetime
    advice: list[AdviceRow] = field(default_factory=list)


@dataclass(frozen=True)
class StoryRow:
    """A story of change brought to a panel, and whether the panel chose it."""

    entry_id: UUID
    title: str
    teller: str
    text: str
    why: str
    from_group_id: UUID
    from_group_name: str
    actor: str
    at: datetime
    withdrawn: bool
    chosen_reasons: str | None
    happened: str = ""  # when it was told, as the team said it ("": when recorded)


@dataclass(frozen=True)
class GroupChoice:
    """A group someone may name in a form (to ask for advice, or to tell a story from)."""

    id: UUID
    name: str


_asking = groups.alias("asking")
_asked = groups.alias("asked")
_REQUESTS = (
    sa.select(
        advice_requests,
        cycles.c.number.label("cycle_number"),
        cycles.c.group_id,
        _asking.c.name.label("group_name"),
        _asked.c.name.label("to_group_name"),
    )
    .join(cycles, cycles.c.id == advice_requests.c.cycle_id)
    .join(_asking, _asking.c.id == cycles.c.group_id)
    .join(_asked, _asked.c.id == advice_requests.c.to_group_id)
)


def cycle_advice(conn: sa.Connection, cycle_id: UUID) -> list[AdviceRequestRow]:
    """A Peer Assist cycle's requests for advice, oldest first, each with its advice."""
    rows = conn.execute(
        _REQUESTS.where(advice_requests.c.cycle_id == cycle_id).order_by(advice_requests.c.at)
    ).all()
    return _with_advice(conn, rows)


def advice_asked_of(conn: sa.Connection, group_id: UUID) -> list[AdviceRequestRow]:
    """Requests for this group's advice from cycles still open, newest first."""
    rows = conn.execute(
        _REQUESTS.where(advice_requests.c.to_group_id == group_id, cycles.c.decision.is_(None))
        .order_by(advice_requests.c.at.desc())
        .limit(ASKED_OF_LIMIT)
    ).all()
    return _with_advice(conn, rows)


def advice_request(conn: sa.Connection, request_id: UUID) -> AdviceRequestRow | None:
    """One request for advice, with the advice given so far."""
    rows = conn.execute(_REQUESTS.where(advice_requests.c.id == request_id)).all()
    found = _with_advice(conn, rows)
    return found[0] if found else None


def _with_advice(conn: sa.Connection, rows: Sequence[sa.Row[Any]]) -> list[AdviceRequestRow]:
    found = {r.id: AdviceRequestRow(**r._mapping) for r in rows}
    if not found:
        return []
    advice = conn.execute(
        sa.select(
            advice_given.c.request_id,
            entries.c.id.label("entry_id"),
            entries.c.text,
            entries.c.actor,
            entries.c.recorded_at.label("at"),
            entries.c.withdrawn,
        )
        .join(entries, entries.c.id == advice_given.c.entry_id)
        .where(advice_given.c.request_id.in_(found))
        .order_by(entries.c.seq)
    )
    for a in advice:
        found[a.request_id].advice.append(
            AdviceRow(a.entry_id, a.text, a.actor, a.at, bool(a.withdrawn))
        )
    return list(found.values())


def cycle_stories(conn: sa.Connection, cycle_id: UUID) -> list[StoryRow]:
    """The stories brought to a panel's cycle, in the order they came, with its choice."""
    chosen = entries.alias("chosen")
    rows = conn.execute(
        sa.select(
            stories.c.entry_id,
            stories.c.title,
            stories.c.teller,
            entries.c.text,
            stories.c.why,
            stories.c.from_group_id,
            groups.c.name.label("from_group_name"),
            entries.c.actor,
            entries.c.recorded_at.label("at"),
            entries.c.withdrawn,
            chosen.c.text.label("chosen_reasons"),
            entries.c.happened,
        )
        .join(entries, entries.c.id == stories.c.entry_id)
        .join(groups, groups.c.id == stories.c.from_group_id)
        .outerjoin(chosen, chosen.c.id == stories.c.chosen_by_entry)
        .where(stories.c.cycle_id == cycle_id)
        .order_by(entries.c.seq)
    )
    return [StoryRow(**r._mapping) for r in rows]


def groups_to_ask(conn: sa.Connection, account_id: str, own: UUID) -> list[GroupChoice]:
    """The groups someone could ask for advice: those they see, other than their own."""
    mine = sa.select(memberships.c.group_id).where(memberships.c.account_id == account_id)
    rows = conn.execute(
        sa.select(groups.c.id, groups.c.name)
        .where(sa.or_(groups.c.id.in_(mine), groups.c.shared), groups.c.id != own)
        .order_by(groups.c.name)
    )
    return [GroupChoice(r.id, r.name) for r in rows]


def groups_recording(conn: sa.Connection, account_id: str) -> list[GroupChoice]:
    """The groups in which someone may record: where a story they bring can come from."""
    rows = conn.execute(
        sa.select(groups.c.id, groups.c.name, memberships.c.role)
        .join(memberships, memberships.c.group_id == groups.c.id)
        .where(memberships.c.account_id == account_id)
        .order_by(groups.c.name)
    )
    return [GroupChoice(r.id, r.name) for r in rows if may(r.role, RECORD, False)]
