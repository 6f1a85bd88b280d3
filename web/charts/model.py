"""What a chart template draws: every position computed, every text plain (escaped later)."""

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from web.charts.geometry import Tick

Shape = Literal["circle", "diamond", "ring"]


@dataclass(frozen=True)
class Annotation:
    """Something that happened on a date: a cycle, a plan revision, or the team's own note."""

    at: date
    label: str
    href: str
    kind: Literal["cycle", "revision", "team"]


@dataclass(frozen=True)
class PointDetail:
    """What the data table adds to a point: its counts and why it was excluded."""

    numerator: float | None = None
    denominator: float | None = None
    note: str = ""


@dataclass(frozen=True)
class Segment:
    """A straight line: a phase's centre or limit, or a target."""

    x1: float
    y1: float
    x2: float
    y2: float
    css: str
    label: str = ""


@dataclass(frozen=True)
class Mark:
    """A point's marker: a circle, a diamond (part of a signal) or a hollow ring (excluded)."""

    x: float
    y: float
    shape: Shape
    css: str

    @property
    def path(self) -> str:
        """The marker as path data: a diamond, or a circle of radius 3 (a ring's is 4)."""
        if self.shape == "diamond":
            return f"M{self.x} {round(self.y - 6, 1)}l6 6l-6 6l-6 -6z"
        r = 4 if self.shape == "ring" else 3
        return (
            f"M{round(self.x - r, 1)} {self.y}a{r} {r} 0 1 0 {2 * r} 0a{r} {r} 0 1 0 {-2 * r} 0z"
        )


@dataclass(frozen=True)
class Shapes:
    """Every marker of one kind in one path: a 1,000-point chart stays a small document."""

    css: str
    d: str


@dataclass(frozen=True)
class Marker:
    """A numbered annotation on the time axis, and the link it is listed with."""

    number: int
    x: float
    label: str
    href: str
    kind: str
    when: str


@dataclass(frozen=True)
class Row:
    """One line of the data table."""

    anchor: str
    when: str
    value: str
    numerator: str
    denominator: str
    centre: str
    lower: str
    upper: str
    notes: tuple[str, ...]
    css: str


@dataclass(frozen=True)
class Drawing:
    """A whole chart: its box, axes, lines, markers, annotations and data table."""

    id: str
    title: str
    desc: str
    kind: str
    note: str
    centre_name: str
    width: int
    height: int
    plot: tuple[float, float, float, float]  # left, top, right, bottom
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    line: str
    segments: list[Segment]
    boundaries: list[float]
    marks: list[Mark]
    shapes: list[Shapes]
    markers: list[Marker]
    signals: list[str]
    key: str
    rows: list[Row] = field(default_factory=list)
    counts: bool = False


@dataclass(frozen=True)
class Sparkline:
    """A small chart: the line, the latest centre, the latest point, and two marks in words."""

    id: str
    title: str
    desc: str
    width: int
    height: int
    line: str
    centre: Segment | None
    latest: tuple[float, float] | None
    variation: str
    variation_words: str
    variation_icon: str
    assurance: str
    assurance_words: str
    assurance_icon: str
