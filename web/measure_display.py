"""How a measure's values and dates read on a page: percentages with what they are of,
other values with their unit, dates by the measure's period."""

from datetime import date
from typing import Any

from flask import Flask


def init_app(app: Flask) -> None:
    """Give the templates the filters below."""
    app.add_template_filter(shown_value)
    app.add_template_filter(out_of)
    app.add_template_filter(period_day)
    app.add_template_filter(plain)


def shown_value(value: float | None, measure: Any) -> str:
    """A value as read: "15.0%" for a percentage, else the number and the measure's unit."""
    if value is None:
        return ""
    if measure.ratio:
        return f"{value:.1f}%"
    return f"{plain(value)} {measure.unit}".strip()


def out_of(point: Any) -> str:
    """What a percentage is worked out from: "3 of 20" (nothing for a plain value)."""
    if point.denominator is None:
        return ""
    return f"{plain(point.numerator)} of {plain(point.denominator)}"


def plain(number: float | None) -> str:
    """A number as people write it: no ".0" on a whole one, at most four decimals."""
    if number is None:
        return ""
    if float(number).is_integer():
        return f"{int(number):,}"
    return f"{number:,.4f}".rstrip("0").rstrip(".")


def period_day(day: date, period: str) -> str:
    """The date a point is for, by its period: "November 2025", "week of 3 November 2025"
    or "3 November 2025"."""
    if period == "month":
        return f"{day:%B %Y}"
    whole = f"{day.day} {day:%B %Y}"
    return f"week of {whole}" if period == "week" else whole
