"""The read-model tables (SQLAlchemy Core), in the same database as the events."""

from datetime import UTC, datetime

import sqlalchemy as sa

from projections import fulltext

metadata = sa.MetaData()
When = sa.DateTime(timezone=True)


def aware(moment: datetime) -> datetime:
    """A `When` as read back, with its zone: SQLite hands back naive times (stored in
    UTC), PostgreSQL aware ones."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


tracking = sa.Table(
    "projection_tracking",
    metadata,
    sa.Column("name", sa.String(80), primary_key=True),
    # The last notification id applied; updated in the same transaction as the rows.
    sa.Column("position", sa.BigInteger, nullable=False),
    # The projection's table layout; a projection whose layout changed is rebuilt.
    sa.Column("version", sa.Integer, nullable=False, server_default="0"),
)

groups = sa.Table(
    "rm_groups",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("name", sa.String(120), nullable=False),
    sa.Column("aim", sa.Text, nullable=False),
    sa.Column("formed_by", sa.String(80), nullable=False),
    sa.Column("formed_at", When, nullable=False),
    sa.Column("cycle_count", sa.Integer, nullable=False),
    sa.Column("aim_version", sa.Integer, nullable=False),
    sa.Column("shared", sa.Boolean, nullable=False, server_default=sa.false()),
)

accounts = sa.Table(
    "rm_accounts",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("email", sa.String(254), nullable=False, unique=True),
    sa.Column("name", sa.String(80), nullable=False),
    sa.Column("is_admin", sa.Boolean, nullable=False),
    sa.Column("registered_at", When, nullable=False),
)

memberships = sa.Table(
    "rm_memberships",
    metadata,
    sa.Column("group_id", sa.Uuid, primary_key=True),
    sa.Column("account_id", sa.String(80), primary_key=True),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("since", When, nullable=False),
    # Every page asks which groups the signed-in person belongs to.
    sa.Index("ix_memberships_account", "account_id"),
)

invitations = sa.Table(
    "rm_invitations",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("group_id", sa.Uuid, nullable=False, index=True),
    sa.Column("email", sa.String(254), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("invited_by", sa.String(80), nullable=False),
    sa.Column("sent_at", When, nullable=False),
    sa.Column("expires_at", When, nullable=False),
    sa.Column("accepted_by", sa.Uuid, nullable=True),
)

group_aims = sa.Table(
    "rm_group_aims",
    metadata,
    sa.Column("group_id", sa.Uuid, primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("aim", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=True),
    sa.Column("actor", sa.String(80), nullable=False),
    sa.Column("at", When, nullable=False),
)

members = sa.Table(
    "rm_members",
    metadata,
    sa.Column("group_id", sa.Uuid, primary_key=True),
    sa.Column("name", sa.String(80), primary_key=True),
    sa.Column("added_by", sa.String(80), nullable=False),
    sa.Column("added_at", When, nullable=False),
)

cycles = sa.Table(
    "rm_cycles",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("group_id", sa.Uuid, nullable=False, index=True),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("objective", sa.String(300), nullable=False),
    sa.Column("method", sa.String(40), nullable=False),
    sa.Column("phase", sa.String(20), nullable=False),
    sa.Column("plan_version", sa.Integer, nullable=False),
    sa.Column("opened_by", sa.String(80), nullable=False),
    sa.Column("opened_at", When, nullable=False),
    sa.Column("last_activity_at", When, nullable=False),
    sa.Column("previous_cycle_id", sa.Uuid, nullable=True),
    sa.Column("next_cycle_id", sa.Uuid, nullable=True),
    sa.Column("decision", sa.String(20), nullable=True),
    sa.Column("decision_reason", sa.Text, nullable=True),
    sa.Column("decided_by", sa.String(80), nullable=True),
    sa.Column("decided_at", When, nullable=True),
    # When the cycle was opened and decided, as the team said ("" if when recorded), and
    # the opening's moment: a backfilled ramp is listed by when it happened.
    sa.Column("happened", sa.String(16), nullable=False, server_default=""),
    sa.Column("happened_at", When, nullable=False),
    sa.Column("decision_happened", sa.String(16), nullable=True),
)

entries = sa.Table(
    "rm_entries",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("cycle_id", sa.Uuid, nullable=False),  # indexed first in ix_entries_cycle_phase_seq
    sa.Column("kind", sa.String(20), nullable=False),
    # "act" or "reflect": which of the journal's lists the entry is in, so each list
    # pages and counts on one index range instead of filtering every kind it holds.
    sa.Column("phase", sa.String(20), nullable=False),
    sa.Column("text", sa.Text, nullable=False),  # as last amended
    sa.Column("question", sa.String(300), nullable=False),
    sa.Column("outcome", sa.String(20), nullable=False),
    sa.Column("actor", sa.String(80), nullable=False),
    sa.Column("recorded_at", When, nullable=False),
    # When it happened, as the team said it ("" if when recorded), and that moment.
    sa.Column("happened", sa.String(16), nullable=False, server_default=""),
    sa.Column("happened_at", When, nullable=False),
    # The cycle's event version: orders entries without trusting clocks.
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("withdrawn", sa.Boolean, nullable=False),
    sa.Index("ix_entries_cycle_phase_seq", "cycle_id", "phase", "seq"),
)

# The learning library's own rows: each learning statement not withdrawn, as last amended.
# Learning is a small share of the entries, so the library reads only what it shows, and
# its words are indexed for full-text search (projections/fulltext.py).
learning = sa.Table(
    "rm_learning",
    metadata,
    # The key SQLite's full-text index refers to rows by.
    sa.Column("number", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("entry_id", sa.Uuid, nullable=False, unique=True),
    sa.Column("cycle_id", sa.Uuid, nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("outcome", sa.String(20), nullable=False),
    sa.Column("actor", sa.String(80), nullable=False),
    sa.Column("recorded_at", When, nullable=False),
    # The library without a search: newest first, a page at a time, on this index alone.
    sa.Index("ix_learning_recorded", "recorded_at", "entry_id"),
    # Nothing reads the key back: rows are written in bulk (projections/writer.py).
    implicit_returning=False,
)
fulltext.index_words(learning, learning.c.text, learning.c.number)

corrections = sa.Table(
    "rm_corrections",
    metadata,
    sa.Column("entry_id", sa.Uuid, primary_key=True),
    sa.Column("revision", sa.Integer, primary_key=True),
    sa.Column("kind", sa.String(20), nullable=False),  # "original", "amended", "withdrawn"
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("actor", sa.String(80), nullable=False),
    sa.Column("at", When, nullable=False),
)

plan_versions = sa.Table(
    "rm_plan_versions",
    metadata,
    sa.Column("cycle_id", sa.Uuid, primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("objective", sa.String(300), nullable=False),
    sa.Column("plan_text", sa.Text, nullable=False),
    sa.Column("questions", sa.JSON, nullable=False),
    sa.Column("details", sa.JSON, nullable=False),  # who, where, when, data, measures, tasks
    sa.Column("change", sa.Text, nullable=True),
    sa.Column("actor", sa.String(80), nullable=False),
    sa.Column("at", When, nullable=False),
)

plan_citations = sa.Table(
    "rm_plan_citations",
    metadata,
    sa.Column("cycle_id", sa.Uuid, primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("entry_id", sa.Uuid, primary_key=True),
    # The library's page for an entry lists the changes citing it.
    sa.Index("ix_plan_citations_entry", "entry_id"),
)

tasks_done = sa.Table(
    "rm_tasks_done",
    metadata,
    sa.Column("cycle_id", sa.Uuid, primary_key=True),
    sa.Column("task_id", sa.String(40), primary_key=True),
    sa.Column("actor", sa.String(80), nullable=False),
    sa.Column("at", When, nullable=False),
)

comments = sa.Table(
    "rm_comments",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("cycle_id", sa.Uuid, nullable=False),  # indexed first in ix_comments_cycle_on_seq
    sa.Column("on", sa.String(40), nullable=False),  # "plan", "decision" or an entry id (hex)
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("actor", sa.String(80), nullable=False),
    sa.Column("at", When, nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    # The cycle page loads only the comments on what it shows (one page of entries).
    sa.Index("ix_comments_cycle_on_seq", "cycle_id", "on", "seq"),
)

help_requests = sa.Table(
    "rm_help_requests",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("group_id", sa.Uuid, nullable=False, index=True),
    sa.Column("cycle_id", sa.Uuid, nullable=False, index=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("actor", sa.String(80), nullable=False),
    sa.Column("at", When, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    # A cycle's page shows its newest requests a page at a time, and a group's its open
    # ones: each read from an index in the order shown.
    sa.Index("ix_help_requests_cycle_at", "cycle_id", "at", "id"),
    sa.Index("ix_help_requests_group_status_at", "group_id", "status", "at", "id"),
)

help_answers = sa.Table(
    "rm_help_answers",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("request_id", sa.Uuid, nullable=False, index=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("actor", sa.String(80), nullable=False),
    sa.Column("at", When, nullable=False),
)

timeline = sa.Table(
    "rm_timeline",
    metadata,
    sa.Column("originator_id", sa.Uuid, primary_key=True),
    sa.Column("originator_version", sa.Integer, primary_key=True),
    sa.Column("group_id", sa.Uuid, nullable=False),
    sa.Column("cycle_id", sa.Uuid, nullable=True),
    # The cycle's number and its ramp's name (its first objective), for the cycle's link.
    sa.Column("cycle_number", sa.Integer, nullable=True),
    sa.Column("ramp", sa.String(300), nullable=True),
    sa.Column("at", When, nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("actor", sa.String(80), nullable=False),
    sa.Column("words", sa.Text, nullable=False),
    # When it happened, as the team said it ("" if when recorded), and that moment: the
    # timeline's order, with when it was recorded (at) as the tie.
    sa.Column("happened", sa.String(16), nullable=False, server_default=""),
    sa.Column("happened_at", When, nullable=False),
    sa.Index("ix_timeline_group_at", "group_id", "at"),
    sa.Index("ix_timeline_group_happened_at", "group_id", "happened_at", "at"),
)

# Which group each cycle and help request belongs to, so the timeline can place events
# that do not carry it. Kept by the timeline itself: projections never share tables.
timeline_owners = sa.Table(
    "rm_timeline_owners",
    metadata,
    sa.Column("originator_id", sa.Uuid, primary_key=True),
    sa.Column("group_id", sa.Uuid, nullable=False),
    sa.Column("cycle_id", sa.Uuid, nullable=True),
    sa.Column("cycle_number", sa.Integer, nullable=True),
    sa.Column("ramp", sa.String(300), nullable=True),
)

# Peer Assist: requests to other groups, and which request each piece of advice answers
# (the advice itself is an entry of the asking cycle).
advice_requests = sa.Table(
    "rm_advice_requests",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("cycle_id", sa.Uuid, nullable=False, index=True),
    sa.Column("to_group_id", sa.Uuid, nullable=False, index=True),
    sa.Column("question", sa.Text, nullable=False),
    sa.Column("actor", sa.String(80), nullable=False),
    sa.Column("at", When, nullable=False),
)

advice_given = sa.Table(
    "rm_advice_given",
    metadata,
    sa.Column("entry_id", sa.Uuid, primary_key=True),
    sa.Column("request_id", sa.Uuid, nullable=False, index=True),
    sa.Column("from_group_id", sa.Uuid, nullable=False),
)

# Most Significant Change: what a story is besides its text (an entry), and the panel's
# choice (the choice's reasons are an entry too).
stories = sa.Table(
    "rm_stories",
    metadata,
    sa.Column("entry_id", sa.Uuid, primary_key=True),
    sa.Column("cycle_id", sa.Uuid, nullable=False, index=True),
    sa.Column("from_group_id", sa.Uuid, nullable=False),
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("teller", sa.String(120), nullable=False),
    sa.Column("why", sa.Text, nullable=False),
    sa.Column("chosen_by_entry", sa.Uuid, nullable=True),
)
