"""Split a series into phases and find each phase's centre line and XmR limits."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from statistics import fmean, median

from projections.spc.model import Baseline, Change, Observation, Phase, Recalculation
from projections.spc.runs import Item

# Making Data Count: limits at the mean plus or minus 2.66 times the mean moving range.
SIGMA_FACTOR = 2.66


@dataclass(frozen=True)
class Span:
    """The indices of one phase and the date its baseline is frozen to, if any."""

    start: int
    end: int  # inclusive
    until: date | None


def spans(observations: Sequence[Observation], changes: Sequence[Change]) -> list[Span]:
    """The phases the recalculations make, each with the last baseline given for it."""
    if not observations:
        return []
    starts = sorted(
        {
            _first_on_or_after(observations, c.start)
            for c in changes
            if isinstance(c, Recalculation)
        }
        - {0, len(observations)}
    )
    bounds = [0, *starts, len(observations)]
    pairs = [(bounds[k], bounds[k + 1] - 1) for k in range(len(bounds) - 1)]
    untils: dict[int, date] = {}
    for change in changes:
        if isinstance(change, Baseline):
            found = [
                k for k, (first, _) in enumerate(pairs) if observations[first].at <= change.until
            ]
            if found:
                untils[found[-1]] = change.until
    return [Span(first, last, untils.get(k)) for k, (first, last) in enumerate(pairs)]


def _first_on_or_after(observations: Sequence[Observation], start: date) -> int:
    """The index of the first observation dated on or after `start`."""
    return next((i for i, o in enumerate(observations) if o.at >= start), len(observations))


def included(observations: Sequence[Observation], span: Span) -> list[Item]:
    """The phase's points that count, as (index, value)."""
    return [
        (i, observations[i].value)
        for i in range(span.start, span.end + 1)
        if not observations[i].excluded
    ]


def basis(observations: Sequence[Observation], span: Span) -> tuple[list[Item], bool]:
    """The points the centre is computed on, and whether that is a frozen baseline."""
    items = included(observations, span)
    if span.until is None:
        return items, False
    frozen = [(i, v) for i, v in items if observations[i].at <= span.until]
    return (frozen, True) if frozen else (items, False)


def moving_ranges(items: Sequence[Item]) -> list[float]:
    """The absolute differences between consecutive included points."""
    return [abs(b[1] - a[1]) for a, b in pairwise(items)]


def run_phase(observations: Sequence[Observation], span: Span) -> Phase:
    """A run-chart phase: the median of its (baseline) points."""
    points, frozen = basis(observations, span)
    centre = median(v for _, v in points) if points else None
    return Phase(span.start, span.end, centre, frozen=frozen, until=span.until if frozen else None)


def xmr_phase(observations: Sequence[Observation], span: Span) -> Phase:
    """An XmR phase: the mean of its (baseline) points, limits from their mean moving range."""
    points, frozen = basis(observations, span)
    until = span.until if frozen else None
    if not points:
        return Phase(span.start, span.end, None, frozen=frozen, until=until)
    centre = fmean(v for _, v in points)
    ranges = moving_ranges(points)
    if not ranges:
        return Phase(span.start, span.end, centre, frozen=frozen, until=until)
    width = SIGMA_FACTOR * fmean(ranges)
    return Phase(span.start, span.end, centre, centre - width, centre + width, frozen, until)
