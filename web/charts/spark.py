"""A sparkline: a small chart of a measure with its variation and assurance marks in words."""

from projections.spc import Chart, describe
from web.charts.geometry import Scale
from web.charts.model import Segment, Sparkline

WIDTH, HEIGHT, PAD = 120, 32, 3.0

VARIATION = {
    "common_cause": ("Common cause variation", "\u2248"),
    "improvement": ("Special cause: improvement", "\u2191"),
    "concern": ("Special cause: concern", "\u2193"),
    "neutral": ("Special cause: neither better nor worse", "\u2195"),
    "": ("No data yet", "\u2013"),
}
ASSURANCE = {
    "met": ("Target always met", "\u2713"),
    "not_met": ("Target never met", "\u2717"),
    "hit_and_miss": ("Target hit and miss", "?"),
    "": ("", ""),
}


def sparkline(chart: Chart, *, title: str, element_id: str = "spark") -> Sparkline:
    """The line, the latest phase's centre, the latest point, and the two marks."""
    values = [p.value for p in chart.points]
    phase = chart.phases[-1] if chart.phases else None
    if phase is not None and phase.centre is not None:
        values.append(phase.centre)
    y = Scale(min(values, default=0), max(values, default=1), HEIGHT - PAD, PAD)
    x = Scale(0, max(len(chart.points) - 1, 1), PAD, WIDTH - PAD)
    line = " ".join(f"{x(k)},{y(p.value)}" for k, p in enumerate(chart.points))
    centre = None
    if phase is not None and phase.centre is not None:
        centre = Segment(x(phase.start), y(phase.centre), x(phase.end), y(phase.centre), "centre")
    last = next((p for p in reversed(chart.points) if not p.excluded), None)
    variation, assurance = chart.variation or "", chart.assurance or ""
    return Sparkline(
        id=element_id,
        title=title,
        desc=describe(chart),
        width=WIDTH,
        height=HEIGHT,
        line=line,
        centre=centre,
        latest=(x(last.index), y(last.value)) if last else None,
        variation=variation.replace("_", "-"),
        variation_words=VARIATION[variation][0],
        variation_icon=VARIATION[variation][1],
        assurance=assurance.replace("_", "-"),
        assurance_words=ASSURANCE[assurance][0],
        assurance_icon=ASSURANCE[assurance][1],
    )
