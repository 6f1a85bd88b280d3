"""The XmR rules of NHS England's Making Data Count."""

from collections.abc import Sequence

from projections.spc.found import Found, shifts, trends, way
from projections.spc.model import Phase, Settings
from projections.spc.runs import Item, runs, stretches


def xmr(items: Sequence[Item], phase: Phase, settings: Settings) -> list[Found]:
    """A point beyond a limit, a shift, a trend, and two of three near a limit."""
    if phase.centre is None:
        return []
    signals = shifts(runs(items, phase.centre), settings.shift - 1)
    signals += trends(stretches(items, skip_ties=False), settings.trend)
    if phase.lower is None or phase.upper is None:
        return signals
    return signals + beyond(items, phase.lower, phase.upper) + two_of_three(items, phase)


def beyond(items: Sequence[Item], lower: float, upper: float) -> list[Found]:
    """Each point above the upper limit or below the lower one."""
    return [
        Found(
            "beyond_limit",
            (i,),
            way(1 if v > upper else -1),
            (i, i),
            {"limit": upper if v > upper else lower},
        )
        for i, v in items
        if v > upper or v < lower
    ]


def two_of_three(items: Sequence[Item], phase: Phase) -> list[Found]:
    """Two (or three) of three consecutive points beyond two thirds of the way to a limit."""
    assert phase.centre is not None
    assert phase.lower is not None
    assert phase.upper is not None
    high = phase.centre + 2 * (phase.upper - phase.centre) / 3
    low = phase.centre - 2 * (phase.centre - phase.lower) / 3
    found: list[Found] = []
    for side, near in ((1, lambda v: v > high), (-1, lambda v: v < low)):
        groups: list[set[int]] = []
        for at in range(len(items) - 2):
            hits = {i for i, v in items[at : at + 3] if near(v)}
            if len(hits) < 2:
                continue
            if groups and groups[-1] & hits:
                groups[-1] |= hits
            else:
                groups.append(hits)
        found += [
            Found("two_of_three", tuple(sorted(g)), way(side), (min(g), max(g)), {"near": len(g)})
            for g in groups
        ]
    return sorted(found, key=lambda f: f.span)
