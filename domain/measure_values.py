"""What a measure is and what a data point holds: the checked values measure events carry."""

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Final

from domain.errors import InvalidChoiceError, InvalidFieldError
from domain.fields import checked

# The IHI family of measures.
KINDS: Final = ("outcome", "process", "balancing")
BETTER: Final = ("up", "down", "neither")
# How often a value is counted: a point's date is the first day of its period.
PERIODS: Final = ("day", "week", "month")
# Beyond this a number is a typing slip, not a count (and floats stay exact to the unit).
LARGEST = 1e12


@dataclass(frozen=True)
class Definition:
    """A measure's operational definition: what is counted, how, and which way is better."""

    name: str
    definition: str
    unit: str
    kind: str
    better: str
    period: str
    ratio: bool  # a percentage: each point is a numerator over a denominator
    target: float | None
    target_by: str  # an ISO date, or ""

    @classmethod
    def checked(cls, **given: Any) -> "Definition":
        """The definition with every field checked, or a refusal naming the field."""
        if given["kind"] not in KINDS:
            raise InvalidChoiceError("A measure is an outcome, process or balancing measure.")
        if given["better"] not in BETTER:
            raise InvalidChoiceError("Say whether up, down or neither is better.")
        if given["period"] not in PERIODS:
            raise InvalidChoiceError("Values are counted by day, week or month.")
        target = given.get("target")
        target_by = given.get("target_by") or ""
        if target_by and target is None:
            raise InvalidFieldError("target", "Give the target's value as well as its date.")
        return cls(
            name=checked("measure_name", given["name"]),
            definition=checked("definition", given["definition"]),
            unit=checked("unit", given["unit"]),
            kind=given["kind"],
            better=given["better"],
            period=given["period"],
            ratio=bool(given["ratio"]),
            target=None if target is None else number("target", target),
            target_by=iso_date("target_by", target_by) if target_by else "",
        )

    def as_data(self) -> dict[str, Any]:
        """The definition as an event carries it."""
        return {
            "name": self.name,
            "definition": self.definition,
            "unit": self.unit,
            "kind": self.kind,
            "better": self.better,
            "period": self.period,
            "ratio": self.ratio,
            "target": self.target,
            "target_by": self.target_by,
        }


@dataclass(frozen=True)
class Reading:
    """One data point as given: the date it is for and its value (for a percentage, the
    numerator and denominator it is worked out from)."""

    day: date
    value: float
    numerator: float | None = None
    denominator: float | None = None

    @classmethod
    def of(
        cls, day: date, value: float | None, numerator: float | None, denominator: float | None
    ) -> "Reading":
        """A reading from a value, or from a numerator over a denominator (a percentage)."""
        if denominator is None:
            if value is None:
                raise InvalidFieldError("value", "Give the value.")
            return cls(day, number("value", value))
        if numerator is None:
            raise InvalidFieldError("numerator", "Give the numerator (how many met it).")
        top, bottom = number("numerator", numerator), number("denominator", denominator)
        if bottom <= 0:
            raise InvalidFieldError("denominator", "The denominator must be more than 0.")
        if top < 0 or top > bottom:
            raise InvalidFieldError(
                "numerator", "The numerator must be between 0 and the denominator."
            )
        return cls(day, 100 * top / bottom, top, bottom)

    def same_as(self, other: dict[str, Any]) -> bool:
        """Whether a stored point (as the aggregate keeps it) holds this very reading."""
        return (self.value, self.numerator, self.denominator) == (
            other["value"],
            other["numerator"],
            other["denominator"],
        )


def number(field: str, value: float) -> float:
    """A finite number of sensible size, or a refusal."""
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
        raise InvalidFieldError(field, "Give a number.")
    if abs(value) > LARGEST:
        raise InvalidFieldError(field, "That number is too large to be a measurement.")
    return float(value)


def iso_date(field: str, value: str) -> str:
    """An ISO date (YYYY-MM-DD), or a refusal."""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise InvalidFieldError(field, "Give the date as YYYY-MM-DD.") from None


def period_start(day: date, period: str) -> date:
    """The first day of the period a date falls in (weeks start on Monday)."""
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day
