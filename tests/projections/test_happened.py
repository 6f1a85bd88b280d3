"""The read side keeps when things happened beside when they were recorded, and the
timeline orders by when they happened."""

from datetime import UTC, date, datetime, time
from uuid import UUID

import sqlalchemy as sa

from domain.clock import HOME
from domain.when import Happened
from projections import queries
from projections.tables import cycles, entries
from tests.builders import entry_recorded, plan
from tests.projections.conftest import Store

NOV_3, NOV_4 = date(2025, 11, 3), date(2025, 11, 4)


def backfilled(store: Store) -> tuple[UUID, UUID]:
    """A group that joined today and entered a cycle it ran in November 2025."""
    app = store.app
    group = app.form_group("Ward 7", "Discharge by 11", "Ann").id
    cycle = app.open_cycle(group, plan(), "Ann", happened=Happened(NOV_3)).id
    app.record_observation(cycle, "Seen today", "Bea")
    app.record_observation(cycle, "Seen then", "Bea", happened=Happened(NOV_4, time(9, 30)))
    learned = app.record_reflection(cycle, "Learned then", "Bea", happened=Happened(NOV_4))
    assert entry_recorded(app, learned)
    app.decide(cycle, "adopt", "Keep it", "Ann", happened=Happened(date(2025, 11, 5)))
    runner = store.runner()
    runner.setup()
    runner.catch_up()
    return group, cycle


def test_entries_keep_when_they_happened_and_when_they_were_recorded(store: Store) -> None:
    _, cycle = backfilled(store)
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(
                entries.c.text, entries.c.happened, entries.c.happened_at, entries.c.recorded_at
            )
            .where(entries.c.cycle_id == cycle)
            .order_by(entries.c.seq)
        ).all()
    today, then, learned = rows
    assert (today.happened, _utc(today.happened_at)) == ("", _utc(today.recorded_at))
    assert then.happened == "2025-11-04T09:30"
    assert _utc(then.happened_at) == datetime(2025, 11, 4, 9, 30, tzinfo=HOME).astimezone(UTC)
    assert (learned.happened, _utc(learned.happened_at)) == (
        "2025-11-04",
        datetime(2025, 11, 4, tzinfo=HOME).astimezone(UTC),
    )


def test_a_cycle_keeps_when_it_was_opened_and_decided(store: Store) -> None:
    _, cycle = backfilled(store)
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(cycles).where(cycles.c.id == cycle)).one()
        shown = queries.get_cycle(conn, cycle)
    assert (row.happened, row.decision_happened) == ("2025-11-03", "2025-11-05")
    assert _utc(row.happened_at) == datetime(2025, 11, 3, tzinfo=HOME).astimezone(UTC)
    assert shown is not None
    assert shown.happened == "2025-11-03"


def test_the_timeline_orders_by_when_things_happened_recording_order_the_tie(
    store: Store,
) -> None:
    group, _ = backfilled(store)
    with store.engine.connect() as conn:
        rows, _ = queries.timeline_page(conn, group, limit=500)
    assert [r.words for r in rows] == [
        "recorded an observation: “Seen today”",
        "formed the group “Ward 7” with the aim “Discharge by 11”",
        "adopted the change — ramp finished: “Keep it”",
        "recorded an observation: “Seen then”",
        "recorded what was learned: “Learned then”",
        "opened cycle 1 (PDSA): “Criteria-led discharge”",
    ]


def test_paging_the_timeline_by_when_things_happened_repeats_and_skips_nothing(
    store: Store,
) -> None:
    group, _ = backfilled(store)
    with store.engine.connect() as conn:
        seen, cursor = [], None
        while True:
            page, cursor = queries.timeline_page(conn, group, before=cursor, limit=2)
            seen += page
            if cursor is None:
                break
        everything, _ = queries.timeline_page(conn, group, limit=500)
    assert [r.words for r in seen] == [r.words for r in everything]
    assert len(seen) == 6


def _utc(moment: datetime) -> datetime:
    # SQLite gives back the read model's times without their zone; they are UTC.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
