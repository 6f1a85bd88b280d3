"""The data behind a chart as table rows: dates, values, lines, and notes on each point."""

from collections.abc import Sequence
from datetime import date

from projections.spc import Chart
from projections.spc.words import number, period_date
from web.charts.model import Annotation, PointDetail, Row

NO_DETAIL = PointDetail()
RULE_NAMES = {
    "shift": "a shift",
    "trend": "a trend",
    "few_crossings": "too few crossings",
    "too_few_runs": "too few runs",
    "too_many_runs": "too many runs",
    "astronomical": "an astronomical point",
    "beyond_limit": "a point beyond a limit",
    "two_of_three": "two of three near a limit",
}


def rows(
    chart: Chart,
    annotations: Sequence[Annotation],
    details: Sequence[PointDetail] | None,
    element_id: str,
) -> list[Row]:
    """One row per point, its phase's lines beside it, and what is noted against it."""
    noted: dict[int, list[str]] = {}
    for n, a in enumerate(sorted(annotations, key=lambda a: a.at), start=1):
        if chart.points:
            noted.setdefault(row_of(chart, a.at), []).append(f"Annotation {n}: {a.label}")
    lines = [(_maybe(p.centre), _maybe(p.lower), _maybe(p.upper)) for p in chart.phases]
    found: list[Row] = []
    for point in chart.points:
        centre, lower, upper = lines[point.phase]
        detail = details[point.index] if details else NO_DETAIL
        notes = (
            [f"Excluded: {detail.note}" if detail.note else "Excluded"] if point.excluded else []
        )
        notes += [f"Signal {s + 1}: {RULE_NAMES[chart.signals[s].rule]}" for s in point.signals]
        notes += noted.get(point.index, [])
        found.append(
            Row(
                anchor=f"{element_id}-row-{point.index}",
                when=period_date(point.at, chart.period),
                value=number(point.value),
                numerator=_maybe(detail.numerator),
                denominator=_maybe(detail.denominator),
                centre=centre,
                lower=lower,
                upper=upper,
                notes=tuple(notes),
                css="excluded" if point.excluded else "signal" if point.signals else "",
            )
        )
    return found


def _maybe(value: float | None) -> str:
    """A number, or nothing."""
    return "" if value is None else number(value)


def row_of(chart: Chart, at: date) -> int:
    """The index of the last point on or before `at` (the first point if none is)."""
    return max((p.index for p in chart.points if p.at <= at), default=0)
