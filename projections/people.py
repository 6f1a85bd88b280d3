"""People: accounts, who holds which role in which group, and invitations."""

from domain.accounts import Account
from domain.group import PilotGroup
from domain.invitation import Invitation
from domain.roles import FACILITATOR
from projections.projection import Projection, handles
from projections.tables import accounts, invitations, memberships
from projections.writer import Writer


class People(Projection):
    """Accounts (never their passwords), memberships with roles, and invitations."""

    name = "people"
    version = 2  # 2: memberships indexed by account
    tables = (accounts, memberships, invitations)

    @handles(Account.Registered)
    def registered(self, conn: Writer, e: Account.Registered) -> None:
        conn.insert(
            accounts,
            dict(
                id=e.originator_id,
                email=e.email,
                name=e.name,
                is_admin=e.is_admin,
                registered_at=e.timestamp,
            ),
        )

    @handles(PilotGroup.Formed)
    def formed(self, conn: Writer, e: PilotGroup.Formed) -> None:
        self._set(conn, e, e.actor, FACILITATOR)

    @handles(PilotGroup.MemberJoined)
    def joined(self, conn: Writer, e: PilotGroup.MemberJoined) -> None:
        self._set(conn, e, e.account_id, e.role)

    @handles(PilotGroup.RoleChanged)
    def role_changed(self, conn: Writer, e: PilotGroup.RoleChanged) -> None:
        conn.update(memberships, (e.originator_id, e.account_id), {"role": e.role})

    @handles(PilotGroup.MemberRemoved)
    def removed(self, conn: Writer, e: PilotGroup.MemberRemoved) -> None:
        conn.execute(
            memberships.delete().where(
                memberships.c.group_id == e.originator_id,
                memberships.c.account_id == e.account_id,
            )
        )

    @handles(Invitation.Sent)
    def invited(self, conn: Writer, e: Invitation.Sent) -> None:
        conn.insert(
            invitations,
            dict(
                id=e.originator_id,
                group_id=e.group_id,
                email=e.email,
                role=e.role,
                invited_by=e.actor,
                sent_at=e.timestamp,
                expires_at=e.expires_at,
            ),
        )

    @handles(Invitation.Accepted)
    def accepted(self, conn: Writer, e: Invitation.Accepted) -> None:
        conn.update(invitations, e.originator_id, {"accepted_by": e.account_id})

    @staticmethod
    def _set(conn: Writer, e: PilotGroup.Event, account_id: str, role: str) -> None:
        conn.insert(
            memberships,
            dict(group_id=e.originator_id, account_id=account_id, role=role, since=e.timestamp),
        )
