"""What the measure's server test finds when it starts: a daily measure of the group's,
with a point of each member's to correct, made directly."""

from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

from domain.clock import today
from projections.database import all_projections
from projections.runner import Runner
from tests.server.store import store
from tests.server.world import World

SEEDED = 50  # member n's seeded point is this many days back, plus n
DEFINITION = {
    "name": "Discharges before noon",
    "definition": "Patients home before noon each day",
    "unit": "patients",
    "kind": "outcome",
    "better": "up",
    "period": "day",
    "ratio": False,
    "target": None,
    "target_by": "",
}


def day(back: int) -> str:
    """The ISO date `back` days before today."""
    return (today() - timedelta(days=back)).isoformat()


@dataclass(frozen=True)
class Seeded:
    """The measure made before the server started, with one point per member."""

    measure_id: UUID
    points: dict[str, str]  # member's email → their point's id
    values: dict[str, float]  # ISO day → value, of the seeded points
    days: dict[str, str]  # point id → ISO day


def prepare_measure(world: World) -> Seeded:
    """A daily measure for the group, a point of each member's `SEEDED + n` days back."""
    people = world.teams[0].members
    with store(world.database_url) as (app, engine):
        actor = world.facilitator
        measure_id = app.define_measure(world.teams[0].group_id, DEFINITION, actor).id
        values = {day(SEEDED + n): float(10 + n) for n in range(len(people))}
        rows = "".join(f"{d},{v:g}\n" for d, v in values.items())
        app.import_points(measure_id, rows, "paste", actor)
        by_day: dict[str, str] = app.repository.get(measure_id).by_day
        Runner(engine, app.recorder, app.mapper, all_projections()).catch_up()
    points = {p.email: by_day[day(SEEDED + n)] for n, p in enumerate(people)}
    return Seeded(measure_id, points, values, {v: k for k, v in by_day.items()})
