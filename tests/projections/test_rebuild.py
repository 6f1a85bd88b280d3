"""A rebuild of a realistic store gives, row for row, the read model caught up as it grew."""

import random

import sqlalchemy as sa

from projections.measure_tables import point_history, points
from projections.tables import corrections, cycles, timeline
from tests.big_store import Builder
from tests.projections.conftest import Store, dump


def test_a_rebuild_gives_row_for_row_what_catching_up_after_every_save_gave(
    store: Store,
) -> None:
    # Caught up after every save (a few commands), in batches of 3.
    following = store.runner(batch=3, biggest=3)
    following.setup()
    seeded = random.Random(5)  # noqa: S311 - test data
    Builder(
        store.app, seeded, 2_000, group_count=6, person_count=40, saved=following.catch_up
    ).run()
    incremental = dump(store.engine)
    # Rebuilt in batches of up to 1,000: long runs of rows (COPY on PostgreSQL), rows
    # changed within a batch and across batches.
    store.runner(batch=250, biggest=1_000).rebuild()
    assert dump(store.engine) == incremental
    with store.engine.connect() as conn:
        count = {
            t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
            for t in (timeline, corrections, cycles, points, point_history)
        }
        measured = conn.execute(
            sa.select(sa.func.count()).where(timeline.c.kind == "measures")
        ).scalar_one()
    assert count["rm_timeline"] > 1_500
    assert count["rm_cycles"] > 5
    assert count["rm_corrections"] > count["rm_timeline"] // 3  # entries, and amendments
    assert count["rm_points"] > 100  # baselines pasted, values recorded one at a time
    assert count["rm_point_history"] > count["rm_points"]  # and corrections, exclusions...
    assert measured > 20
