"""The big store's measures (tests/big_store.py): each group defines up to three, pastes
their baseline data, and while its ramps run records a value now and then, corrects one,
leaves one out of the calculations, notes something on one, freezes a baseline or starts a
new phase, as a team tracking its measures does."""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from uuid import UUID

from domain.clock import today
from domain.measure import Measure
from domain.measure_values import KINDS, Definition, Reading

# Baselines start on this day; a measure's next value is for the day after its last.
FIRST_DAY = date(2019, 1, 1)


@dataclass
class Tracking:
    """A measure as the builder follows it: the day its next value is for."""

    measure: Measure
    next_day: date


@dataclass
class Measures:
    """Defines each group's measures and records their data, a command at a time."""

    rng: random.Random
    text: Callable[[int, int], str]
    by_group: dict[UUID, list[Tracking]] = field(default_factory=dict)

    def define(self, group_id: UUID, actor: str) -> list[Measure]:
        """None to three measures for a new group, each with 12 to 60 days of baseline."""
        tracked = self.by_group[group_id] = []
        for _ in range(self.rng.choice((0, 1, 1, 2, 3))):
            measure = Measure.define(group_id, self._definition(), actor)
            start = FIRST_DAY + timedelta(days=self.rng.randrange(365))
            days = self.rng.randint(12, 60)
            readings = [(n + 1, self._reading(start + timedelta(days=n))) for n in range(days)]
            measure.record(readings, "paste", actor)
            tracked.append(Tracking(measure, start + timedelta(days=days)))
        return [t.measure for t in tracked]

    def step(self, group_id: UUID, actor: str) -> Measure | None:
        """One command on one of the group's measures (None if it has none)."""
        tracked = self.by_group.get(group_id)
        if not tracked:
            return None
        t = self.rng.choice(tracked)
        measure, roll = t.measure, self.rng.random()
        if roll < 0.8 and t.next_day <= today():
            measure.record([(0, self._reading(t.next_day))], "form", actor)
            t.next_day += timedelta(days=1)
            return measure
        point = self.rng.choice(list(measure.points))
        reason = self.text(3, 12)
        if roll < 0.88:
            new = measure.points[point]["value"] + 1
            measure.correct(point, (new, None, None), reason, actor)
        elif roll < 0.92 and not measure.points[point]["excluded"]:
            measure.exclude(point, reason, actor)
        elif roll < 0.97:
            measure.annotate(point, self.text(4, 20), actor)
        elif roll < 0.985:
            measure.freeze_baseline(None, self.rng.randint(1, len(measure.points)), reason, actor)
        else:
            measure.recalculate_from(t.next_day - timedelta(days=1), reason, actor)
        return measure

    def _definition(self) -> Definition:
        return Definition.checked(
            name=self.text(2, 6)[:-1],
            definition=self.text(8, 25),
            unit="per day",
            kind=self.rng.choice(KINDS),
            better=self.rng.choice(("up", "down")),
            period="day",
            ratio=False,
            target=float(self.rng.randint(1, 20)),
            target_by="",
        )

    def _reading(self, day: date) -> Reading:
        return Reading(day, float(self.rng.randint(0, 30)))
