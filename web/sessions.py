"""Server-side sessions: a cookie is good only while its session's record lives."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

import sqlalchemy as sa
from flask import Flask, current_app

from domain.clock import utcnow
from projections.tables import accounts
from web.expiring import Clock, When, create, metadata

KEY = "learnloop.sessions"
DEFAULT_LIFETIME_HOURS = 12

sessions = sa.Table(
    "web_sessions",
    metadata,
    # A hash of the token the cookie carries, so a copy of the table signs no one in.
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("account_id", sa.Uuid, nullable=False, index=True),
    sa.Column("created_at", When, nullable=False),
    sa.Column("expires_at", When, nullable=False, index=True),
)


@dataclass(frozen=True)
class SignedIn:
    """A live session's account; name, email and role are None until the read model has it."""

    account_id: UUID
    name: str | None
    email: str | None
    is_admin: bool | None


@dataclass
class SessionStore:
    """Opens, finds and ends sessions; each lasts `lifetime` from signing in."""

    engine: sa.Engine
    lifetime: timedelta
    clock: Clock = utcnow

    def start(self, account_id: UUID) -> str:
        """Open a session for the account; returns the token its cookie keeps."""
        token = secrets.token_urlsafe(32)
        now = self.clock()
        with self.engine.begin() as conn:
            # Pruned as sessions open, so the table holds about one lifetime of sign-ins.
            conn.execute(sessions.delete().where(sessions.c.expires_at <= now))
            conn.execute(
                sessions.insert().values(
                    id=_key(token),
                    account_id=account_id,
                    created_at=now,
                    expires_at=now + self.lifetime,
                )
            )
        return token

    def signed_in(self, conn: sa.Connection, token: str) -> SignedIn | None:
        """The live session's account id, with the account's read-model row when it has one.

        One query by primary key, so checking the session costs the request nothing
        beyond the account lookup it already made.
        """
        query = (
            sa.select(
                sessions.c.account_id, accounts.c.name, accounts.c.email, accounts.c.is_admin
            )
            .select_from(sessions.outerjoin(accounts, accounts.c.id == sessions.c.account_id))
            .where(sessions.c.id == _key(token), sessions.c.expires_at > self.clock())
        )
        row = conn.execute(query).first()
        return SignedIn(*row) if row else None

    def end(self, token: str) -> None:
        """End one session: its cookie no longer signs anyone in."""
        with self.engine.begin() as conn:
            conn.execute(sessions.delete().where(sessions.c.id == _key(token)))

    def end_all(self, account_id: UUID, keep: str | None = None) -> int:
        """End every session of the account (but the one `keep` holds); how many ended."""
        query = sessions.delete().where(sessions.c.account_id == account_id)
        if keep is not None:
            query = query.where(sessions.c.id != _key(keep))
        with self.engine.begin() as conn:
            return conn.execute(query).rowcount


def init_app(app: Flask, engine: sa.Engine) -> None:
    """Make the sessions table; the cookie lasts as long as the session (SESSION_LIFETIME)."""
    hours = app.config.get("SESSION_LIFETIME", DEFAULT_LIFETIME_HOURS)
    try:
        lifetime = timedelta(hours=float(hours))
    except (TypeError, ValueError):
        raise ValueError(f"LEARNLOOP_SESSION_LIFETIME must be hours (got {hours!r}).") from None
    if lifetime <= timedelta(0):
        raise ValueError(f"LEARNLOOP_SESSION_LIFETIME must be positive (got {hours!r}).")
    app.config["PERMANENT_SESSION_LIFETIME"] = lifetime
    # The cookie's expiry is set on signing in, not pushed on by every request: the
    # session itself ends a lifetime after signing in, however busy it was.
    app.config["SESSION_REFRESH_EACH_REQUEST"] = False
    create(sessions, engine)
    app.extensions[KEY] = SessionStore(engine, lifetime)


def store() -> SessionStore:
    """The sessions of the app handling this request."""
    found: SessionStore = current_app.extensions[KEY]
    return found


def _key(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
