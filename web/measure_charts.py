"""A measure's chart from the read model: its points, lines and notes, and the group's
cycles and plan revisions marked on the time axis by themselves.

The one way any page turns measures into charts (the measure page, the group page and the
dashboard's sparklines, the cycle page and the revision history)."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from flask import Flask, current_app, url_for

from projections import queries
from projections.queries import LineRow, Mark, MeasureRow, PointRow
from projections.spc import Baseline, Chart, Observation, Recalculation, Settings, analyse
from projections.words import DECIDED
from web.charts import Annotation, Drawing, PointDetail, Sparkline, draw, sparkline
from web.moments import reader_date

KEY = "learnloop.chart_settings"
SPARKS = "learnloop.sparklines"
# How many sparklines a process keeps (by measure and the version of its last event): a
# page listing measures costs the same however many points they hold, once each is drawn.
REMEMBERED = 5_000
Sparks = dict[tuple[UUID, int], Sparkline]


@dataclass(frozen=True)
class MeasureChart:
    """A measure with its analysed chart and its drawing."""

    measure: MeasureRow
    chart: Chart
    drawing: Drawing


def settings_from(config: Mapping[str, Any]) -> Settings:
    """The installation's chart rules: LEARNLOOP_RUN_CHART_RULES (anhoej or ihi) and the XmR
    shift and trend lengths LEARNLOOP_SPC_SHIFT and LEARNLOOP_SPC_TREND (6 to 8)."""
    try:
        return Settings(
            run_rules=str(config.get("RUN_CHART_RULES", "anhoej")).lower(),  # type: ignore[arg-type]
            shift=int(config.get("SPC_SHIFT", 7)),
            trend=int(config.get("SPC_TREND", 7)),
        )
    except ValueError as wrong:
        raise ValueError(f"Chart settings: {wrong}") from None


def init_app(app: Flask) -> None:
    """Check the chart settings at start-up: a wrong one stops the app with its reason."""
    app.extensions[KEY] = settings_from(app.config)
    app.extensions[SPARKS] = {}


def chart_settings() -> Settings:
    """This installation's chart rules."""
    settings: Settings = current_app.extensions[KEY]
    return settings


def analysed(
    measure: MeasureRow,
    points: Sequence[PointRow],
    lines: Sequence[LineRow],
    kind: str | None = None,
) -> Chart:
    """The measure's chart by the installation's rules (withdrawn points left out)."""
    kept = [p for p in points if not p.withdrawn]
    return analyse(
        [Observation(p.day, p.value, p.excluded, p.astronomical) for p in kept],
        better=measure.better,  # type: ignore[arg-type]
        target=measure.target,
        changes=[_change(line) for line in lines],
        settings=chart_settings(),
        period=measure.period,  # type: ignore[arg-type]
        kind=kind,  # type: ignore[arg-type]
    )


def measure_chart(
    measure: MeasureRow,
    points: Sequence[PointRow],
    lines: Sequence[LineRow],
    marks: Sequence[Mark],
    kind: str | None = None,
    element_id: str = "chart",
) -> MeasureChart:
    """The measure's chart, drawn with the group's cycles, revisions and the team's notes."""
    kept = [p for p in points if not p.withdrawn]
    chart = analysed(measure, kept, lines, kind)
    drawing = draw(
        chart,
        title=f"{measure.name} ({measure.unit})",
        annotations=_annotations(marks, kept, chart),
        details=[PointDetail(p.numerator, p.denominator, p.why_excluded) for p in kept],
        element_id=element_id,
    )
    return MeasureChart(measure, chart, drawing)


def sparklines(conn: sa.Connection, measures: Sequence[MeasureRow]) -> dict[UUID, Sparkline]:
    """A small chart of each measure with its variation and assurance marks; only those not
    drawn since their measure last changed read their points (two queries for them all)."""
    drawn: Sparks = current_app.extensions[SPARKS]
    missing = [m for m in measures if (m.id, m.seq) not in drawn]
    if missing:
        ids = [m.id for m in missing]
        points, lines = queries.measure_points(conn, ids), queries.measure_lines_of(conn, ids)
        if len(drawn) + len(missing) > REMEMBERED:
            drawn.clear()
        for m in missing:
            chart = analysed(m, points[m.id], lines[m.id])
            drawn[(m.id, m.seq)] = sparkline(chart, title=m.name, element_id=f"spark-{m.id.hex}")
    return {m.id: drawn[(m.id, m.seq)] for m in measures}


def _change(line: LineRow) -> Baseline | Recalculation:
    return Baseline(line.day) if line.kind == "baseline" else Recalculation(line.day)


def _annotations(
    marks: Sequence[Mark], points: Sequence[PointRow], chart: Chart
) -> list[Annotation]:
    """The group's marks within the chart's dates, and the team's notes on points."""
    if not points:
        return []
    first, last = points[0].day, points[-1].day
    found = [
        Annotation(
            reader_date(m.at), _label(m), _href(m), "revision" if m.kind == "revised" else "cycle"
        )
        for m in marks
        if first <= reader_date(m.at) <= _end_of(last, chart)
    ]
    found += [
        Annotation(p.day, f"Note: {n.text}", f"#point-{p.id}", "team")
        for p in points
        for n in p.notes
    ]
    return sorted(found, key=lambda a: a.at)


def _end_of(last: date, chart: Chart) -> date:
    """The last day of the chart's last period: a mark in it falls on the chart."""
    if chart.period == "month":
        following = date(last.year + last.month // 12, last.month % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)
    if chart.period == "week":
        return date.fromordinal(last.toordinal() + 6)
    return last


def _label(mark: Mark) -> str:
    if mark.kind == "opened":
        return f"Cycle {mark.number} opened"
    if mark.kind == "decided":
        return f"Cycle {mark.number} {DECIDED.get(mark.detail, 'decided')}"
    return f"Cycle {mark.number}: plan revised (version {mark.detail})"


def _href(mark: Mark) -> str:
    if mark.kind == "revised":
        history = url_for("revisions.history", cycle_id=mark.cycle_id)
        return f"{history}#version-{mark.detail}"
    return url_for("cycles.show", cycle_id=mark.cycle_id)
