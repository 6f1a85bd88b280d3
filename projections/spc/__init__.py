"""Run-chart and XmR (SPC) rules: pure functions of a measure's points, standard library only."""

from projections.spc.analyse import analyse
from projections.spc.describe import describe
from projections.spc.model import (
    Baseline,
    Chart,
    Observation,
    Phase,
    Point,
    Recalculation,
    Settings,
    Signal,
)

__all__ = [
    "Baseline",
    "Chart",
    "Observation",
    "Phase",
    "Point",
    "Recalculation",
    "Settings",
    "Signal",
    "analyse",
    "describe",
]
