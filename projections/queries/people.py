"""People: roles, who sees which groups, names for actor ids, invitations."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import sqlalchemy as sa

from projections.measure_tables import measures
from projections.queries.groups import GroupRow
from projections.tables import accounts, cycles, groups, help_requests, invitations, memberships


@dataclass(frozen=True)
class PersonRow:
    """Someone in a group, with their role."""

    account_id: str
    name: str
    email: str
    role: str


@dataclass(frozen=True)
class InvitationRow:
    """An invitation not yet accepted."""

    id: UUID
    email: str
    role: str
    invited_by: str
    sent_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class AccountRow:
    """An account as an administrator sees it."""

    id: UUID
    email: str
    name: str
    is_admin: bool
    registered_at: datetime


def visible_groups(
    conn: sa.Connection, account_id: str, limit: int = 50, before: str | None = None
) -> tuple[list[GroupRow], str | None]:
    """A page of the groups this account has a role in, or that share their learning,
    newest first; and where the next page starts (keyset: no cost in the page number)."""
    mine = sa.select(memberships.c.group_id).where(memberships.c.account_id == account_id)
    query = sa.select(groups).where(sa.or_(groups.c.id.in_(mine), groups.c.shared))
    after = _group_cursor(before)
    if after is not None:
        query = query.where(sa.tuple_(groups.c.formed_at, groups.c.id) < sa.tuple_(*after))
    rows = conn.execute(
        query.order_by(groups.c.formed_at.desc(), groups.c.id.desc()).limit(limit + 1)
    )
    found = [GroupRow(**r._mapping) for r in rows]
    last = found[limit - 1] if len(found) > limit else None
    return found[:limit], f"{last.formed_at.isoformat()}~{last.id}" if last else None


def _group_cursor(before: str | None) -> tuple[datetime, UUID] | None:
    if not before:
        return None
    try:
        at, group_id = before.split("~")
        return datetime.fromisoformat(at), UUID(group_id)
    except ValueError:
        return None


def group_people(conn: sa.Connection, group_id: UUID) -> list[PersonRow]:
    """Everyone with a role in the group, facilitators first."""
    rows = list(
        conn.execute(
            sa.select(memberships.c.account_id, memberships.c.role)
            .where(memberships.c.group_id == group_id)
            .order_by(memberships.c.role, memberships.c.since)
        )
    )
    found = _accounts(conn, [r.account_id for r in rows])
    people = []
    for r in rows:
        name, email = found.get(r.account_id, (r.account_id, ""))
        people.append(PersonRow(r.account_id, name, email, r.role))
    return people


def _accounts(conn: sa.Connection, ids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """(name, email) by account id, for ids that are accounts."""
    wanted = [UUID(i) for i in ids if _is_uuid(i)]
    if not wanted:
        return {}
    rows = conn.execute(
        sa.select(accounts.c.id, accounts.c.name, accounts.c.email).where(
            accounts.c.id.in_(wanted)
        )
    )
    return {str(r.id): (r.name, r.email) for r in rows}


def _is_uuid(value: str) -> bool:
    try:
        UUID(value)
    except (ValueError, TypeError):
        return False
    return True


def pending_invitations(conn: sa.Connection, group_id: UUID, now: datetime) -> list[InvitationRow]:
    """Invitations neither accepted nor expired."""
    rows = conn.execute(
        sa.select(
            invitations.c.id,
            invitations.c.email,
            invitations.c.role,
            invitations.c.invited_by,
            invitations.c.sent_at,
            invitations.c.expires_at,
        )
        .where(
            invitations.c.group_id == group_id,
            invitations.c.accepted_by.is_(None),
            invitations.c.expires_at > now,
        )
        .order_by(invitations.c.sent_at.desc())
    )
    return [InvitationRow(**r._mapping) for r in rows]


def list_accounts(
    conn: sa.Connection, limit: int = 100, after: str | None = None
) -> tuple[list[AccountRow], str | None]:
    """A page of accounts by email, and the email the next page starts after."""
    query = sa.select(accounts)
    if after:
        query = query.where(accounts.c.email > after)
    rows = conn.execute(query.order_by(accounts.c.email).limit(limit + 1))
    found = [AccountRow(**r._mapping) for r in rows]
    return found[:limit], found[limit - 1].email if len(found) > limit else None


def get_account(conn: sa.Connection, account_id: UUID) -> AccountRow | None:
    """One account as the read model holds it."""
    row = conn.execute(sa.select(accounts).where(accounts.c.id == account_id)).first()
    return AccountRow(**row._mapping) if row else None


def group_of_cycle(conn: sa.Connection, cycle_id: UUID) -> UUID | None:
    """The group a cycle belongs to."""
    found: UUID | None = conn.execute(
        sa.select(cycles.c.group_id).where(cycles.c.id == cycle_id)
    ).scalar_one_or_none()
    return found


def name_of(conn: sa.Connection, account_id: UUID) -> str | None:
    """An account's display name, if there is such an account."""
    found: str | None = conn.execute(
        sa.select(accounts.c.name).where(accounts.c.id == account_id)
    ).scalar_one_or_none()
    return found


@dataclass(frozen=True)
class Access:
    """What one account holds in one group: its role (or None) and whether it is shared."""

    group_id: UUID
    role: str | None
    shared: bool


def access(
    conn: sa.Connection,
    account_id: str,
    group_id: UUID | None = None,
    cycle_id: UUID | None = None,
    request_id: UUID | None = None,
    measure_id: UUID | None = None,
) -> Access | None:
    """In one query: the group a group, cycle, help request or measure belongs to, the
    account's role in it and whether it shares its learning; None if there is no such
    thing."""
    if group_id is not None:
        which = groups.c.id == group_id
    elif cycle_id is not None:
        which = (
            groups.c.id
            == sa.select(cycles.c.group_id).where(cycles.c.id == cycle_id).scalar_subquery()
        )
    elif request_id is not None:
        which = groups.c.id == (
            sa.select(help_requests.c.group_id)
            .where(help_requests.c.id == request_id)
            .scalar_subquery()
        )
    elif measure_id is not None:
        which = groups.c.id == (
            sa.select(measures.c.group_id).where(measures.c.id == measure_id).scalar_subquery()
        )
    else:
        raise LookupError("Name a group, a cycle, a help request or a measure.")
    row = conn.execute(
        sa.select(groups.c.id, groups.c.shared, memberships.c.role)
        .outerjoin(
            memberships,
            sa.and_(memberships.c.group_id == groups.c.id, memberships.c.account_id == account_id),
        )
        .where(which)
    ).first()
    return Access(row.id, row.role, bool(row.shared)) if row else None
