"""Groups: the list, one group, its aim's history, members, cycles and help requests."""

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

import sqlalchemy as sa

from projections.queries.cycles import CycleRow
from projections.tables import cycles, group_aims, groups, help_answers, help_requests, members


@dataclass(frozen=True)
class GroupRow:
    """A pilot group as listed."""

    id: UUID
    name: str
    aim: str
    formed_by: str
    formed_at: datetime
    cycle_count: int
    aim_version: int
    shared: bool = False


@dataclass(frozen=True)
class AimRow:
    """One version of a group's aim."""

    version: int
    aim: str
    reason: str | None
    actor: str
    at: datetime


@dataclass(frozen=True)
class MemberRow:
    """A member of a group."""

    name: str
    added_by: str
    added_at: datetime


@dataclass(frozen=True)
class AnswerRow:
    """An answer to a help request."""

    text: str
    actor: str
    at: datetime


@dataclass(frozen=True)
class HelpRow:
    """A help request with its answers."""

    id: UUID
    cycle_id: UUID
    text: str
    actor: str
    at: datetime
    status: str
    answers: list[AnswerRow] = field(default_factory=list)


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


def aim_history(conn: sa.Connection, group_id: UUID) -> list[AimRow]:
    """Every version of a group's aim, newest first."""
    rows = conn.execute(
        sa.select(
            group_aims.c.version,
            group_aims.c.aim,
            group_aims.c.reason,
            group_aims.c.actor,
            group_aims.c.at,
        )
        .where(group_aims.c.group_id == group_id)
        .order_by(group_aims.c.version.desc())
    )
    return [AimRow(**r._mapping) for r in rows]


def group_members(conn: sa.Connection, group_id: UUID) -> list[MemberRow]:
    """A group's members, in the order they joined."""
    rows = conn.execute(
        sa.select(members.c.name, members.c.added_by, members.c.added_at)
        .where(members.c.group_id == group_id)
        .order_by(members.c.added_at, members.c.name)
    )
    return [MemberRow(**r._mapping) for r in rows]


def group_cycles(conn: sa.Connection, group_id: UUID) -> list[CycleRow]:
    """A group's cycles in the order they were opened."""
    rows = conn.execute(
        sa.select(cycles).where(cycles.c.group_id == group_id).order_by(cycles.c.number)
    )
    return [CycleRow(**r._mapping) for r in rows]


# How many requests for help a cycle's page shows at once, each with its answers and
# answer form; and how many of its open requests a group's page lists.
HELP_PAGE = 10


@dataclass(frozen=True)
class HelpPage:
    """One page of a cycle's requests for help, newest first, and how many older ones
    it does not show."""

    requests: list[HelpRow]
    earlier: int
    before: UUID | None = None  # the cursor it was read from; None for the newest page

    @property
    def cursor(self) -> UUID | None:
        """Where the older page starts (its `before`), or None when nothing is older."""
        return self.requests[-1].id if self.earlier and self.requests else None


def group_help(
    conn: sa.Connection, group_id: UUID, open_only: bool = False, limit: int | None = None
) -> list[HelpRow]:
    """A group's help requests (the newest `limit`, if given), newest first, each with
    its answers."""
    where = [help_requests.c.group_id == group_id]
    if open_only:  # open: neither answered yet nor closed by the asker
        where.append(help_requests.c.status == "open")
    return _with_answers(conn, _newest(conn, where, limit))


def help_count(conn: sa.Connection, group_id: UUID, open_only: bool = False) -> int:
    """How many help requests a group has (open ones only, if asked)."""
    where = [help_requests.c.group_id == group_id]
    if open_only:
        where.append(help_requests.c.status == "open")
    return int(conn.execute(sa.select(sa.func.count()).where(*where)).scalar_one())


def help_page(
    conn: sa.Connection, cycle_id: UUID, before: str | None = None, limit: int = HELP_PAGE
) -> HelpPage:
    """The newest `limit` requests for help on a cycle asked before the one the cursor
    `before` names (keyset on when asked, then id: no cost in how far back), newest
    first, each with its answers."""
    where = [help_requests.c.cycle_id == cycle_id]
    start = _help_cursor(conn, cycle_id, before)
    if start is not None:
        where.append(_older_than(*start))
    rows = _newest(conn, where, limit + 1)
    shown = _with_answers(conn, rows[:limit])
    earlier = 0
    if len(rows) > limit:  # only then is counting the rest worth a query
        oldest = shown[-1]
        older = [help_requests.c.cycle_id == cycle_id, _older_than(oldest.at, oldest.id)]
        earlier = int(conn.execute(sa.select(sa.func.count()).where(*older)).scalar_one())
    return HelpPage(shown, earlier, start[1] if start else None)


def _newest(
    conn: sa.Connection, where: list[sa.ColumnElement[bool]], limit: int | None
) -> list[HelpRow]:
    query = (
        sa.select(
            help_requests.c.id,
            help_requests.c.cycle_id,
            help_requests.c.text,
            help_requests.c.actor,
            help_requests.c.at,
            help_requests.c.status,
        )
        .where(*where)
        .order_by(help_requests.c.at.desc(), help_requests.c.id.desc())
        .limit(limit)
    )
    return [HelpRow(**r._mapping) for r in conn.execute(query)]


def _with_answers(conn: sa.Connection, requests: list[HelpRow]) -> list[HelpRow]:
    if requests:
        answers = conn.execute(
            sa.select(help_answers)
            .where(help_answers.c.request_id.in_([r.id for r in requests]))
            .order_by(help_answers.c.at)
        )
        by_request = {r.id: r for r in requests}
        for a in answers:
            by_request[a.request_id].answers.append(AnswerRow(a.text, a.actor, a.at))
    return requests


def _older_than(at: datetime, request_id: UUID) -> sa.ColumnElement[bool]:
    """Asked before this request (the same moment: a smaller id), as the list is ordered."""
    return sa.or_(
        help_requests.c.at < at,
        sa.and_(help_requests.c.at == at, help_requests.c.id < request_id),
    )


def _help_cursor(
    conn: sa.Connection, cycle_id: UUID, before: str | None
) -> tuple[datetime, UUID] | None:
    """The request a page link names, when and which; anything else means the newest."""
    try:
        request_id = UUID(before) if before else None
    except ValueError:
        return None
    if request_id is None:
        return None
    at = conn.execute(
        sa.select(help_requests.c.at).where(
            help_requests.c.id == request_id, help_requests.c.cycle_id == cycle_id
        )
    ).scalar_one_or_none()
    return (at, request_id) if at is not None else None


def help_request_cycle(conn: sa.Connection, request_id: UUID) -> UUID | None:
    """The cycle a help request was asked on, or None."""
    found: UUID | None = conn.execute(
        sa.select(help_requests.c.cycle_id).where(help_requests.c.id == request_id)
    ).scalar_one_or_none()
    return found


def ramps(cycles_in_order: list[CycleRow]) -> list[list[CycleRow]]:
    """Cycles grouped into ramps: each ramp from its first cycle through each adaptation."""
    by_id = {c.id: c for c in cycles_in_order}
    found: list[list[CycleRow]] = []
    for cycle in cycles_in_order:
        if cycle.previous_cycle_id is None or cycle.previous_cycle_id not in by_id:
            ramp = [cycle]
            while ramp[-1].next_cycle_id in by_id:
                ramp.append(by_id[ramp[-1].next_cycle_id])
            found.append(ramp)
    return found
