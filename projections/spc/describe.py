"""One paragraph for a chart's text alternative: its kind, lines and every signal."""

from projections.spc.model import Chart, Phase
from projections.spc.words import number, period_date

VARIATION_WORDS = {
    "common_cause": "common-cause variation",
    "improvement": "special-cause variation: improvement",
    "concern": "special-cause variation: concern",
    "neutral": "special-cause variation (neither direction is better)",
}
ASSURANCE_WORDS = {
    "met": "the target will be met every time",
    "not_met": "the target will not be met",
    "hit_and_miss": "the target will sometimes be met and sometimes not",
}


def describe(chart: Chart) -> str:
    """The chart in one paragraph: kind, period covered, centre and limits, signals."""
    if not chart.points:
        return "No data yet."
    first, last = chart.points[0].at, chart.points[-1].at
    excluded = sum(p.excluded for p in chart.points)
    kind = "An XmR (SPC) chart" if chart.kind == "xmr" else "A run chart"
    span = (
        f"of 1 point, in {period_date(first, chart.period)}"  # not "1 points from May to May"
        if len(chart.points) == 1
        else f"of {len(chart.points)} points from {period_date(first, chart.period)} to "
        f"{period_date(last, chart.period)}"
    )
    parts = [
        f"{kind} {span}"
        + (f", {excluded} of them excluded from the calculations." if excluded else "."),
        *(_phase(chart, k, phase) for k, phase in enumerate(chart.phases)),
    ]
    if chart.signals:
        parts += [f"{len(chart.signals)} signals:" if len(chart.signals) > 1 else "One signal:"]
        parts += [s.words for s in chart.signals]
    else:
        random = "common-cause" if chart.kind == "xmr" else "random"
        parts.append(f"No signals: only {random} variation.")
    if chart.kind == "xmr" and chart.variation:
        parts.append(f"The latest point shows {VARIATION_WORDS[chart.variation]}.")
    if chart.assurance and chart.target is not None:
        parts.append(f"Against the target of {number(chart.target)}, "
                     f"{ASSURANCE_WORDS[chart.assurance]}.")  # fmt: skip
    return " ".join(parts)


def _phase(chart: Chart, k: int, phase: Phase) -> str:
    """One phase's lines in words."""
    start = period_date(chart.points[phase.start].at, chart.period)
    lead = f"From {start}" if k else "Centre line"
    if phase.centre is None:
        return f"{lead}: no points counted."
    name = "mean" if chart.kind == "xmr" else "median"
    text = f"{lead}: {name} {number(phase.centre)}"
    if phase.lower is not None and phase.upper is not None:
        text += f", process limits {number(phase.lower)} to {number(phase.upper)}"
    if phase.frozen and phase.until is not None:
        text += f" (frozen on the points to {period_date(phase.until, chart.period)})"
    return text + "."
