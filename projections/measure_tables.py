"""The read-model tables of measures: definitions and their versions, data points with every
correction, the chart's phases and the team's notes (same metadata as projections.tables)."""

import sqlalchemy as sa

from projections.tables import When, metadata

measures = sa.Table(
    "rm_measures",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("group_id", sa.Uuid, nullable=False, index=True),
    sa.Column("name", sa.String(120), nullable=False),
    sa.Column("definition", sa.Text, nullable=False),
    sa.Column("unit", sa.String(60), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("better", sa.String(10), nullable=False),
    sa.Column("period", sa.String(10), nullable=False),
    sa.Column("ratio", sa.Boolean, nullable=False),
    sa.Column("target", sa.Float, nullable=True),
    sa.Column("target_by", sa.Date, nullable=True),
    sa.Column("version", sa.Integer, nullable=False),  # of the definition
    # The measure's last event: anything drawn from its points is the same until it moves.
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("defined_by", sa.String(80), nullable=False),
    sa.Column("defined_at", When, nullable=False),
)

measure_versions = sa.Table(
    "rm_measure_versions",
    metadata,
    sa.Column("measure_id", sa.Uuid, primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("definition", sa.JSON, nullable=False),  # every field, as the event has it
    sa.Column("reason", sa.Text, nullable=True),
    sa.Column("actor", sa.String(80), nullable=False),
    sa.Column("at", When, nullable=False),
)

points = sa.Table(
    "rm_points",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("measure_id", sa.Uuid, nullable=False),  # indexed first in ix_points_measure_day
    sa.Column("day", sa.Date, nullable=False),  # the first day of the point's period
    sa.Column("value", sa.Float, nullable=False),  # as last corrected
    sa.Column("numerator", sa.Float, nullable=True),
    sa.Column("denominator", sa.Float, nullable=True),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("withdrawn", sa.Boolean, nullable=False),
    sa.Column("excluded", sa.Boolean, nullable=False),
    sa.Column("astronomical", sa.Boolean, nullable=False),
    sa.Column("source", sa.String(10), nullable=False),
    sa.Column("actor", sa.String(80), nullable=False),
    sa.Column("recorded_at", When, nullable=False),
    sa.Index("ix_points_measure_day", "measure_id", "day"),
)

# Every version of every point: the original, each correction, withdrawal, exclusion,
# inclusion and astronomical judgement, with who, when and why.
point_history = sa.Table(
    "rm_point_history",
    metadata,
    sa.Column("point_id", sa.String(32), primary_key=True),
    sa.Column("revision", sa.Integer, primary_key=True),
    sa.Column("measure_id", sa.Uuid, nullable=False, index=True),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("value", sa.Float, nullable=True),
    sa.Column("numerator", sa.Float, nullable=True),
    sa.Column("denominator", sa.Float, nullable=True),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("actor", sa.String(80), nullable=False),
    sa.Column("at", When, nullable=False),
)

# Baselines frozen and phases started, in the order they were set.
measure_lines = sa.Table(
    "rm_measure_lines",
    metadata,
    sa.Column("measure_id", sa.Uuid, primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True),  # the measure's event version
    sa.Column("kind", sa.String(20), nullable=False),  # "baseline" or "recalculated"
    sa.Column("day", sa.Date, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("actor", sa.String(80), nullable=False),
    sa.Column("at", When, nullable=False),
)

point_notes = sa.Table(
    "rm_point_notes",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("measure_id", sa.Uuid, nullable=False, index=True),
    sa.Column("point_id", sa.String(32), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("actor", sa.String(80), nullable=False),
    sa.Column("at", When, nullable=False),
)

# What the timeline needs to word a measure's events that do not say it (its name as it
# stands, a point's period and value before a correction). Kept by the timeline itself:
# projections never share tables.
timeline_measures = sa.Table(
    "rm_timeline_measures",
    metadata,
    sa.Column("measure_id", sa.Uuid, primary_key=True),
    sa.Column("name", sa.String(120), nullable=False),
    sa.Column("period", sa.String(10), nullable=False),
)

timeline_points = sa.Table(
    "rm_timeline_points",
    metadata,
    sa.Column("point_id", sa.String(32), primary_key=True),
    sa.Column("day", sa.Date, nullable=False),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("numerator", sa.Float, nullable=True),
    sa.Column("denominator", sa.Float, nullable=True),
)
