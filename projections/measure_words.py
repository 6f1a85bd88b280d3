"""Measures in words a sponsor reads: values, the periods they are for, targets and spans
of time ("6 in April 2026", "target 5 by 31 March 2027", "Feb to Apr 2026" with a dash)."""

from datetime import date
from typing import Any

from projections.spc.words import period_date

# Joins the ends of a span of time, as typesetters do (Feb\u2013Apr 2026).
EN_DASH = "\u2013"
BETTER_WORDS = {"up": "higher is better", "down": "lower is better", "neither": ""}
SOURCE_WORDS = {"paste": "pasted", "file": "from a file", "form": ""}


def number(value: float) -> str:
    """A value as people write it: 1,000, 7.5, 33.33 (two decimals at most)."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def value_words(
    value: float,
    numerator: float | None = None,
    denominator: float | None = None,
    unit: str = "",
) -> str:
    """A point's value; a percentage with what it was worked out from: 45% (9/20). A value
    typed as a percentage (its measure's unit "%") reads 23%, not a bare 23."""
    if denominator is None:
        return number(value) + ("%" if unit.strip() == "%" else "")
    return f"{number(value)}% ({number(numerator or 0)}/{number(denominator)})"


def day_words(day: date) -> str:
    """A date in full: 31 March 2027."""
    return f"{day.day} {day:%B %Y}"


def period_words(day: date, period: str) -> str:
    """The period a point is for, from its first day: April 2026, the week of 6 April
    2026, 6 April 2026. A date that starts no period (a baseline's end) is said in full."""
    starts = (period == "month" and day.day == 1) or (period == "week" and day.weekday() == 0)
    return period_date(day, period) if starts else day_words(day)  # type: ignore[arg-type]


def target_words(target: float | None, target_by: date | None) -> str:
    """A measure's target: "target 5 by 31 March 2027", "target 5", or "" if none."""
    if target is None:
        return ""
    return f"target {number(target)}" + (f" by {day_words(target_by)}" if target_by else "")


def definition_words(definition: dict[str, Any]) -> str:
    """What kind of measure it is, which way is better and its target, as an event carries
    them: "outcome; lower is better; target 5 by 31 March 2027"."""
    by = definition.get("target_by") or ""
    parts = [
        definition["kind"],
        BETTER_WORDS.get(definition["better"], ""),
        target_words(definition.get("target"), date.fromisoformat(by) if by else None),
    ]
    return "; ".join(p for p in parts if p)


def span_words(first: date, last: date, period: str) -> str:
    """A short span of time, joined by an en dash: Feb to Apr 2026, Nov 2025 to Feb 2026,
    3 Feb to 17 Mar 2026."""

    def short(day: date, year: bool) -> str:
        month = f"{day:%b}" if period == "month" else f"{day.day} {day:%b}"
        return f"{month} {day.year}" if year else month

    if short(first, True) == short(last, True):
        return short(last, True)
    return f"{short(first, first.year != last.year)}{EN_DASH}{short(last, True)}"
