"""Measures in brief and one point in full: a group's measures with their latest values, a
point's page (every version, its notes) and how many points a measure holds."""

from dataclasses import dataclass
from uuid import UUID

import sqlalchemy as sa

from projections.measure_tables import point_history, point_notes, points
from projections.queries.groups import GroupRow, get_group
from projections.queries.measures import (
    HistoryRow,
    MeasureRow,
    NoteRow,
    PointRow,
    get_measure,
    group_measures,
    point_row,
)
from projections.queries.summaries import LatestValue, latest_values


@dataclass(frozen=True)
class MeasureSummary:
    """A measure as its group's list shows it: its definition and its latest value."""

    measure: MeasureRow
    latest: LatestValue | None  # its latest value (withdrawn ones aside), if any


@dataclass(frozen=True)
class MeasuresPage:
    """A group and its measures, each with its latest value."""

    group: GroupRow
    measures: list[MeasureSummary]


@dataclass(frozen=True)
class PointPage:
    """One point of a measure: as it stands, every version of it, and its notes."""

    group: GroupRow | None
    measure: MeasureRow
    point: PointRow
    versions: list[HistoryRow]  # the original first


def measures_page(conn: sa.Connection, group_id: UUID) -> MeasuresPage | None:
    """A group's measures with their latest values, or None if there is no such group."""
    group = get_group(conn, group_id)
    if group is None:
        return None
    latest = {v.id: v for v in latest_values(conn, [group_id])[group_id] if v.day is not None}
    found = group_measures(conn, group_id)
    return MeasuresPage(group, [MeasureSummary(m, latest.get(m.id)) for m in found])


def point_page(conn: sa.Connection, measure_id: UUID, point_id: str) -> PointPage | None:
    """One point of this measure with its versions and notes, or None if it has no such
    point."""
    measure = get_measure(conn, measure_id)
    row = (
        conn.execute(
            sa.select(points).where(points.c.id == point_id, points.c.measure_id == measure_id)
        )
        .mappings()
        .first()
    )
    if measure is None or row is None:
        return None
    notes = conn.execute(
        sa.select(point_notes)
        .where(point_notes.c.measure_id == measure_id, point_notes.c.point_id == point_id)
        .order_by(point_notes.c.at, point_notes.c.id)
    ).mappings()
    versions = conn.execute(
        sa.select(point_history)
        .where(point_history.c.point_id == point_id)
        .order_by(point_history.c.revision)
    ).mappings()
    return PointPage(
        get_group(conn, measure.group_id),
        measure,
        point_row(
            row, [NoteRow(**{k: n[k] for k in NoteRow.__dataclass_fields__}) for n in notes]
        ),
        [HistoryRow(**{k: v[k] for k in HistoryRow.__dataclass_fields__}) for v in versions],
    )


def point_count(conn: sa.Connection, measure_id: UUID) -> int:
    """How many points of a measure stand (not withdrawn)."""
    counted = conn.execute(
        sa.select(sa.func.count())
        .select_from(points)
        .where(points.c.measure_id == measure_id, points.c.withdrawn.is_(False))
    ).scalar()
    return int(counted or 0)
