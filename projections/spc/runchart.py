"""The run-chart rules: Anhøj's (the default) and the IHI's (Perla, Provost & Murray 2011)."""

from collections.abc import Sequence

from projections.spc.found import Found, shifts, trends, way, whole
from projections.spc.model import Observation
from projections.spc.runs import (
    Item,
    anhoej_crossings_limit,
    anhoej_longest_run_limit,
    crossings,
    ihi_runs_limits,
    runs,
    stretches,
    useful,
)

IHI_SHIFT, IHI_TREND, IHI_RUNS_FROM = 6, 5, 10


def anhoej(items: Sequence[Item], centre: float) -> list[Found]:
    """An unusually long run, or unusually few crossings of the median."""
    found = runs(items, centre)
    n = useful(found)
    if n == 0:
        return []
    signals = shifts(found, anhoej_longest_run_limit(n))
    limit, crossed = anhoej_crossings_limit(n), crossings(found)
    if crossed < limit:
        facts = {"crossings": crossed, "limit": limit, "useful": n}
        signals.append(Found("few_crossings", (), "", whole(items), facts))
    return signals


def ihi(items: Sequence[Item], centre: float, observations: Sequence[Observation]) -> list[Found]:
    """Shift, trend, too few or too many runs, and the points the team marked astronomical."""
    found = runs(items, centre)
    signals = shifts(found, IHI_SHIFT - 1)
    signals += trends(stretches(items, skip_ties=True), IHI_TREND)
    n = useful(found)
    if n >= IHI_RUNS_FROM:
        lower, upper = ihi_runs_limits(n)
        facts = {"runs": len(found), "useful": n}
        if len(found) < lower:
            signals.append(Found("too_few_runs", (), "", whole(items), {**facts, "limit": lower}))
        if len(found) > upper:
            signals.append(Found("too_many_runs", (), "", whole(items), {**facts, "limit": upper}))
    signals += [
        Found("astronomical", (i,), way(1 if v > centre else -1) if v != centre else "", (i, i))
        for i, v in items
        if observations[i].astronomical
    ]
    return signals
