"""Measures: a group's list, one measure's page (definition, points, history, lines, notes)
and the group's cycles and plan revisions that its chart marks by itself."""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar
from uuid import UUID

import sqlalchemy as sa

from projections.measure_tables import (
    measure_lines,
    measure_versions,
    measures,
    point_history,
    point_notes,
    points,
)
from projections.queries.cycles import CycleRow
from projections.tables import aware, cycles, plan_versions

R = TypeVar("R")


@dataclass(frozen=True)
class MeasureRow:
    """A measure as defined now."""

    id: UUID
    group_id: UUID
    name: str
    definition: str
    unit: str
    kind: str
    better: str
    period: str
    ratio: bool
    target: float | None
    target_by: date | None
    version: int
    seq: int  # the measure's last event
    defined_by: str
    defined_at: datetime


@dataclass(frozen=True)
class PointRow:
    """A data point as it stands (last corrected), with its notes."""

    id: str
    day: date
    value: float
    numerator: float | None
    denominator: float | None
    revision: int
    withdrawn: bool
    excluded: bool
    astronomical: bool
    source: str
    actor: str
    recorded_at: datetime
    why_excluded: str = ""
    notes: list["NoteRow"] = field(default_factory=list)


@dataclass(frozen=True)
class NoteRow:
    """A team's note on a point."""

    id: UUID
    point_id: str
    text: str
    actor: str
    at: datetime


@dataclass(frozen=True)
class HistoryRow:
    """One version of a point: the original, a correction, a withdrawal..."""

    point_id: str
    revision: int
    kind: str
    value: float | None
    numerator: float | None
    denominator: float | None
    reason: str
    actor: str
    at: datetime


@dataclass(frozen=True)
class LineRow:
    """A baseline frozen or a phase started, with why."""

    seq: int
    kind: str  # "baseline" or "recalculated"
    day: date
    reason: str
    actor: str
    at: datetime


@dataclass(frozen=True)
class VersionRow:
    """One version of a measure's definition."""

    version: int
    definition: dict[str, Any]
    reason: str | None
    actor: str
    at: datetime


@dataclass(frozen=True)
class Mark:
    """Something the group did that a chart marks by itself: a cycle opened or decided, or
    a plan revised."""

    at: datetime
    kind: str  # "opened", "decided" or "revised"
    cycle_id: UUID
    number: int
    detail: str  # the decision, or the plan's version


@dataclass(frozen=True)
class MeasurePage:
    """Everything one measure's page shows."""

    measure: MeasureRow
    points: list[PointRow]  # by day, withdrawn ones too
    history: dict[str, list[HistoryRow]]  # by point, for points corrected or withdrawn
    lines: list[LineRow]
    versions: list[VersionRow]
    marks: list[Mark]


def group_measures(conn: sa.Connection, group_id: UUID) -> list[MeasureRow]:
    """A group's measures, in the order they were defined."""
    rows = conn.execute(
        sa.select(measures)
        .where(measures.c.group_id == group_id)
        .order_by(measures.c.defined_at, measures.c.id)
    )
    return [MeasureRow(**r._mapping) for r in rows]


def measures_of_groups(conn: sa.Connection, group_ids: list[UUID]) -> dict[UUID, MeasureRow]:
    """The measures of these groups, by id (one statement)."""
    if not group_ids:
        return {}
    rows = conn.execute(sa.select(measures).where(measures.c.group_id.in_(group_ids)))
    return {r.id: MeasureRow(**r._mapping) for r in rows}


def get_measure(conn: sa.Connection, measure_id: UUID) -> MeasureRow | None:
    """One measure, or None."""
    row = conn.execute(sa.select(measures).where(measures.c.id == measure_id)).first()
    return MeasureRow(**row._mapping) if row else None


def measure_points(
    conn: sa.Connection, measure_ids: list[UUID], since: date | None = None
) -> dict[UUID, list[PointRow]]:
    """The points (not withdrawn) of each measure, by day: what charts are drawn from."""
    query = (
        sa.select(points)
        .where(points.c.measure_id.in_(measure_ids), points.c.withdrawn.is_(False))
        .order_by(points.c.measure_id, points.c.day)
    )
    if since is not None:
        query = query.where(points.c.day >= since)
    found: dict[UUID, list[PointRow]] = {m: [] for m in measure_ids}
    for r in conn.execute(query).mappings():
        found[r["measure_id"]].append(point_row(r))
    return found


def measure_page(conn: sa.Connection, measure_id: UUID) -> MeasurePage | None:
    """One measure's page, or None if there is no such measure."""
    measure = get_measure(conn, measure_id)
    if measure is None:
        return None
    history = _history(conn, measure_id)
    notes = _notes(conn, measure_id)
    rows = conn.execute(
        sa.select(points).where(points.c.measure_id == measure_id).order_by(points.c.day)
    ).mappings()
    found = [
        point_row(r, notes.get(r["id"], []), _why_excluded(history.get(r["id"], []))) for r in rows
    ]
    return MeasurePage(
        measure=measure,
        points=found,
        history={k: v for k, v in history.items() if len(v) > 1},
        lines=_lines(conn, measure_id),
        versions=_versions(conn, measure_id),
        marks=group_marks(conn, measure.group_id),
    )


def group_charts(
    conn: sa.Connection, group_id: UUID, until: date | None = None
) -> list[MeasurePage]:
    """Each of the group's measures with its points up to a date (all, without one), its
    lines and the group's marks: what charts of the group over a cycle are drawn from (five
    statements however many measures)."""
    found = group_measures(conn, group_id)
    if not found:
        return []
    ids = [m.id for m in found]
    points_of, lines_of = measure_points(conn, ids), measure_lines_of(conn, ids)
    marks = group_marks(conn, group_id)
    return [
        MeasurePage(
            measure=m,
            points=[p for p in points_of[m.id] if until is None or p.day <= until],
            history={},
            lines=[line for line in lines_of[m.id] if until is None or line.day <= until],
            versions=[],
            marks=marks,
        )
        for m in found
    ]


def group_marks(conn: sa.Connection, group_id: UUID) -> list[Mark]:
    """Every cycle of the group opened and decided, and every plan revision, by time: when
    each happened, as the team said (a ramp entered after it was run is marked in its
    months, not on the day it was typed in)."""
    found: list[tuple[datetime, Mark]] = []
    rows = [
        CycleRow(**r._mapping)
        for r in conn.execute(sa.select(cycles).where(cycles.c.group_id == group_id))
    ]
    decided: dict[UUID | None, datetime] = {
        c.id: at for c in rows if (at := c.decision_happened_at) is not None
    }
    for c in rows:
        opened = c.opening_happened_at
        # Adapting opens the next cycle in the same act that decides this one (its event a
        # moment earlier): the decision is placed first, as the group made it.
        after = decided.get(c.previous_cycle_id, opened)
        found.append((max(opened, after), Mark(opened, "opened", c.id, c.number, "")))
        if c.id in decided:
            at = decided[c.id]
            found.append((at, Mark(at, "decided", c.id, c.number, c.decision or "")))
    for v in conn.execute(
        sa.select(
            plan_versions.c.cycle_id, plan_versions.c.version, plan_versions.c.at, cycles.c.number
        )
        .join(cycles, cycles.c.id == plan_versions.c.cycle_id)
        .where(cycles.c.group_id == group_id, plan_versions.c.version > 1)
    ):
        at = aware(v.at)
        found.append((at, Mark(at, "revised", v.cycle_id, v.number, str(v.version))))
    return [mark for _, mark in sorted(found, key=lambda f: (f[0], f[1].number))]


def point_row(r: Any, notes: list[NoteRow] | None = None, why_excluded: str = "") -> PointRow:
    """A point as read from rm_points, with its notes and why it is left out, if it is."""
    values = {k: r[k] for k in PointRow.__dataclass_fields__ if k in r}
    return PointRow(**values, why_excluded=why_excluded, notes=notes or [])


def _why_excluded(history: list[HistoryRow]) -> str:
    """The reason the latest exclusion gave, if the point is still excluded."""
    for h in reversed(history):
        if h.kind in ("excluded", "included"):
            return h.reason if h.kind == "excluded" else ""
    return ""


def _history(conn: sa.Connection, measure_id: UUID) -> dict[str, list[HistoryRow]]:
    order = (point_history.c.point_id, point_history.c.revision)
    return _by_point(conn, point_history, measure_id, order, HistoryRow)


def _notes(conn: sa.Connection, measure_id: UUID) -> dict[str, list[NoteRow]]:
    return _by_point(conn, point_notes, measure_id, (point_notes.c.at, point_notes.c.id), NoteRow)


def _by_point(
    conn: sa.Connection,
    table: sa.Table,
    measure_id: UUID,
    order: tuple[sa.ColumnElement[Any], ...],
    row: type[R],
) -> dict[str, list[R]]:
    """A measure's rows of `table` as `row`s, by the point they are about, in `order`."""
    found: dict[str, list[R]] = {}
    names = row.__dataclass_fields__  # type: ignore[attr-defined]
    query = sa.select(table).where(table.c.measure_id == measure_id).order_by(*order)
    for r in conn.execute(query).mappings():
        found.setdefault(r["point_id"], []).append(row(**{k: r[k] for k in names}))
    return found


def _lines(conn: sa.Connection, measure_id: UUID) -> list[LineRow]:
    return measure_lines_of(conn, [measure_id])[measure_id]


def measure_lines_of(conn: sa.Connection, measure_ids: list[UUID]) -> dict[UUID, list[LineRow]]:
    """The baselines and phases of each measure, in the order they were set."""
    found: dict[UUID, list[LineRow]] = {m: [] for m in measure_ids}
    rows = conn.execute(
        sa.select(measure_lines)
        .where(measure_lines.c.measure_id.in_(measure_ids))
        .order_by(measure_lines.c.measure_id, measure_lines.c.seq)
    ).mappings()
    for r in rows:
        found[r["measure_id"]].append(LineRow(**{k: r[k] for k in LineRow.__dataclass_fields__}))
    return found


def _versions(conn: sa.Connection, measure_id: UUID) -> list[VersionRow]:
    rows = conn.execute(
        sa.select(measure_versions)
        .where(measure_versions.c.measure_id == measure_id)
        .order_by(measure_versions.c.version.desc())
    ).mappings()
    return [VersionRow(**{k: r[k] for k in VersionRow.__dataclass_fields__}) for r in rows]
