"""Measures at a glance: each measure's latest value against its target (the dashboard),
and its values over a span of time (a cycle's, for the learning library), in words."""

from dataclasses import dataclass, replace
from datetime import date
from uuid import UUID

import sqlalchemy as sa

from domain.measure_values import period_start
from projections.measure_tables import measures, points
from projections.measure_words import (
    period_words,
    span_words,
    target_words,
    value_words,
)


@dataclass(frozen=True)
class LatestValue:
    """A measure and its latest value (None before any is recorded)."""

    id: UUID
    group_id: UUID
    name: str
    period: str
    target: float | None
    target_by: date | None
    day: date | None
    value: float | None
    numerator: float | None
    denominator: float | None
    unit: str = ""

    @property
    def reading(self) -> str:
        """ "6 in April 2026 (target 5 by 31 March 2027)", "23% in June 2017", or "no
        values yet"."""
        target = target_words(self.target, self.target_by)
        if self.day is None or self.value is None:
            latest = "no values yet"
        else:
            value = value_words(self.value, self.numerator, self.denominator, self.unit)
            latest = f"{value} in {period_words(self.day, self.period)}"
        return f"{latest} ({target})" if target else latest


def latest_values(conn: sa.Connection, group_ids: list[UUID]) -> dict[UUID, list[LatestValue]]:
    """Each group's measures, in the order they were defined, with their latest values.

    One statement however long the histories: each measure's latest point is found by
    reading its (measure_id, day) index backwards to the first point not withdrawn.
    """
    found: dict[UUID, list[LatestValue]] = {g: [] for g in group_ids}
    if not group_ids:
        return found
    latest = (
        sa.select(points.c.id)
        .where(points.c.measure_id == measures.c.id, points.c.withdrawn.is_(False))
        .order_by(points.c.day.desc())
        .limit(1)
        .correlate(measures)
        .scalar_subquery()
    )
    rows = conn.execute(
        sa.select(
            measures.c.id,
            measures.c.group_id,
            measures.c.name,
            measures.c.period,
            measures.c.target,
            measures.c.target_by,
            points.c.day,
            points.c.value,
            points.c.numerator,
            points.c.denominator,
            measures.c.unit,
        )
        .select_from(measures.outerjoin(points, points.c.id == latest))
        .where(measures.c.group_id.in_(group_ids))
        .order_by(measures.c.group_id, measures.c.defined_at, measures.c.id)
    )
    for r in rows:
        found[r.group_id].append(LatestValue(**r._mapping))
    return found


# How many of a measure's latest values a summary over a span of time shows.
SHOWN = 12


@dataclass(frozen=True)
class ValuesOver:
    """A measure's values over a span of time (a cycle's), the latest `SHOWN` of them."""

    id: UUID
    name: str
    period: str
    ratio: bool
    values: list[tuple[date, float]]  # oldest first
    more: bool  # earlier values in the span than those shown
    unit: str = ""

    @property
    def reading(self) -> str:
        """ "9, 7, 6 (Feb to Apr 2026)", "…, 45%, 50% (3 Feb to 17 Mar 2026)", or "no
        values recorded" (spans joined by an en dash)."""
        if not self.values:
            return "no values recorded over these dates"
        unit = "%" if self.ratio else self.unit
        shown = [value_words(v, unit=unit) for _, v in self.values]
        span = span_words(self.values[0][0], self.values[-1][0], self.period)
        return ", ".join((["…"] if self.more else []) + shown) + f" ({span})"


def values_over(
    conn: sa.Connection, group_id: UUID, start: date, end: date | None
) -> list[ValuesOver]:
    """Each of the group's measures with its values for the periods from `start` to `end`
    (or to now): a point counts from the period `start` falls in. One statement, reading
    at most `SHOWN` + 1 points a measure."""
    since = sa.case(
        (measures.c.period == "month", period_start(start, "month")),
        (measures.c.period == "week", period_start(start, "week")),
        else_=start,
    )
    kept = [points.c.withdrawn.is_(False), points.c.day >= since]
    if end is not None:
        kept.append(points.c.day <= end)
    newest = sa.func.row_number().over(
        partition_by=points.c.measure_id, order_by=points.c.day.desc()
    )
    ranked = (
        sa.select(points.c.measure_id, points.c.day, points.c.value, newest.label("n"))
        .join(measures, measures.c.id == points.c.measure_id)
        .where(measures.c.group_id == group_id, *kept)
        .subquery()
    )
    rows = conn.execute(
        sa.select(
            measures.c.id,
            measures.c.name,
            measures.c.period,
            measures.c.ratio,
            measures.c.unit,
            ranked.c.day,
            ranked.c.value,
            ranked.c.n,
        )
        .select_from(
            measures.outerjoin(
                ranked, sa.and_(ranked.c.measure_id == measures.c.id, ranked.c.n <= SHOWN + 1)
            )
        )
        .where(measures.c.group_id == group_id)
        .order_by(measures.c.defined_at, measures.c.id, ranked.c.day)
    )
    found: dict[UUID, ValuesOver] = {}
    for r in rows:
        empty = ValuesOver(r.id, r.name, r.period, r.ratio, [], False, r.unit)
        over = found.setdefault(r.id, empty)
        if r.n is not None and r.n <= SHOWN:
            over.values.append((r.day, r.value))
        elif r.n is not None:
            found[r.id] = replace(over, more=True)
    return list(found.values())
