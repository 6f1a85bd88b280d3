"""The read-model tables (SQLAlchemy Core), in the same database as the events."""

import sqlalchemy as sa

metadata = sa.MetaData()

tracking = sa.Table(
    "projection_tracking",
    metadata,
    sa.Column("name", sa.String(80), primary_key=True),
    # The last notification id applied; updated in the same transaction as the rows.
    sa.Column("position", sa.BigInteger, nullable=False),
)

groups = sa.Table(
    "rm_groups",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("name", sa.String(120), nullable=False),
    sa.Column("aim", sa.Text, nullable=False),
    sa.Column("formed_by", sa.String(80), nullable=False),
    sa.Column("formed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("cycle_count", sa.Integer, nullable=False),
)

cycles = sa.Table(
    "rm_cycles",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("group_id", sa.Uuid, nullable=False, index=True),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("objective", sa.String(300), nullable=False),
    sa.Column("phase", sa.String(20), nullable=False),
    sa.Column("plan_version", sa.Integer, nullable=False),
    sa.Column("opened_by", sa.String(80), nullable=False),
    sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_activity_at", sa.DateTime(timezone=True), nullable=False),
)

entries = sa.Table(
    "rm_entries",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("cycle_id", sa.Uuid, nullable=False, index=True),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("actor", sa.String(80), nullable=False),
    sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    # The cycle's event version: orders entries without trusting clocks.
    sa.Column("seq", sa.Integer, nullable=False),
)

plan_versions = sa.Table(
    "rm_plan_versions",
    metadata,
    sa.Column("cycle_id", sa.Uuid, primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("objective", sa.String(300), nullable=False),
    sa.Column("plan_text", sa.Text, nullable=False),
    sa.Column("questions", sa.JSON, nullable=False),
    sa.Column("change", sa.Text, nullable=True),
    sa.Column("actor", sa.String(80), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)

plan_citations = sa.Table(
    "rm_plan_citations",
    metadata,
    sa.Column("cycle_id", sa.Uuid, primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("entry_id", sa.Uuid, primary_key=True),
)
