"""How a measure's values and dates read on its pages, in the words the rest of the app
uses (projections.measure_words): percentages to a decimal with what they are of, other
values with their unit, dates by the measure's period."""

from typing import Any

from flask import Flask

from projections.measure_words import day_words, number, period_words


def init_app(app: Flask) -> None:
    """Give the templates the filters below."""
    app.add_template_filter(shown_value)
    app.add_template_filter(out_of)
    app.add_template_filter(period_words, "period_day")
    app.add_template_filter(day_words, "full_day")


def shown_value(value: float | None, measure: Any) -> str:
    """A value as read: "15.0%" for a percentage, else the number and the measure's unit."""
    if value is None:
        return ""
    if measure.ratio:
        return f"{value:.1f}%"
    return f"{number(value)} {measure.unit}".strip()


def out_of(point: Any) -> str:
    """What a percentage is worked out from: "3 of 20" (nothing for a plain value)."""
    if point.denominator is None:
        return ""
    return f"{number(point.numerator or 0)} of {number(point.denominator)}"
