"""Accounts: who can sign in; failed attempts lock an account, or an address, for a while."""

from datetime import datetime, timedelta
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.errors import InvalidFieldError
from domain.fields import checked

# After this many failures within the window, sign-in is refused until the window passes.
MAX_FAILURES = 5
MAX_ADDRESS_FAILURES = 20
WINDOW = timedelta(minutes=15)
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


def address_throttle_id(address: str) -> UUID:
    """The throttle of one network address."""
    return uuid5(_NAMESPACE, "address:" + address)


def locked_until(failures: list[datetime], limit: int, now: datetime) -> datetime | None:
    """When attempts may start again, if `limit` failures fall within the window."""
    recent = [t for t in failures if now - t < WINDOW]
    return recent[-limit] + WINDOW if len(recent) >= limit else None


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


class Throttle(Aggregate):
    """Recent failed sign-ins for one email (whether or not it has an account) or address.

    Keyed by the email itself, not the account, so a locked email looks the same
    whether or not anyone registered it.
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

    @classmethod
    def start(cls, key: UUID, limit: int) -> "Throttle":
        """The throttle for a key seen failing for the first time."""
        return cls._create(cls.Started, id=key, limit=limit)

    def locked_until(self, now: datetime) -> datetime | None:
        """When attempts may start again, if too many recent ones failed."""
        return locked_until(self.failures, self.limit, now)

    @event(AttemptFailed)
    def fail(self, at: datetime) -> None:
        """Count a failed attempt (only the last `limit` are kept)."""
        self.failures = [*self.failures[-(self.limit - 1) :], at]

    @event(Cleared)
    def clear(self) -> None:
        """Start the count again."""
        self.failures = []


def email_throttle_id(email: str) -> UUID:
    """The throttle of sign-ins naming one email."""
    return uuid5(_NAMESPACE, "email:" + normal_email(email))
