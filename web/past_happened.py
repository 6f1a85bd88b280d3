"""The second kind of past: a group as it had happened by a moment, by the dates the team
gave for each step, including what was recorded after that moment (a ramp run last autumn
and entered today shows in November). web/past.py replays what this keeps.

What is kept, from every event of the group recorded up to now:
- the group itself (formed, its aim, its people, sharing) and its measures' definitions,
  always: they are the frame the steps happened in, not steps, and no date says when a
  person joined or a measure was first thought of;
- each step of a cycle (and the group's note that it opened one) when it had happened
  before the moment: by its own date if the team gave one, else when it was recorded, and
  never before its cycle was opened (the domain refuses that, but events stored before the
  rule, or by an older snapshot, may break it; the cycle must come first for the
  projections to place its steps);
- requests for help by when they were asked and answered (they carry no date of their own);
- a measure's points whose period had begun by the moment, with what was done to them
  (corrections, notes, exclusions belong to the point's period), and its baselines and
  recalculated limits whose date had come.
"""

import dataclasses
from collections.abc import Iterable
from datetime import datetime, time
from typing import Any
from uuid import UUID

from domain.clock import HOME
from domain.cycle import Cycle
from domain.group import PilotGroup
from domain.measure import Measure
from domain.when import happened_at

OPENINGS = (Cycle.Opened, Cycle.Continued)
FRAME = (Measure.Defined, Measure.DefinitionRevised)
POINT_CHANGES = (
    Measure.PointCorrected,
    Measure.PointWithdrawn,
    Measure.PointExcluded,
    Measure.PointIncluded,
    Measure.PointMarkedAstronomical,
    Measure.PointAnnotated,
)


def happened_by(events: Iterable[Any], moment: datetime) -> list[Any]:
    """Of the group's events, in the order they were recorded, those whose thing had
    happened before `moment` (points kept only for periods begun by then)."""
    events = list(events)
    opened = {e.originator_id: _when(e) for e in events if isinstance(e, OPENINGS)}
    points: set[str] = set()  # the ids of the points kept so far
    kept: list[Any] = []
    for event in events:
        if isinstance(event, Measure.PointsRecorded):
            event = _points_begun(event, moment)
            points.update(p["point_id"] for p in event.points)
        if _had_happened(event, moment, opened, points):
            kept.append(event)
    return kept


def _had_happened(
    event: Any, moment: datetime, opened: dict[UUID, datetime], points: set[str]
) -> bool:
    """Whether an event's thing had happened before `moment` (see this module's docstring),
    given when each cycle was opened and which points are kept."""
    if isinstance(event, Measure.PointsRecorded):
        return bool(event.points)
    if isinstance(event, POINT_CHANGES):
        return event.point_id in points
    if isinstance(event, (Measure.BaselineFrozen, Measure.LimitsRecalculated)):
        return _begun(_line_day(event), moment)
    if isinstance(event, PilotGroup.CycleAdded):
        return event.cycle_id in opened and opened[event.cycle_id] < moment
    if isinstance(event, (PilotGroup.Event, *FRAME)):
        return True
    if isinstance(event, Cycle.Event):
        return max(_when(event), opened.get(event.originator_id, _when(event))) < moment
    return bool(event.timestamp < moment)  # a request for help, by when asked or answered


def _when(event: Any) -> datetime:
    """When a step happened: its own date if the team gave one, else when recorded."""
    return happened_at(getattr(event, "happened", ""), event.timestamp)


def _points_begun(event: Measure.PointsRecorded, moment: datetime) -> Measure.PointsRecorded:
    """The event as if only the points of periods begun by `moment` had been recorded.

    A copy with fewer points, rather than rows deleted after projecting: every projection
    (the points and their history, the chart, the timeline's "recorded 3 values") is then
    built from the same events, as if the later points were not recorded yet, and nothing
    here needs to know which tables a point writes to."""
    begun = [p for p in event.points if _begun(p["day"], moment)]
    if len(begun) == len(event.points):
        return event
    # Events are frozen dataclasses made so by the library's metaclass, which mypy cannot see.
    return dataclasses.replace(event, points=begun)  # type: ignore[call-arg]


def _line_day(event: Measure.BaselineFrozen | Measure.LimitsRecalculated) -> str:
    """The day a chart's baseline runs to, or its recalculated limits start from."""
    return event.until if isinstance(event, Measure.BaselineFrozen) else event.start


def _begun(day: str, moment: datetime) -> bool:
    """Whether the day (ISO, a period's first day in the UK) had begun by `moment`."""
    start = datetime.combine(datetime.fromisoformat(day).date(), time(0), tzinfo=HOME)
    return start < moment
