"""What the decisions' server test finds when it starts: cycles of the group's, each planned
with an exploratory and a predicted question at a small scale, with something seen and
something learned, so each can be decided."""

from datetime import timedelta
from uuid import UUID

from domain.clock import today
from domain.plan import EXPLORATORY, PREDICTED
from domain.when import Happened
from projections.database import all_projections
from projections.runner import Runner
from tests.builders import plan
from tests.server.store import store
from tests.server.world import World

SCALE = "1 nurse, 1 shift in Bay B"
QUESTIONS = [
    ("Is the sticker format workable?", "", "", EXPLORATORY),
    ("Will nurses use the sticker?", "Yes, on most folders", "They asked for it", PREDICTED),
]


def prepare_cycles(world: World, count: int) -> tuple[UUID, ...]:
    """`count` cycles in the first team's group, each ready to decide (seen, then learned)."""
    group_id, actor = world.teams[0].group_id, world.facilitator
    with store(world.database_url) as (app, engine):
        cycles = []
        for n in range(count):
            planned = plan(f"Discharge sticker, trial {n + 1}", questions=QUESTIONS, scale=SCALE)
            # Opened weeks ago: the decisions raced on it are dated up to a few days back.
            begun = Happened(today() - timedelta(days=40))
            cycle_id = app.open_cycle(group_id, planned, actor, happened=begun).id
            app.record_observation(cycle_id, "Two of six stickers fell off by noon", actor)
            app.record_reflection(cycle_id, "Stickers stay on inside the cover", actor)
            cycles.append(cycle_id)
        Runner(engine, app.recorder, app.mapper, all_projections()).catch_up()
    return tuple(cycles)
