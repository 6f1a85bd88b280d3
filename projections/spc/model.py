"""The values the SPC rules read and the chart they give back: plain frozen dataclasses."""

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Better = Literal["up", "down", "neither"]
Period = Literal["day", "week", "month"]
Kind = Literal["run", "xmr"]
Variation = Literal["common_cause", "improvement", "concern", "neutral"]
Assurance = Literal["met", "not_met", "hit_and_miss"]
Direction = Literal["up", "down", ""]

# Making Data Count: an SPC chart needs at least this many points to set its limits.
XMR_MINIMUM = 15


@dataclass(frozen=True)
class Observation:
    """One value for one period; excluded points are drawn but never counted."""

    at: date
    value: float
    excluded: bool = False
    astronomical: bool = False


@dataclass(frozen=True)
class Baseline:
    """Freeze the centre line (and limits) of the phase `until` falls in on its points to then."""

    until: date


@dataclass(frozen=True)
class Recalculation:
    """Start a new phase, with its own centre line and limits, from this date."""

    start: date


Change = Baseline | Recalculation


@dataclass(frozen=True)
class Settings:
    """Which run-chart rules apply, and the XmR shift and trend lengths (6 to 8)."""

    run_rules: Literal["anhoej", "ihi"] = "anhoej"
    shift: int = 7
    trend: int = 7

    def __post_init__(self) -> None:
        if self.run_rules not in ("anhoej", "ihi"):
            raise ValueError(f"run_rules must be 'anhoej' or 'ihi', not {self.run_rules!r}")
        for name, length in (("shift", self.shift), ("trend", self.trend)):
            if not 6 <= length <= 8:
                raise ValueError(f"{name} must be from 6 to 8 points, not {length}")


@dataclass(frozen=True)
class Signal:
    """A pattern the rules found: which rule, which points (indices), and in words."""

    rule: str
    points: tuple[int, ...]
    direction: Direction
    words: str


@dataclass(frozen=True)
class Phase:
    """A stretch of points with one centre line (and, on an XmR chart, one pair of limits)."""

    start: int
    end: int  # inclusive
    centre: float | None
    lower: float | None = None
    upper: float | None = None
    frozen: bool = False
    until: date | None = None


@dataclass(frozen=True)
class Point:
    """One observation as charted: its phase, the signals it is part of, its variation."""

    index: int
    at: date
    value: float
    excluded: bool
    phase: int
    signals: tuple[int, ...] = ()
    variation: Variation = "common_cause"
    moving_range: float | None = None


@dataclass(frozen=True)
class Chart:
    """A run chart or an XmR chart of a measure, with every signal its rules found."""

    kind: Kind
    note: str
    period: Period
    better: Better
    target: float | None
    phases: tuple[Phase, ...]
    points: tuple[Point, ...]
    signals: list[Signal] = field(default_factory=list)
    variation: Variation | None = None
    assurance: Assurance | None = None
