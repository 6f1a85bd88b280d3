"""The verdict on a measure's points as the event store holds them: each period posted stored
once with its value (a correction's where corrected), no period recorded twice, a
conflicting block refused whole, and every replay answered as the first was."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from domain.measure import Measure
from tests.server.checks import SHOWN
from tests.server.client import Answer, Submission
from tests.server.store import store


@dataclass
class Posted:
    """A measure's submission: the rows it posts, or the point a note or correction is
    about, and every answer it got (status and Location)."""

    submission: Submission
    rows: tuple[tuple[str, float], ...] = ()  # ISO day, value
    conflict: bool = False  # holds a seeded point's day with another value: refused whole
    point: str = ""  # a note's or correction's point
    value: float | None = None  # a correction's
    first: tuple[int | None, str] = (None, "")
    again: list[tuple[int | None, str]] = field(default_factory=list)  # twins and replays

    @staticmethod
    def said(answer: Answer) -> tuple[int | None, str]:
        """What an answer said: its status, and where it sent the browser."""
        return answer.status, answer.location


@dataclass
class Held:
    """The points the events leave, walked in order, and each period recorded again."""

    snapshots: int = 0  # taken while the members wrote: later loads started from them
    values: dict[str, float] = field(default_factory=dict)  # ISO day → value
    days: dict[str, str] = field(default_factory=dict)  # point id → ISO day
    again: list[str] = field(default_factory=list)  # a period recorded while held
    events: Counter[str] = field(default_factory=Counter)

    def apply(self, event: Any) -> None:
        """Follow one event of the measure's."""
        self.events[type(event).__qualname__] += 1
        if isinstance(event, Measure.PointsRecorded):
            for point in event.points:
                if point["day"] in self.values:
                    self.again.append(f"{point['day']} (event v{event.originator_version})")
                self.values[point["day"]] = point["value"]
                self.days[point["point_id"]] = point["day"]
        elif isinstance(event, Measure.PointCorrected):
            self.values[self.days[event.point_id]] = event.value
        elif isinstance(event, Measure.PointWithdrawn):
            self.values.pop(self.days[event.point_id])


def held(database_url: str, measure_id: UUID) -> Held:
    """The measure's points as its stored events leave them."""
    found = Held()
    with store(database_url) as (app, _):
        for event in app.repository.event_store.get(measure_id):
            found.apply(event)
        if app.snapshots is not None:
            found.snapshots = len(list(app.snapshots.get(measure_id)))
    return found


def expected(
    seeded: dict[str, float], posted: Sequence[Posted], days: dict[str, str]
) -> tuple[dict[str, float], set[str]]:
    """Each period's value as the accepted submissions leave it, in each member's order
    (a member corrects only its own point); and the days only refused blocks posted."""
    values = dict(seeded)
    refused: set[str] = set()
    for p in posted:
        accepted = p.submission.accepted
        if p.value is not None and accepted:
            values[days[p.point]] = p.value
        for day, value in p.rows:
            if accepted:
                values.setdefault(day, value)
            elif day not in seeded:
                refused.add(day)
    return values, refused - set(values)


def check_points(
    database_url: str,
    measure_id: UUID,
    seeded: dict[str, float],
    days: dict[str, str],
    posted: Sequence[Posted],
) -> tuple[list[str], list[str]]:
    """Problems with the points and the answers, and the counts for the report."""
    found = held(database_url, measure_id)
    want, refused_only = expected(seeded, posted, days)
    wrong: dict[str, list[str]] = {
        "a period recorded while it was held": found.again,
        "posted, accepted, yet not stored (lost)": sorted(set(want) - set(found.values)),
        "stored with another value than posted or corrected": [
            f"{d}: stored {found.values[d]}, expected {v}"
            for d, v in sorted(want.items())
            if d in found.values and found.values[d] != v
        ],
        "stored, yet no accepted submission posted it": sorted(set(found.values) - set(want)),
        # Two blocks racing with other values for one day: the one that lost was refused.
        "an accepted row's day holds another value": sorted(
            {
                f"{d}: posted {v}, stored {found.values.get(d)}"
                for p in posted
                if p.submission.accepted
                for d, v in p.rows
                if found.values.get(d) != v
            }
        ),
        "a conflicting block not refused with 422": [
            f"{p.submission.key[:8]}: {p.submission.status}"
            for p in posted
            if p.conflict and p.submission.status != 422
        ],
        "a replay answered otherwise than the first": [
            f"{p.submission.kind} {p.submission.key[:8]}: first {p.first}, again {a}"
            for p in posted
            for a in p.again
            if a[0] != p.first[0] or (a[0] == 303 and a[1] != p.first[1])
        ],
    }
    problems = [
        f"{what}: {len(cases)} — {'; '.join(cases[:SHOWN])}"
        for what, cases in wrong.items()
        if cases
    ]
    rows = [r for p in posted for r in p.rows]
    notes = [
        f"points: {len(found.values)} stored ({len(seeded)} seeded), {len(want)} expected; "
        f"rows posted {len(rows)} over {len({d for d, _ in rows})} periods; "
        f"days only refused blocks held {len(refused_only)}, stored "
        f"{len(refused_only & set(found.values))}",
        "measure events: "
        + ", ".join(f"{n}x{k}" for k, n in sorted(found.events.items()))
        + f"; snapshots {found.snapshots}",
        f"answers again (twins and replays): {len([a for p in posted for a in p.again])}, "
        + ", ".join(
            f"{n}x{s}"
            for s, n in sorted(Counter(str(a[0]) for p in posted for a in p.again).items())
        ),
    ]
    return problems, notes
