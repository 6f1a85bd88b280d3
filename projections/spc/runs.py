"""Runs about a centre line, crossings, monotone stretches, and the limits that judge them."""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from math import comb, log2

# (index of the observation, its value): the included points of one phase, in date order.
Item = tuple[int, float]


@dataclass(frozen=True)
class Run:
    """Consecutive points on one side of the centre line (points on the line skipped)."""

    side: int  # 1 above, -1 below
    points: tuple[int, ...]


@dataclass(frozen=True)
class Stretch:
    """Consecutive points each higher (or each lower) than the one before."""

    direction: int  # 1 rising, -1 falling
    length: int  # points that count: a repeated value skipped where ties are skipped
    points: tuple[int, ...]  # every included point from its first to its last


def runs(items: Sequence[Item], centre: float) -> list[Run]:
    """The runs of `items` about `centre`; a point on the centre neither breaks nor adds."""
    found: list[Run] = []
    side, members = 0, list[int]()
    for index, value in items:
        here = (value > centre) - (value < centre)
        if here == 0:
            continue
        if here != side and members:
            found.append(Run(side, tuple(members)))
            members = []
        side = here
        members.append(index)
    if members:
        found.append(Run(side, tuple(members)))
    return found


def crossings(found: Sequence[Run]) -> int:
    """How many times the line crosses the centre: one fewer than the runs."""
    return max(len(found) - 1, 0)


def useful(found: Sequence[Run]) -> int:
    """Points not on the centre line."""
    return sum(len(run.points) for run in found)


def anhoej_longest_run_limit(n: int) -> int:
    """Anhøj: a run longer than round(log2(n)) + 3 is a shift (n points not on the median)."""
    return round(log2(n)) + 3 if n > 0 else 0


@cache
def anhoej_crossings_limit(n: int) -> int:
    """Anhøj: fewer crossings than qbinom(0.05, n - 1, 0.5) signal (R's lower quantile)."""
    trials = max(n - 1, 0)
    total, cumulative = 2**trials, 0
    for x in range(trials + 1):
        cumulative += comb(trials, x)
        if 20 * cumulative >= total:  # P(X <= x) >= 0.05, exactly, in integers
            return x
    return trials


def _ways(runs_count: int, n1: int, n2: int) -> int:
    """Arrangements of n1 points above and n2 below with exactly `runs_count` runs."""
    k, odd = divmod(runs_count, 2)
    if not odd:
        return 2 * comb(n1 - 1, k - 1) * comb(n2 - 1, k - 1)
    return comb(n1 - 1, k) * comb(n2 - 1, k - 1) + comb(n1 - 1, k - 1) * comb(n2 - 1, k)


@cache
def ihi_runs_limits(n: int) -> tuple[int, int]:
    """Perla, Provost & Murray (2011): fewer runs than the first or more than the second signal.

    From the Swed-Eisenhart distribution of the number of runs with the n useful points
    split as evenly as possible: the lower limit is the largest count at most 5% of random
    series reach or fall below, the upper the smallest at most 5% reach or exceed, which
    reproduces the published table (10 points: 3 and 9; 20: 6 and 16).
    """
    n1, n2 = n // 2, n - n // 2
    if n1 == 0:
        return (1, 1)
    counts = [_ways(r, n1, n2) for r in range(2, n + 1)]
    total = sum(counts)
    lower, cumulative = 1, 0
    for runs_count, ways in enumerate(counts, start=2):
        cumulative += ways
        if 20 * cumulative > total:
            break
        lower = runs_count
    upper, cumulative = n + 1, 0
    for runs_count, ways in reversed(list(enumerate(counts, start=2))):
        cumulative += ways
        if 20 * cumulative > total:
            break
        upper = runs_count
    return lower, upper


def stretches(items: Sequence[Item], *, skip_ties: bool) -> list[Stretch]:
    """Maximal rising and falling stretches; a tie breaks one unless ties are skipped."""
    kept = _without_repeats(items) if skip_ties else list(range(len(items)))
    found: list[Stretch] = []
    start, direction = 0, 0
    for at in range(1, len(kept) + 1):
        step = 0
        if at < len(kept):
            now, before = items[kept[at]][1], items[kept[at - 1]][1]
            step = (now > before) - (now < before)
        if step != 0 and step == direction:
            continue
        if direction != 0:
            members = tuple(index for index, _ in items[kept[start] : kept[at - 1] + 1])
            found.append(Stretch(direction, at - start, members))
        direction, start = step, (at - 1 if step else at)
    return found


def _without_repeats(items: Sequence[Item]) -> list[int]:
    """The positions of the items, each value equal to the one before left out."""
    return [k for k in range(len(items)) if k == 0 or items[k][1] != items[k - 1][1]]
