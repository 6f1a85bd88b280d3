"""Drafts of a new cycle's plan, kept between the questions that open it.

Opening a cycle is asked one question a page (web/opening.py). What has been answered
so far is kept here, on the server, so each page can be left and come back to (the
back button, a closed tab, a shift's end) and "Change" on the check page is a plain
link. A draft is not part of the group's record: nothing is recorded until the
person checks their answers and opens the cycle, and then the cycle's events hold it
all. So drafts sit beside sessions (web/expiring.py): never replayed, pruned as they
expire, and seen only by the person who wrote them.
"""

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

import sqlalchemy as sa
from flask import Flask, current_app

from domain.clock import utcnow
from web.expiring import Clock, When, create, metadata

KEY = "learnloop.cycle_drafts"
# Long enough to finish a plan started before a week's leave; pruned after that.
LIFETIME = timedelta(days=28)
Answers = list[tuple[str, str]]

drafts = sa.Table(
    "web_cycle_drafts",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("account_id", sa.Uuid, nullable=False, index=True),
    sa.Column("group_id", sa.Uuid, nullable=False),
    # The answers as the form posts them: [[name, value], ...], in the order sent.
    sa.Column("answers", sa.Text, nullable=False),
    # Once the cycle is opened from it: its id, so the draft's pages lead there.
    sa.Column("cycle_id", sa.Uuid, nullable=True),
    sa.Column("expires_at", When, nullable=False, index=True),
)


@dataclass(frozen=True)
class Draft:
    """One person's unfinished plan for a group."""

    id: str
    answers: Answers
    cycle_id: UUID | None  # the cycle opened from it, once it has been


@dataclass
class DraftStore:
    """Starts, finds, keeps and closes drafts; each lasts `lifetime` from its last change."""

    engine: sa.Engine
    lifetime: timedelta = LIFETIME
    clock: Clock = utcnow

    def start(self, account_id: UUID, group_id: UUID, answers: Answers, key: str = "") -> str:
        """A new draft holding `answers`; its id. The same submission `key` (the first
        page sent twice) gives the same draft, not a second one."""
        draft_id = _id(account_id, key) if key else secrets.token_urlsafe(18)
        now = self.clock()
        try:
            with self.engine.begin() as conn:
                conn.execute(drafts.delete().where(drafts.c.expires_at <= now))
                conn.execute(
                    drafts.insert().values(
                        id=draft_id,
                        account_id=account_id,
                        group_id=group_id,
                        answers=json.dumps(answers),
                        expires_at=now + self.lifetime,
                    )
                )
        except sa.exc.IntegrityError:
            # The same first page sent again (a double click, a resend, perhaps to another
            # process at the same moment): the draft it made stands, as it was made.
            pass
        return draft_id

    def find(
        self, conn: sa.Connection, draft_id: str, account_id: UUID, group_id: UUID
    ) -> Draft | None:
        """The live draft, if it is this person's, for this group (read on the request's
        connection, as sessions are: no second checkout for a page)."""
        query = sa.select(drafts.c.answers, drafts.c.cycle_id).where(
            drafts.c.id == draft_id,
            drafts.c.account_id == account_id,
            drafts.c.group_id == group_id,
            drafts.c.expires_at > self.clock(),
        )
        row = conn.execute(query).first()
        return None if row is None else Draft(draft_id, _answers(row.answers), row.cycle_id)

    def keep(self, draft: Draft, answers: Answers) -> None:
        """Replace the draft's answers (its lifetime starts again)."""
        values = {"answers": json.dumps(answers), "expires_at": self.clock() + self.lifetime}
        with self.engine.begin() as conn:
            conn.execute(drafts.update().where(drafts.c.id == draft.id).values(**values))

    def opened(self, draft_id: str, account_id: UUID, cycle_id: UUID) -> None:
        """The cycle opened from this person's draft: its pages now lead there."""
        mine = (drafts.c.id == draft_id) & (drafts.c.account_id == account_id)
        with self.engine.begin() as conn:
            conn.execute(drafts.update().where(mine).values(cycle_id=cycle_id))

    def discard(self, draft_id: str, account_id: UUID) -> None:
        """Throw away this person's draft (nothing of it was ever recorded)."""
        mine = (drafts.c.id == draft_id) & (drafts.c.account_id == account_id)
        with self.engine.begin() as conn:
            conn.execute(drafts.delete().where(mine))

    def unfinished(self, conn: sa.Connection, account_id: UUID, group_id: UUID) -> list[Draft]:
        """This person's drafts for the group that have not been opened, newest first."""
        query = (
            sa.select(drafts.c.id, drafts.c.answers)
            .where(
                drafts.c.account_id == account_id,
                drafts.c.group_id == group_id,
                drafts.c.cycle_id.is_(None),
                drafts.c.expires_at > self.clock(),
            )
            .order_by(drafts.c.expires_at.desc())
        )
        return [Draft(r.id, _answers(r.answers), None) for r in conn.execute(query)]


def init_app(app: Flask, engine: sa.Engine) -> None:
    """Make the drafts table."""
    create(drafts, engine)
    app.extensions[KEY] = DraftStore(engine)


def store() -> DraftStore:
    """The drafts of the app handling this request."""
    found: DraftStore = current_app.extensions[KEY]
    return found


def _answers(stored: str) -> Answers:
    return [(name, value) for name, value in json.loads(stored)]


def _id(account_id: UUID, key: str) -> str:
    """A draft's id from the submission key of the page that started it (the key is a
    secret of that page; the id is a hash, so one cannot be made from the other)."""
    return hashlib.sha256(f"{account_id}:{key}".encode()).hexdigest()[:32]
