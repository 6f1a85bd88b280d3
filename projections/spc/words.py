"""Signals and charts in words a sponsor can read, with dates by the measure's period."""

from collections.abc import Sequence
from datetime import date

from projections.spc.found import Found
from projections.spc.model import Better, Direction, Period

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def period_date(at: date, period: Period) -> str:
    """'November 2014', 'the week of 3 March 2025' or '3 March 2025'."""
    month = MONTHS[at.month - 1]
    if period == "month":
        return f"{month} {at.year}"
    day = f"{at.day} {month} {at.year}"
    return f"the week of {day}" if period == "week" else day


def when(at: date, period: Period) -> str:
    """A date as a phrase of time: 'in November 2014', 'on 3 March 2025'."""
    return ("on " if period == "day" else "in ") + period_date(at, period)


def number(value: float) -> str:
    """A value as people write it: no trailing zeros, at most two decimals."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def evidence(direction: Direction, better: Better) -> str:
    """What a signal is evidence of, given which way is better."""
    if not direction or better == "neither":
        return "evidence of change"
    return "evidence of improvement" if direction == better else "evidence of concern"


def signal_words(
    found: Found, dates: Sequence[date], values: Sequence[float], period: Period, better: Better,
    centre_name: str,
) -> str:  # fmt: skip
    """One sentence for one signal."""
    first, last = (period_date(dates[i], period) for i in found.span)
    span = f"from {first} to {last}"
    up = found.direction == "up"
    said = evidence(found.direction, better)
    facts = {k: number(v) for k, v in found.facts.items()}
    point = found.points[0] if found.points else found.span[0]
    value, moment = number(values[point]), when(dates[point], period)
    expected = (
        f"the {facts.get('limit')} expected at %s for {facts.get('useful')} points not on it"
    )
    text = {
        "shift": f"{len(found.points)} points in a row {'above' if up else 'below'} the "
        f"{centre_name} {span}: a shift",
        "trend": f"{facts.get('length')} points in a row, each {'higher' if up else 'lower'} than "
        f"the one before{_ties(found)}, {span}: a trend",
        "few_crossings": f"the line crosses the median {facts.get('crossings')} times {span}, "
        f"fewer than {expected % 'least'}: too few crossings",
        "too_few_runs": f"{facts.get('runs')} runs about the median {span}, fewer than "
        f"{expected % 'least'}: too few runs",
        "too_many_runs": f"{facts.get('runs')} runs about the median {span}, more than "
        f"{expected % 'most'}: too many runs",
        "astronomical": f"{value} {moment}, marked by the team as astronomical: "
        "an astronomical point",
        "beyond_limit": f"{value} {moment} is {'above the upper' if up else 'below the lower'} "
        f"process limit ({facts.get('limit')}): a point beyond a limit",
        "two_of_three": f"{len(found.points)} points {span} are beyond two thirds of the way from "
        f"the mean to the {'upper' if up else 'lower'} limit, two or more of three in a row each "
        "time: two of three near a limit",
    }[found.rule]
    return f"{text[0].upper()}{text[1:]} \u2014 {said}."


def _ties(found: Found) -> str:
    """A note when repeated values were skipped in a trend."""
    return (
        " (repeated values skipped)"
        if len(found.points) != found.facts.get("length", len(found.points))
        else ""
    )
