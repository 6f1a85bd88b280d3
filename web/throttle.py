"""Failed sign-ins, kept for a window: guessers are slowed, and no one can lock others out.

The policy, within any 15 minutes:
- 5 failures for one email from one address lock that pair for the rest of the window;
  the same email from another address, and other emails from that address, are not locked.
- 20 failures from one address (many emails, as behind a shared proxy) slow the address:
  one attempt every few seconds, refused until then with the seconds to wait.
- 10 failures for one email from any addresses slow the email likewise, so guesses spread
  over many addresses are slowed too.
Only failures count; a refused attempt is not tried, so it counts for nothing.
"""

import hashlib
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

import sqlalchemy as sa
from flask import Flask, current_app, request

from domain.accounts import normal_email
from domain.clock import utcnow
from domain.errors import SignInRefusedError
from web.expiring import Clock, When, as_utc, create, metadata
from web.moments import reader_clock

KEY = "learnloop.throttle"
WINDOW = timedelta(minutes=15)
PAIR_LIMIT = 5
ADDRESS_SLOWED_AT = 20
EMAIL_SLOWED_AT = 10
SLOW_EVERY = timedelta(seconds=5)
T = TypeVar("T")

failures = sa.Table(
    "signin_failures",
    metadata,
    sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True),
    # A hash of the email as typed: people type their password there by mistake.
    sa.Column("email_key", sa.String(64), nullable=False),
    sa.Column("address", sa.String(64), nullable=False),
    sa.Column("at", When, nullable=False, index=True),
    sa.Index("ix_signin_failures_email_key_at", "email_key", "at"),
    sa.Index("ix_signin_failures_address_at", "address", "at"),
)


class ThrottledError(SignInRefusedError):
    """Too many recent failures: this attempt was not tried."""


@dataclass
class SignInThrottle:
    """Counts failed password checks by email and address, and refuses when there are many."""

    engine: sa.Engine
    clock: Clock = utcnow

    def guarded(self, email: str, address: str, attempt: Callable[[], T]) -> T:
        """Run a password check unless throttled; count it if the password was wrong."""
        self.check(email, address)
        try:
            return attempt()
        except SignInRefusedError:
            self.failed(email, address)
            raise

    def check(self, email: str, address: str) -> None:
        """Refuse (ThrottledError) if the pair is locked or the email or address is slowed."""
        now = self.clock()
        recent = self._recent(_key(email), address[:64], now)
        if recent.pair >= PAIR_LIMIT and recent.pair_first is not None:
            until = recent.pair_first + WINDOW
            raise ThrottledError(
                "Too many failed attempts for this email from this address. "
                f"Try again after {reader_clock(until)}."
            )
        slowed = [
            last + SLOW_EVERY
            for count, limit, last in (
                (recent.address, ADDRESS_SLOWED_AT, recent.address_last),
                (recent.email, EMAIL_SLOWED_AT, recent.email_last),
            )
            if count >= limit and last is not None
        ]
        slot = max(slowed, default=now)
        if slot > now:
            wait = math.ceil((slot - now).total_seconds())
            raise ThrottledError(
                "Too many failed sign-ins recently. "
                f"Try again in {wait} second{'' if wait == 1 else 's'}."
            )

    def failed(self, email: str, address: str) -> None:
        """Count a failed attempt, and forget those older than the window."""
        now = self.clock()
        with self.engine.begin() as conn:
            conn.execute(
                failures.insert().values(email_key=_key(email), address=address[:64], at=now)
            )
            conn.execute(failures.delete().where(failures.c.at <= now - WINDOW))

    def _recent(self, email_key: str, address: str, now: datetime) -> "Recent":
        pair = sa.and_(failures.c.email_key == email_key, failures.c.address == address)
        by_address, by_email = failures.c.address == address, failures.c.email_key == email_key
        at = failures.c.at
        query = sa.select(
            sa.func.count().filter(pair),
            sa.func.min(at).filter(pair),
            sa.func.count().filter(by_address),
            sa.func.max(at).filter(by_address),
            sa.func.count().filter(by_email),
            sa.func.max(at).filter(by_email),
        ).where(at > now - WINDOW, sa.or_(by_address, by_email))
        with self.engine.connect() as conn:
            pair_n, pair_first, address_n, address_last, email_n, email_last = conn.execute(
                query
            ).one()
        return Recent(
            pair_n, _utc(pair_first), address_n, _utc(address_last), email_n, _utc(email_last)
        )


@dataclass(frozen=True)
class Recent:
    """Failures within the window: for the pair, the address and the email."""

    pair: int
    pair_first: datetime | None
    address: int
    address_last: datetime | None
    email: int
    email_last: datetime | None


def init_app(app: Flask, engine: sa.Engine) -> None:
    """Make the failures table."""
    create(failures, engine)
    app.extensions[KEY] = SignInThrottle(engine)


def throttle() -> SignInThrottle:
    """The sign-in throttle of the app handling this request."""
    found: SignInThrottle = current_app.extensions[KEY]
    return found


def client_address() -> str:
    """The address failures are counted by: the client's, as Flask gives it.

    Behind a trusted reverse proxy, ProxyFix has already put the real client's address here.
    """
    return request.remote_addr or "unknown"


def _utc(moment: datetime | None) -> datetime | None:
    return as_utc(moment) if moment is not None else None


def _key(email: str) -> str:
    return hashlib.sha256(normal_email(email).encode()).hexdigest()
