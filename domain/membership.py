"""Who takes part and how: accounts, signing in, invitations, roles and sharing."""

import secrets
from datetime import datetime
from functools import cache
from uuid import UUID

from eventsourcing.persistence import IntegrityError

from domain.accounts import Account, account_id
from domain.clock import utcnow
from domain.errors import EmailTakenError, NotFoundError, SignInRefusedError, WrongPasswordError
from domain.group import PilotGroup
from domain.invitation import Invitation
from domain.passwords import hash_password, verify_password
from domain.service import Recorded, Service

REFUSED = "That email and password do not match an account."


@cache
def _decoy() -> str:
    # Checked against when the email is unknown, so a wrong email takes as long as a
    # wrong password and the timing does not reveal which emails have accounts.
    return hash_password(secrets.token_urlsafe(16))


class MembershipCommands(Service):
    """Accounts and who belongs to which group, in what role; the Application inherits
    these commands."""

    def register_account(
        self, email: str, name: str, password: str, actor: str, is_admin: bool = False
    ) -> Recorded:
        """Create an account; an email can have only one."""
        account = Account.register(email, name, hash_password(password), is_admin, actor)
        try:
            return self._recorded(account.id, self.save(account))
        except IntegrityError:
            raise EmailTakenError("There is already an account with that email.") from None

    def sign_in(self, email: str, password: str) -> UUID:
        """The account's id if the password is right (the web layer throttles attempts)."""
        account = self._find(Account, account_id(email))
        if verify_password(password, account.password_hash if account else _decoy()) and account:
            return account.id
        raise SignInRefusedError(REFUSED)

    def change_password(self, account: UUID, current: str, new: str, actor: str) -> Recorded:
        """Change the account's password, given the current one."""
        holder = self._get(Account, account)
        if not verify_password(current, holder.password_hash):
            raise WrongPasswordError("That is not your current password.")
        new_hash = hash_password(new)
        return self._on(Account, account, lambda a: a.change_password(new_hash, actor))

    def set_password(self, email: str, new: str, actor: str) -> Recorded:
        """Set an account's password without the current one (from the command line)."""
        holder = self._find(Account, account_id(email))
        if holder is None:
            raise NotFoundError("No account has that email.")
        new_hash = hash_password(new)
        return self._on(Account, holder.id, lambda a: a.change_password(new_hash, actor))

    def account(self, account_id_: UUID) -> dict[str, object] | None:
        """An account's public details (never its password hash), or None."""
        account = self._find(Account, account_id_)
        if account is None:
            return None
        return {
            "id": account.id,
            "email": account.email,
            "name": account.name,
            "is_admin": account.is_admin,
        }

    def invite(
        self, group_id: UUID, email: str, role: str, actor: str, now: datetime | None = None
    ) -> tuple[Recorded, str]:
        """Invite an email to a role; returns the recording and the link's one-time secret."""
        self._get(PilotGroup, group_id)
        token = secrets.token_urlsafe(24)
        invitation = Invitation.send(group_id, email, role, token, now or utcnow(), actor)
        return self._recorded(invitation.id, self.save(invitation)), token

    def check_invitation(
        self, invitation_id: UUID, token: str, now: datetime | None = None
    ) -> dict[str, object]:
        """What an invitation link offers, or InvitationError if it cannot be used."""
        invitation = self._get(Invitation, invitation_id)
        invitation.check(token, now or utcnow())
        group = self._get(PilotGroup, invitation.group_id)
        return {
            "email": invitation.email,
            "role": invitation.role,
            "group": group.name,
            "group_id": group.id,
        }

    def accept_invitation(
        self, invitation_id: UUID, token: str, account: UUID, now: datetime | None = None
    ) -> Recorded:
        """Join the group with the invited role, as the (signed-in) invited account."""
        holder = self._get(Account, account)

        def command() -> Recorded:
            invitation = self._get(Invitation, invitation_id)
            invitation.accept(token, holder.id, holder.email, now or utcnow())
            group = self._get(PilotGroup, invitation.group_id)
            group.join(str(holder.id), invitation.role, str(holder.id))
            return self._recorded(group.id, self.save(invitation, group))

        return self._retrying(command)

    def accept_invitation_as_new(
        self,
        invitation_id: UUID,
        token: str,
        name: str,
        password: str,
        now: datetime | None = None,
    ) -> Recorded:
        """Create the invited person's account and join the group in one step."""
        invitation = self._get(Invitation, invitation_id)
        invitation.check(token, now or utcnow())
        account = self.register_account(invitation.email, name, password, "invitation")
        return self.accept_invitation(invitation_id, token, account.id, now)

    def change_role(self, group_id: UUID, member: str, role: str, actor: str) -> Recorded:
        """Change someone's role in a group."""
        return self._on(PilotGroup, group_id, lambda g: g.change_role(member, role, actor))

    def remove_member(self, group_id: UUID, member: str, actor: str) -> Recorded:
        """Remove someone from a group."""
        return self._on(PilotGroup, group_id, lambda g: g.remove(member, actor))

    def set_sharing(self, group_id: UUID, shared: bool, actor: str) -> Recorded:
        """Share a group's learning organisation-wide, or keep it private."""
        return self._on(PilotGroup, group_id, lambda g: g.share(shared, actor))
