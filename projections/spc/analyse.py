"""The entry point: a run chart or an XmR chart of a measure, with its signals in words."""

from collections.abc import Sequence
from itertools import pairwise

from projections.spc.found import Found
from projections.spc.model import (
    XMR_MINIMUM,
    Assurance,
    Better,
    Change,
    Chart,
    Kind,
    Observation,
    Period,
    Phase,
    Point,
    Settings,
    Signal,
    Variation,
)
from projections.spc.phases import Span, included, run_phase, spans, xmr_phase
from projections.spc.runchart import anhoej, ihi
from projections.spc.words import signal_words
from projections.spc.xmr import xmr

RUN_NOTE = (
    f"Fewer than {XMR_MINIMUM} points: a run chart (an SPC chart needs at least {XMR_MINIMUM})."
)
ASKED_NOTE = "A run chart, as asked: its median and runs rules."
XMR_NOTE = (
    f"{XMR_MINIMUM} or more points: an XmR (SPC) chart, its process limits at the mean "
    "\u00b1 2.66 \u00d7 the mean moving range."
)


def analyse(
    observations: Sequence[Observation],
    *,
    better: Better = "neither",
    target: float | None = None,
    changes: Sequence[Change] = (),
    settings: Settings | None = None,
    period: Period = "month",
    kind: Kind | None = None,
) -> Chart:
    """Chart the observations (in date order): XmR from 15 included points, else a run chart.

    `kind="run"` asks for the run chart of a measure that has enough points for XmR too.
    """
    rules = settings or Settings()
    if any(b.at < a.at for a, b in pairwise(observations)):
        raise ValueError("observations must be in date order")
    enough = sum(not o.excluded for o in observations) >= XMR_MINIMUM
    if kind == "xmr" and not enough:
        raise ValueError(RUN_NOTE)
    xmr_chart = enough and kind != "run"
    phases: list[Phase] = []
    found: list[tuple[Found, str]] = []
    for span in spans(observations, changes):
        phase, patterns = _phase(observations, span, rules, xmr_chart)
        phases.append(phase)
        found += [(f, "mean" if xmr_chart else "median") for f in patterns]
    dates, values = [o.at for o in observations], [o.value for o in observations]
    signals = [
        Signal(f.rule, f.points, f.direction, signal_words(f, dates, values, period, better, name))
        for f, name in found
    ]
    points = _points(observations, phases, signals, better)
    latest = next((p.variation for p in reversed(points) if not p.excluded), None)
    return Chart(
        kind="xmr" if xmr_chart else "run",
        note=XMR_NOTE if xmr_chart else ASKED_NOTE if enough else RUN_NOTE,
        period=period,
        better=better,
        target=target,
        phases=tuple(phases),
        points=points,
        signals=signals,
        variation=latest,
        assurance=assurance(phases[-1], better, target) if xmr_chart and phases else None,
    )


def _phase(
    observations: Sequence[Observation], span: Span, rules: Settings, xmr_chart: bool
) -> tuple[Phase, list[Found]]:
    """One phase's lines and the patterns its rules find in its included points."""
    items = included(observations, span)
    if xmr_chart:
        phase = xmr_phase(observations, span)
        return phase, xmr(items, phase, rules)
    phase = run_phase(observations, span)
    if phase.centre is None:
        return phase, []
    if rules.run_rules == "ihi":
        return phase, ihi(items, phase.centre, observations)
    return phase, anhoej(items, phase.centre)


def _points(
    observations: Sequence[Observation],
    phases: Sequence[Phase],
    signals: Sequence[Signal],
    better: Better,
) -> tuple[Point, ...]:
    """Every observation as charted: phase, signals, variation and moving range."""
    member: dict[int, tuple[int, ...]] = {}
    for number, signal in enumerate(signals):
        for index in signal.points:
            member[index] = (*member.get(index, ()), number)
    # Points in the same signals vary alike: one judgement for each set of signals.
    variations = {
        mine: variation_of([signals[s] for s in mine], better) for mine in {(), *member.values()}
    }
    points: list[Point] = []
    for k, phase in enumerate(phases):
        previous: float | None = None
        for i in range(phase.start, phase.end + 1):
            o = observations[i]
            mine = member.get(i, ())
            moving = None if o.excluded or previous is None else abs(o.value - previous)
            points.append(Point(i, o.at, o.value, o.excluded, k, mine, variations[mine], moving))
            if not o.excluded:
                previous = o.value
    return tuple(points)


def variation_of(signals: Sequence[Signal], better: Better) -> Variation:
    """A point's variation: concern outranks improvement, since it asks for action."""
    if not signals:
        return "common_cause"
    ways = {s.direction for s in signals} - {""}
    if better == "neither" or not ways:
        return "neutral"
    return "concern" if ways - {better} else "improvement"


def assurance(phase: Phase, better: Better, target: float | None) -> Assurance | None:
    """Whether the process, as its latest limits say, will meet the target."""
    if target is None or better == "neither" or phase.lower is None or phase.upper is None:
        return None
    worst, best = (phase.lower, phase.upper) if better == "up" else (phase.upper, phase.lower)
    if better == "up":
        return "met" if target <= worst else "not_met" if target > best else "hit_and_miss"
    return "met" if target >= worst else "not_met" if target < best else "hit_and_miss"
