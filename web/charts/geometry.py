"""Scales and axis ticks for charts drawn on the server: numbers and dates to SVG units."""

from dataclasses import dataclass
from datetime import date, timedelta
from math import ceil, floor, log10

from projections.spc.words import MONTHS

MAX_TICKS = 8
MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120)
DAY_STEPS = (1, 2, 7, 14, 28)


@dataclass(frozen=True)
class Scale:
    """A linear map from [low, high] to [start, end] (end may be below start)."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        """Where `value` falls, rounded to a tenth of a unit (small SVG text)."""
        if self.high == self.low:
            return round((self.start + self.end) / 2, 1)
        share = (value - self.low) / (self.high - self.low)
        return round(self.start + share * (self.end - self.start), 1)


@dataclass(frozen=True)
class Tick:
    """A position on an axis and its label."""

    at: float
    label: str


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round numbers from at or below `low` to at or above `high`, about `count` of them."""
    if high <= low:
        low, high = low - 1, high + 1
    raw = (high - low) / count
    magnitude = 10 ** floor(log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first, last = floor(low / step), ceil(high / step)
    return [round(k * step, 10) for k in range(first, last + 1)]


def tick_label(value: float) -> str:
    """A tick value without needless decimals."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def date_ticks(first: date, last: date) -> list[tuple[date, str]]:
    """Readable dates between `first` and `last`: month starts, or days for short spans."""
    if (last - first).days > 92:
        return _month_ticks(first, last)
    span = max((last - first).days, 1)
    step = next((s for s in DAY_STEPS if span / s <= MAX_TICKS), DAY_STEPS[-1])
    days = range(0, span + 1, step)
    return [
        (d, f"{d.day} {MONTHS[d.month - 1][:3]}") for d in (first + timedelta(k) for k in days)
    ]


def _month_ticks(first: date, last: date) -> list[tuple[date, str]]:
    """The first days of months, every so many months, labelled 'Mar 2025' or '2025'."""
    begin = first.year * 12 + first.month - 1 + (first.day > 1)
    end = last.year * 12 + last.month - 1
    step = next((s for s in MONTH_STEPS if (end - begin) / s <= MAX_TICKS), MONTH_STEPS[-1])
    ticks = []
    for month in range(begin, end + 1):
        if month % step:
            continue
        at = date(month // 12, month % 12 + 1, 1)
        label = str(at.year) if step >= 12 else f"{MONTHS[at.month - 1][:3]} {at.year}"
        ticks.append((at, label))
    return ticks
