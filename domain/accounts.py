"""Accounts: who can sign in, and with which password."""

from datetime import datetime
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.errors import InvalidFieldError
from domain.fields import checked

_NAMESPACE = uuid5(NAMESPACE_URL, "learnloop:accounts")


def normal_email(email: str) -> str:
    """Emails compare without case or surrounding space."""
    return email.strip().casefold()


def checked_email(email: str) -> str:
    """A plausible email address, normalised; anything else is refused."""
    email = normal_email(email)
    local, _, domain = email.partition("@")
    malformed = not local or "." not in domain or " " in email or not email.isprintable()
    if malformed or len(email) > 254:
        raise InvalidFieldError("email", "Give an email address, like name@example.org.")
    return email


def account_id(email: str) -> UUID:
    """An account's id follows from its email, so one email can only register once."""
    return uuid5(_NAMESPACE, "account:" + normal_email(email))


class Account(Aggregate):
    """Someone who can sign in: email, name, password hash, and whether they administer."""

    class Registered(Aggregate.Created):
        """An account was created (by an administrator, or by accepting an invitation)."""

        email: str
        name: str
        password_hash: str
        is_admin: bool
        actor: str

    @event(Registered)
    def __init__(
        self, email: str, name: str, password_hash: str, is_admin: bool, actor: str
    ) -> None:
        self.email = email
        self.name = name
        self.password_hash = password_hash
        self.is_admin = is_admin

    @classmethod
    def register(
        cls, email: str, name: str, password_hash: str, is_admin: bool, actor: str
    ) -> "Account":
        """Register an account under the id its email gives it."""
        email = checked_email(email)
        return cls._create(
            cls.Registered,
            id=account_id(email),
            email=email,
            name=checked("actor", name),
            password_hash=password_hash,
            is_admin=is_admin,
            actor=actor,
        )

    class PasswordChanged(Aggregate.Event):
        """The account's password was changed, by its holder or from the command line."""

        password_hash: str
        actor: str

    @event(PasswordChanged)
    def change_password(self, password_hash: str, actor: str) -> None:
        """Sign-in takes the new password from now on."""
        self.password_hash = password_hash


class Throttle(Aggregate):
    """Retired: failed sign-ins counted per email or address, as events (until 0.2).

    Failed attempts now live in an expiring table of the web layer (web/throttle.py):
    they are not part of the groups' record. The class and its events stay so that
    events stored by earlier versions still load; nothing writes them any more.
    """

    class Started(Aggregate.Created):
        """The first failure for this key."""

        limit: int

    class AttemptFailed(Aggregate.Event):
        """A sign-in failed."""

        at: datetime

    class Cleared(Aggregate.Event):
        """A sign-in succeeded; the count starts again."""

    @event(Started)
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.failures: list[datetime] = []

    @event(AttemptFailed)
    def fail(self, at: datetime) -> None:
        """Count a failed attempt (only the last `limit` are kept)."""
        self.failures = [*self.failures[-(self.limit - 1) :], at]

    @event(Cleared)
    def clear(self) -> None:
        """Start the count again."""
        self.failures = []
