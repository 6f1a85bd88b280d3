"""A measure a group tracks over time, its data points and how its chart's lines are set: a
stored schema (topics name `domain.measure:Measure.<Event>`).

A point is never edited: a correction, a withdrawal, an exclusion from the calculations
or a note is a new event, and every version stays in the record. The aggregate keeps of
each point only what its rules check (its period, its value, whether it counts)."""

from datetime import date
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate, event

from domain.clock import today
from domain.errors import InvalidFieldError, RowProblem, RowsRefusedError, UnknownPointError
from domain.fields import checked
from domain.measure_values import Definition, Reading, period_start

# A stored point, as the aggregate keeps it (plain data, so snapshots store it as it is).
Point = dict[str, Any]


class Measure(Aggregate):
    """A group's measure: its definition, its data over time and its chart's phases."""

    class Defined(Aggregate.Created):
        """A group defined a measure it will track."""

        group_id: UUID
        definition: dict[str, Any]
        actor: str

    class DefinitionRevised(Aggregate.Event):
        """The group changed how the measure is defined, and said why."""

        definition: dict[str, Any]
        reason: str
        actor: str

    class PointsRecorded(Aggregate.Event):
        """Values were recorded: one typed in, or many pasted or uploaded at once."""

        points: list[dict[str, Any]]  # point_id, day, value, numerator, denominator
        source: str  # "form", "paste" or "file"
        actor: str

    class PointCorrected(Aggregate.Event):
        """A point's value was corrected; the old value stays in the record."""

        point_id: str
        value: float
        numerator: float | None
        denominator: float | None
        reason: str
        actor: str

    class PointWithdrawn(Aggregate.Event):
        """A point was withdrawn (recorded in error); it stays visible, marked withdrawn."""

        point_id: str
        reason: str
        actor: str

    class PointExcluded(Aggregate.Event):
        """A point stays on the chart but is left out of the calculations, for a reason."""

        point_id: str
        reason: str
        actor: str

    class PointIncluded(Aggregate.Event):
        """An excluded point was taken back into the calculations."""

        point_id: str
        reason: str
        actor: str

    class PointMarkedAstronomical(Aggregate.Event):
        """The team judged a point astronomical: obviously, unmistakably different."""

        point_id: str
        reason: str
        actor: str

    class PointAnnotated(Aggregate.Event):
        """The team noted something about a point (it is shown on the chart)."""

        point_id: str
        note_id: UUID
        text: str
        actor: str

    class BaselineFrozen(Aggregate.Event):
        """The centre line and limits were fixed on the points up to a date."""

        until: str
        reason: str
        actor: str

    class LimitsRecalculated(Aggregate.Event):
        """A new phase: centre line and limits worked out again from a date (a change
        adopted)."""

        start: str
        reason: str
        actor: str

    @event(Defined)
    def __init__(self, group_id: UUID, definition: dict[str, Any], actor: str) -> None:
        self.group_id = group_id
        self.period: str = definition["period"]
        self.ratio: bool = definition["ratio"]
        self.points: dict[str, Point] = {}  # by point id (hex); withdrawn ones removed
        self.by_day: dict[str, str] = {}  # a period's first day (ISO) → its point's id

    @classmethod
    def define(cls, group_id: UUID, definition: Definition, actor: str) -> "Measure":
        """Define a measure for a group."""
        return cls(group_id=group_id, definition=definition.as_data(), actor=actor)

    def revise(self, definition: Definition, reason: str, actor: str) -> None:
        """Change the definition, saying why; how often values are counted and whether
        they are percentages stay as they were (the recorded points depend on them)."""
        if definition.period != self.period or definition.ratio != self.ratio:
            raise InvalidFieldError(
                "period",
                "How often values are counted, and whether they are percentages, cannot "
                "change once a measure is defined: define a new measure instead.",
            )
        self._revised(
            definition=definition.as_data(),
            reason=checked("measure_reason", reason),
            actor=actor,
        )

    @event(DefinitionRevised)
    def _revised(self, definition: dict[str, Any], reason: str, actor: str) -> None:
        pass

    # Points

    def record(
        self,
        readings: list[tuple[int, Reading]],
        source: str,
        actor: str,
        problems: list[RowProblem] | None = None,
    ) -> list[str]:
        """Record readings (each with the line it came from, 0 for a form), all or none:
        `problems` already found in the rows they came from refuse them too.

        A reading for a period that already holds the same value is left out, so the same
        rows sent again record nothing twice; a different value for such a period, a date
        in the future, or a period given twice is refused, naming each line.
        """
        problems = list(problems or [])
        fresh: list[dict[str, Any]] = []
        seen: dict[str, int] = {}
        for line, reading in readings:
            day = period_start(reading.day, self.period).isoformat()
            problem = self._problem(line, reading, day, seen)
            if problem is not None:
                problems.append(problem)
            elif day not in self.by_day:
                fresh.append(_stored(uuid4().hex, day, reading))
            seen.setdefault(day, line)
        if problems:
            raise RowsRefusedError(sorted(problems, key=lambda p: p.line))
        if fresh:
            self._recorded(points=fresh, source=source, actor=actor)
        return [p["point_id"] for p in fresh]

    def _problem(
        self, line: int, reading: Reading, day: str, seen: dict[str, int]
    ) -> RowProblem | None:
        if (reading.denominator is not None) != self.ratio:
            why = (
                "this measure is a percentage: give a numerator and a denominator"
                if self.ratio
                else "this measure has no denominator: give one value"
            )
            return RowProblem(line, "value", why)
        if reading.day > today():
            return RowProblem(line, "date", f"{reading.day.isoformat()} is in the future")
        if day in seen:
            return RowProblem(line, "date", f"the same period as line {seen[day]}")
        held = self.by_day.get(day)
        if held is not None and not reading.same_as(self.points[held]):
            value = _shown(self.points[held]["value"])
            return RowProblem(
                line, "value", f"{day} already has {value}: correct that point instead"
            )
        return None

    @event(PointsRecorded)
    def _recorded(self, points: list[dict[str, Any]], source: str, actor: str) -> None:
        for point in points:
            self.points[point["point_id"]] = {**point, "excluded": False}
            self.by_day[point["day"]] = point["point_id"]

    def correct(
        self,
        point_id: str,
        given: tuple[float | None, float | None, float | None],
        reason: str,
        actor: str,
    ) -> None:
        """Correct a point's value, numerator or denominator (given in that order); its date
        stays (to move a point, withdraw it and record another)."""
        point = self._point(point_id)
        reading = Reading.of(date.fromisoformat(point["day"]), *given)
        if (reading.denominator is not None) != self.ratio:
            raise InvalidFieldError("value", "Give the value in the measure's own form.")
        if reading.same_as(point):
            raise InvalidFieldError("value", "The value is unchanged: edit it, or cancel.")
        self._corrected(
            point_id=point_id,
            value=reading.value,
            numerator=reading.numerator,
            denominator=reading.denominator,
            reason=checked("measure_reason", reason),
            actor=actor,
        )

    @event(PointCorrected)
    def _corrected(
        self,
        point_id: str,
        value: float,
        numerator: float | None,
        denominator: float | None,
        reason: str,
        actor: str,
    ) -> None:
        self.points[point_id].update(value=value, numerator=numerator, denominator=denominator)

    def withdraw(self, point_id: str, reason: str, actor: str) -> None:
        """Withdraw a point recorded in error."""
        self._point(point_id)
        self._withdrawn(point_id=point_id, reason=checked("measure_reason", reason), actor=actor)

    @event(PointWithdrawn)
    def _withdrawn(self, point_id: str, reason: str, actor: str) -> None:
        point = self.points.pop(point_id)
        del self.by_day[point["day"]]

    def exclude(self, point_id: str, reason: str, actor: str) -> None:
        """Leave a point out of the calculations (it stays on the chart, marked)."""
        if self._point(point_id)["excluded"]:
            raise InvalidFieldError("reason", "That point is already left out.")
        self._excluded(point_id=point_id, reason=checked("measure_reason", reason), actor=actor)

    @event(PointExcluded)
    def _excluded(self, point_id: str, reason: str, actor: str) -> None:
        self.points[point_id]["excluded"] = True

    def include(self, point_id: str, reason: str, actor: str) -> None:
        """Take an excluded point back into the calculations."""
        if not self._point(point_id)["excluded"]:
            raise InvalidFieldError("reason", "That point is already in the calculations.")
        self._included(point_id=point_id, reason=checked("measure_reason", reason), actor=actor)

    @event(PointIncluded)
    def _included(self, point_id: str, reason: str, actor: str) -> None:
        self.points[point_id]["excluded"] = False

    def mark_astronomical(self, point_id: str, reason: str, actor: str) -> None:
        """Judge a point astronomical (a run chart's fourth rule is the team's judgement)."""
        if self._point(point_id).get("astronomical"):
            raise InvalidFieldError("reason", "That point is already marked astronomical.")
        self._astronomical(
            point_id=point_id, reason=checked("measure_reason", reason), actor=actor
        )

    @event(PointMarkedAstronomical)
    def _astronomical(self, point_id: str, reason: str, actor: str) -> None:
        self.points[point_id]["astronomical"] = True

    def annotate(self, point_id: str, text: str, actor: str) -> UUID:
        """Note something about a point; the note is shown on the chart."""
        self._point(point_id)
        note_id = uuid4()
        self._annotated(
            point_id=point_id, note_id=note_id, text=checked("annotation", text), actor=actor
        )
        return note_id

    @event(PointAnnotated)
    def _annotated(self, point_id: str, note_id: UUID, text: str, actor: str) -> None:
        pass

    def _point(self, point_id: str) -> Point:
        point = self.points.get(point_id)
        if point is None:
            raise UnknownPointError("That point is not one of this measure's, or was withdrawn.")
        return point

    # The chart's lines

    def freeze_baseline(
        self, until: date | None, first: int | None, reason: str, actor: str
    ) -> None:
        """Fix the centre line and limits on the points up to a date, or on the first N."""
        if first is not None:
            days = sorted(self.by_day)
            if not 1 <= first <= len(days):
                raise InvalidFieldError(
                    "first",
                    f"Give a number of points from 1 to {len(days)}, the points there are.",
                )
            until = date.fromisoformat(days[first - 1])
        if until is None:
            raise InvalidFieldError("until", "Give the date the baseline runs to, or its points.")
        if not any(day <= until.isoformat() for day in self.by_day):
            raise InvalidFieldError("until", "No points are dated on or before that date.")
        self._frozen(
            until=until.isoformat(), reason=checked("measure_reason", reason), actor=actor
        )

    @event(BaselineFrozen)
    def _frozen(self, until: str, reason: str, actor: str) -> None:
        pass

    def recalculate_from(self, start: date, reason: str, actor: str) -> None:
        """Start a new phase: the centre line and limits are worked out again from a date."""
        if start > today():
            raise InvalidFieldError("start", "A new phase cannot start in the future.")
        self._recalculated(
            start=start.isoformat(), reason=checked("measure_reason", reason), actor=actor
        )

    @event(LimitsRecalculated)
    def _recalculated(self, start: str, reason: str, actor: str) -> None:
        pass


def _stored(point_id: str, day: str, reading: Reading) -> dict[str, Any]:
    return {
        "point_id": point_id,
        "day": day,
        "value": reading.value,
        "numerator": reading.numerator,
        "denominator": reading.denominator,
    }


def _shown(value: float) -> str:
    return f"{value:g}"
