"""A pattern a rule found, before it is put into words."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from projections.spc.model import Direction
from projections.spc.runs import Item, Run, Stretch


@dataclass(frozen=True)
class Found:
    """Which rule, which points, which way, and the numbers its words need."""

    rule: str
    points: tuple[int, ...]
    direction: Direction
    span: tuple[int, int]  # the first and last index it speaks of
    facts: Mapping[str, float] = field(default_factory=dict)


def way(sign: int) -> Direction:
    """'up' for a positive sign, 'down' for a negative one."""
    return "up" if sign > 0 else "down"


def shifts(found: Sequence[Run], longer_than: int) -> list[Found]:
    """Every run longer than `longer_than` points, as a shift."""
    return [
        Found("shift", run.points, way(run.side), (run.points[0], run.points[-1]))
        for run in found
        if len(run.points) > longer_than
    ]


def trends(found: Sequence[Stretch], at_least: int) -> list[Found]:
    """Every stretch of at least `at_least` points, as a trend."""
    return [
        Found(
            "trend",
            s.points,
            way(s.direction),
            (s.points[0], s.points[-1]),
            {"length": s.length},
        )
        for s in found
        if s.length >= at_least
    ]


def whole(items: Sequence[Item]) -> tuple[int, int]:
    """The span of a phase's included points."""
    return (items[0][0], items[-1][0])
