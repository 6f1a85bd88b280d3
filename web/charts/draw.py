"""Turn an analysed chart and its annotations into a drawing the templates render."""

from collections.abc import Sequence
from datetime import date

from projections.spc import Chart, describe
from projections.spc.words import number, period_date
from web.charts.geometry import Scale, Tick, date_ticks, nice_ticks, tick_label
from web.charts.model import (
    Annotation,
    Drawing,
    Mark,
    Marker,
    PointDetail,
    Segment,
    Shape,
    Shapes,
)
from web.charts.table import row_of, rows

WIDTH, HEIGHT = 720, 318
LEFT, TOP, RIGHT, BOTTOM = 56.0, 16.0, 704.0, 270.0


def draw(
    chart: Chart,
    *,
    title: str,
    annotations: Sequence[Annotation] = (),
    details: Sequence[PointDetail] | None = None,
    element_id: str = "chart",
) -> Drawing:
    """The chart's geometry and words: scales, ticks, line, phases, markers, data rows."""
    x, y, y_ticks = _scales(chart)
    xs = [x(p.at) for p in chart.points]
    ys = [y(p.value) for p in chart.points]
    marks = [
        Mark(px, py, *_shape(chart, k)) for k, (px, py) in enumerate(zip(xs, ys, strict=True))
    ]
    return Drawing(
        id=element_id,
        title=title,
        desc=describe(chart),
        kind=chart.kind,
        note=chart.note,
        centre_name="Mean" if chart.kind == "xmr" else "Median",
        width=WIDTH,
        height=HEIGHT,
        plot=(LEFT, TOP, RIGHT, BOTTOM),
        y_ticks=y_ticks,
        x_ticks=[Tick(x(at), label) for at, label in _date_ticks(chart)],
        line=" ".join(f"{px},{py}" for px, py in zip(xs, ys, strict=True)),
        segments=_segments(chart, xs, y),
        boundaries=_boundaries(chart, xs),
        marks=marks,
        shapes=_shapes(marks),
        markers=_markers(chart, annotations, x, element_id),
        signals=[s.words for s in chart.signals],
        key=_key(chart),
        rows=rows(chart, annotations, details, element_id),
        counts=any(d.numerator is not None or d.denominator is not None for d in details or ()),
    )


class _DateScale:
    """A scale that takes dates."""

    def __init__(self, scale: Scale) -> None:
        self.scale = scale

    def __call__(self, at: date) -> float:
        """Where a date falls."""
        return self.scale(at.toordinal())


def _key(chart: Chart) -> str:
    """What each line and shape means, so that nothing rests on colour alone."""
    parts = ["solid line: the mean" if chart.kind == "xmr" else "solid line: the median"]
    if chart.kind == "xmr":
        parts.append("dashed lines: the process limits")
    if chart.target is not None:
        parts.append(f"dotted line: the target ({number(chart.target)})")
    if len(chart.phases) > 1 or any(p.frozen for p in chart.phases):
        parts.append("dotted upright lines: where a baseline ends or the lines were recalculated")
    parts += ["diamonds: points in a signal", "hollow rings: points left out of the calculations"]
    return "Key: " + "; ".join(parts) + "."


def _scales(chart: Chart) -> tuple[_DateScale, Scale, list[Tick]]:
    """The time scale across the plot, and the value scale with its round ticks."""
    values = [p.value for p in chart.points]
    values += [v for ph in chart.phases for v in (ph.lower, ph.upper, ph.centre) if v is not None]
    if chart.target is not None:
        values.append(chart.target)
    ticks = nice_ticks(min(values, default=0), max(values, default=1))
    y = Scale(ticks[0], ticks[-1], BOTTOM, TOP)
    first = chart.points[0].at.toordinal() if chart.points else 0
    last = chart.points[-1].at.toordinal() if chart.points else 1
    x_ordinal = Scale(first, last, LEFT + 8, RIGHT - 8)
    return _DateScale(x_ordinal), y, [Tick(y(t), tick_label(t)) for t in ticks]


def _date_ticks(chart: Chart) -> list[tuple[date, str]]:
    """Ticks along the time axis, none for an empty chart."""
    return date_ticks(chart.points[0].at, chart.points[-1].at) if chart.points else []


def _shape(chart: Chart, k: int) -> tuple[Shape, str]:
    """A point's marker shape and classes: excluded, in a signal, or plain."""
    point = chart.points[k]
    if point.excluded:
        return "ring", "point excluded"
    if point.signals:
        return "diamond", f"point signal {point.variation.replace('_', '-')}"
    return "circle", "point"


def _boundaries(chart: Chart, xs: Sequence[float]) -> list[float]:
    """Upright lines between phases, and after the last point of each frozen baseline."""
    between = [p.start for p in chart.phases[1:]]
    for phase in chart.phases:
        if phase.frozen and phase.until is not None:
            later = [
                p.index for p in chart.points[phase.start : phase.end + 1] if p.at > phase.until
            ]
            between += later[:1]
    return sorted(round((xs[k - 1] + xs[k]) / 2, 1) for k in between)


def _shapes(marks: Sequence[Mark]) -> list[Shapes]:
    """The markers grouped by their classes, each group one path."""
    groups: dict[str, list[str]] = {}
    for mark in marks:
        groups.setdefault(mark.css, []).append(mark.path)
    return [Shapes(css, "".join(paths)) for css, paths in groups.items()]


def _segments(chart: Chart, xs: Sequence[float], y: Scale) -> list[Segment]:
    """Each phase's centre line and limits, and the target across the whole chart."""
    found: list[Segment] = []
    for phase in chart.phases:
        left, right = xs[phase.start], xs[phase.end]
        frozen = " frozen" if phase.frozen else ""
        for value, css in (
            (phase.centre, "centre"),
            (phase.lower, "limit"),
            (phase.upper, "limit"),
        ):
            if value is not None:
                found.append(Segment(left, y(value), right, y(value), css + frozen))
    if chart.target is not None and xs:
        found.append(Segment(xs[0], y(chart.target), xs[-1], y(chart.target), "target", "Target"))
    return found


def _markers(
    chart: Chart, annotations: Sequence[Annotation], x: _DateScale, element_id: str
) -> list[Marker]:
    """Numbered markers on the time axis, in date order; a team's note links to its row."""
    ordered = sorted(annotations, key=lambda a: a.at)
    return [
        Marker(
            n,
            x(a.at),
            a.label,
            _href(chart, a, element_id),
            a.kind,
            period_date(a.at, "day"),
        )
        for n, a in enumerate(ordered, start=1)
    ]


def _href(chart: Chart, annotation: Annotation, element_id: str) -> str:
    """Where an annotation links: a team's note to its point's row, others where they say."""
    if annotation.kind != "team" or not chart.points:
        return annotation.href
    return f"#{element_id}-row-{row_of(chart, annotation.at)}"
