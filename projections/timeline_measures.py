"""The timeline's rows for measures: a definition, the values recorded and every change to
them, in words a sponsor reads, each naming the measure and the period it is about."""

from datetime import date
from typing import Any

from domain.measure import Measure
from projections.measure_tables import timeline_measures, timeline_points
from projections.measure_words import (
    SOURCE_WORDS,
    definition_words,
    period_words,
    value_words,
)
from projections.projection import handles
from projections.timeline_rows import MEASURES, Owner, TimelineRows
from projections.words import quote
from projections.writer import Row, Writer


class MeasureTimeline(TimelineRows):
    """A timeline row for every event of a group's measures."""

    @handles(Measure.Defined)
    def measure_defined(self, conn: Writer, e: Measure.Defined) -> None:
        self._own(conn, e.originator_id, Owner(e.group_id))
        name = e.definition["name"]
        conn.insert(
            timeline_measures,
            dict(measure_id=e.originator_id, name=name, period=e.definition["period"]),
        )
        about = definition_words(e.definition)
        words = f"defined the measure {_name(name)}" + (f" ({about})" if about else "")
        self._in(conn, e, MEASURES, e.actor, words)

    @handles(Measure.DefinitionRevised)
    def measure_revised(self, conn: Writer, e: Measure.DefinitionRevised) -> None:
        measure = conn.get(timeline_measures, e.originator_id)
        if measure is None:
            return
        was, name = measure["name"], e.definition["name"]
        renamed = f", now {_name(name)}," if name != was else ""
        conn.update(timeline_measures, e.originator_id, {"name": name})
        words = f"revised the definition of {_name(was)}{renamed} because "
        self._in(conn, e, MEASURES, e.actor, words + quote(e.reason))

    @handles(Measure.PointsRecorded)
    def points_recorded(self, conn: Writer, e: Measure.PointsRecorded) -> None:
        measure = conn.get(timeline_measures, e.originator_id)
        if measure is None or not e.points:
            return
        for p in e.points:
            conn.insert(
                timeline_points,
                dict(
                    point_id=p["point_id"],
                    day=date.fromisoformat(p["day"]),
                    value=p["value"],
                    numerator=p["numerator"],
                    denominator=p["denominator"],
                ),
            )
        how = SOURCE_WORDS.get(e.source, "")
        self._in(conn, e, MEASURES, e.actor, _recorded(e.points, measure, how))

    @handles(Measure.PointCorrected)
    def point_corrected(self, conn: Writer, e: Measure.PointCorrected) -> None:
        found = self._about(conn, e, e.point_id)
        if found is None:
            return
        point, which = found
        was = value_words(point["value"], point["numerator"], point["denominator"])
        now = value_words(e.value, e.numerator, e.denominator)
        conn.update(
            timeline_points,
            e.point_id,
            dict(value=e.value, numerator=e.numerator, denominator=e.denominator),
        )
        words = f"corrected {which} from {was} to {now} because {quote(e.reason)}"
        self._in(conn, e, MEASURES, e.actor, words)

    @handles(Measure.PointWithdrawn)
    def point_withdrawn(self, conn: Writer, e: Measure.PointWithdrawn) -> None:
        found = self._about(conn, e, e.point_id)
        if found is not None:
            point, which = found
            was = value_words(point["value"], point["numerator"], point["denominator"])
            words = f"withdrew {which} ({was}) because {quote(e.reason)}"
            self._in(conn, e, MEASURES, e.actor, words)

    @handles(Measure.PointExcluded)
    def point_excluded(self, conn: Writer, e: Measure.PointExcluded) -> None:
        self._said(conn, e, e.point_id, "left {} out of the calculations", e.reason)

    @handles(Measure.PointIncluded)
    def point_included(self, conn: Writer, e: Measure.PointIncluded) -> None:
        self._said(conn, e, e.point_id, "took {} back into the calculations", e.reason)

    @handles(Measure.PointMarkedAstronomical)
    def point_astronomical(self, conn: Writer, e: Measure.PointMarkedAstronomical) -> None:
        self._said(conn, e, e.point_id, "judged {} astronomical", e.reason)

    @handles(Measure.PointAnnotated)
    def point_annotated(self, conn: Writer, e: Measure.PointAnnotated) -> None:
        found = self._about(conn, e, e.point_id)
        if found is not None:
            self._in(conn, e, MEASURES, e.actor, f"noted on {found[1]}: {quote(e.text)}")

    @handles(Measure.BaselineFrozen)
    def baseline_frozen(self, conn: Writer, e: Measure.BaselineFrozen) -> None:
        self._line(conn, e, "froze the baseline of {} up to {}", e.until, e.reason)

    @handles(Measure.LimitsRecalculated)
    def limits_recalculated(self, conn: Writer, e: Measure.LimitsRecalculated) -> None:
        self._line(conn, e, "started a new phase of {} from {}", e.start, e.reason)

    def _about(self, conn: Writer, e: Any, point_id: str) -> tuple[Row, str] | None:
        """The point an event is about, and "April 2026 of “the measure”" (None if the
        timeline never saw them recorded)."""
        measure = conn.get(timeline_measures, e.originator_id)
        point = conn.get(timeline_points, point_id)
        if measure is None or point is None:
            return None
        when = period_words(point["day"], measure["period"])
        return point, f"{when} of {_name(measure['name'])}"

    def _said(self, conn: Writer, e: Any, point_id: str, doing: str, reason: str) -> None:
        found = self._about(conn, e, point_id)
        if found is not None:
            words = f"{doing.format(found[1])} because {quote(reason)}"
            self._in(conn, e, MEASURES, e.actor, words)

    def _line(self, conn: Writer, e: Any, doing: str, day: str, reason: str) -> None:
        measure = conn.get(timeline_measures, e.originator_id)
        if measure is not None:
            when = period_words(date.fromisoformat(day), measure["period"])
            words = f"{doing.format(_name(measure['name']), when)} because {quote(reason)}"
            self._in(conn, e, MEASURES, e.actor, words)


def _name(name: str) -> str:
    return quote(name, 120)


def _recorded(points: list[dict[str, Any]], measure: Row, how: str) -> str:
    """ "recorded 12 for April 2026 in “…”", or for many "recorded 36 values of “…”
    (pasted), from November 2012 to October 2015"."""
    name, period = _name(measure["name"]), measure["period"]
    if len(points) == 1:
        p = points[0]
        value = value_words(p["value"], p["numerator"], p["denominator"])
        when = period_words(date.fromisoformat(p["day"]), period)
        return f"recorded {value} for {when} in {name}" + (f" ({how})" if how else "")
    days = sorted(date.fromisoformat(p["day"]) for p in points)
    first, last = period_words(days[0], period), period_words(days[-1], period)
    return f"recorded {len(points)} values of {name}" + (
        f" ({how}), from {first} to {last}" if how else f", from {first} to {last}"
    )
