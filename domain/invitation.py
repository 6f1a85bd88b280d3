"""An invitation to join a group: a single-use link that expires."""

import hashlib
import hmac
from datetime import datetime, timedelta
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.accounts import checked_email, normal_email
from domain.errors import InvitationError
from domain.roles import checked_role

LIFETIME = timedelta(days=7)


def token_hash(token: str) -> str:
    """Only a hash of the link's secret is stored: the log never holds a usable link."""
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(Aggregate):
    """A facilitator's invitation to one email address, for one role in one group."""

    class Sent(Aggregate.Created):
        """A facilitator invited someone by email."""

        group_id: UUID
        email: str
        role: str
        token_hash: str
        expires_at: datetime
        actor: str

    class Accepted(Aggregate.Event):
        """The invited person accepted, with this account."""

        account_id: UUID
        actor: str

    @event(Sent)
    def __init__(
        self,
        group_id: UUID,
        email: str,
        role: str,
        token_hash: str,
        expires_at: datetime,
        actor: str,
    ) -> None:
        self.group_id = group_id
        self.email = email
        self.role = role
        self.token_hash = token_hash
        self.expires_at = expires_at
        self.accepted_by: UUID | None = None

    @classmethod
    def send(
        cls, group_id: UUID, email: str, role: str, token: str, now: datetime, actor: str
    ) -> "Invitation":
        """Invite an email address to a role; the link's secret is `token`."""
        return cls(
            group_id=group_id,
            email=checked_email(email),
            role=checked_role(role),
            token_hash=token_hash(token),
            expires_at=now + LIFETIME,
            actor=actor,
        )

    def check(self, token: str, now: datetime) -> None:
        """Refuse a wrong, used or expired link."""
        if not hmac.compare_digest(token_hash(token), self.token_hash):
            raise InvitationError("This invitation link is not valid.")
        if self.accepted_by is not None:
            raise InvitationError("This invitation has already been used.")
        if now >= self.expires_at:
            raise InvitationError("This invitation has expired. Ask for a new one.")

    def accept(self, token: str, account_id: UUID, email: str, now: datetime) -> None:
        """Use the invitation, once, for the account of the invited email."""
        self.check(token, now)
        if normal_email(email) != self.email:
            raise InvitationError(
                f"This invitation is for {self.email}. Sign in with that address to accept it."
            )
        self._accepted(account_id=account_id, actor=str(account_id))

    @event(Accepted)
    def _accepted(self, account_id: UUID, actor: str) -> None:
        self.accepted_by = account_id
