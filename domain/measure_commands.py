"""Measures: defining what a group counts, recording its data and setting its chart's
lines; the Application inherits these commands."""

from datetime import date
from typing import Any
from uuid import UUID

from domain.group import PilotGroup
from domain.measure import Measure
from domain.measure_rows import read_rows
from domain.measure_values import Definition, Reading
from domain.service import Recorded, Service

SOURCES = ("form", "paste", "file")


class MeasureCommands(Service):
    """Commands on a group's measures and their data points."""

    def define_measure(self, group_id: UUID, definition: dict[str, Any], actor: str) -> Recorded:
        """Define a measure for a group (see Definition for its fields)."""
        checked = Definition.checked(**definition)
        self._get(PilotGroup, group_id)
        measure = Measure.define(group_id, checked, actor)
        return self._recorded(measure.id, self.save(measure))

    def revise_measure(
        self, measure_id: UUID, definition: dict[str, Any], reason: str, actor: str
    ) -> Recorded:
        """Change a measure's definition, saying why."""
        checked = Definition.checked(**definition)
        return self._on(Measure, measure_id, lambda m: m.revise(checked, reason, actor))

    def record_point(
        self,
        measure_id: UUID,
        day: date,
        actor: str,
        value: float | None = None,
        numerator: float | None = None,
        denominator: float | None = None,
    ) -> Recorded:
        """Record one value (or a numerator over a denominator) for a date."""
        reading = Reading.of(day, value, numerator, denominator)
        return self._on(Measure, measure_id, lambda m: m.record([(0, reading)], "form", actor))

    def import_points(self, measure_id: UUID, rows: str, source: str, actor: str) -> Recorded:
        """Record many values at once from pasted or uploaded rows: all, or none."""
        assert source in SOURCES, source

        def change(measure: Measure) -> None:
            readings, problems = read_rows(rows, measure.ratio)
            measure.record(readings, source, actor, problems)

        return self._on(Measure, measure_id, change)

    def correct_point(
        self,
        measure_id: UUID,
        point_id: str,
        reason: str,
        actor: str,
        value: float | None = None,
        numerator: float | None = None,
        denominator: float | None = None,
    ) -> Recorded:
        """Correct a point's value; the old one stays in the record."""
        given = (value, numerator, denominator)
        return self._on(Measure, measure_id, lambda m: m.correct(point_id, given, reason, actor))

    def withdraw_point(self, measure_id: UUID, point_id: str, reason: str, actor: str) -> Recorded:
        """Withdraw a point recorded in error; it stays visible, marked withdrawn."""
        return self._on(Measure, measure_id, lambda m: m.withdraw(point_id, reason, actor))

    def exclude_point(self, measure_id: UUID, point_id: str, reason: str, actor: str) -> Recorded:
        """Leave a point out of the chart's calculations, for a reason."""
        return self._on(Measure, measure_id, lambda m: m.exclude(point_id, reason, actor))

    def include_point(self, measure_id: UUID, point_id: str, reason: str, actor: str) -> Recorded:
        """Take an excluded point back into the calculations."""
        return self._on(Measure, measure_id, lambda m: m.include(point_id, reason, actor))

    def mark_astronomical(
        self, measure_id: UUID, point_id: str, reason: str, actor: str
    ) -> Recorded:
        """Judge a point astronomical (the IHI run chart rules' team judgement)."""
        return self._on(
            Measure, measure_id, lambda m: m.mark_astronomical(point_id, reason, actor)
        )

    def annotate_point(self, measure_id: UUID, point_id: str, text: str, actor: str) -> Recorded:
        """Note something about a point, shown on the chart."""
        return self._on(Measure, measure_id, lambda m: m.annotate(point_id, text, actor))

    def freeze_baseline(
        self,
        measure_id: UUID,
        reason: str,
        actor: str,
        until: date | None = None,
        first: int | None = None,
    ) -> Recorded:
        """Fix the centre line and limits on the points up to a date, or the first N."""
        return self._on(
            Measure, measure_id, lambda m: m.freeze_baseline(until, first, reason, actor)
        )

    def recalculate_limits(
        self, measure_id: UUID, start: date, reason: str, actor: str
    ) -> Recorded:
        """Start a new phase of the chart from a date (after a change is adopted)."""
        return self._on(Measure, measure_id, lambda m: m.recalculate_from(start, reason, actor))
