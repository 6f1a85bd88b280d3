"""The read side on SQLite and PostgreSQL: history, exactly once, resume and rebuild."""

import threading
from types import SimpleNamespace
from typing import Any

import sqlalchemy as sa

from projections import queries
from projections.tables import entries, plan_versions, tracking
from tests.projections.conftest import Store, dump


def test_revision_history_lists_every_version_with_its_diff_and_cited_learning(
    store: Store,
) -> None:
    cycle_id = store.ramp(revisions=2)
    runner = store.runner()
    runner.setup()
    runner.catch_up()
    with store.engine.connect() as conn:
        history = queries.revision_history(conn, cycle_id)
    assert [r.current.version for r in history] == [1, 2, 3]
    assert history[0].previous is None
    assert [c.text for c in history[1].current.cites] == ["Observation 0"]
    assert history[2].current.change == "Change 2"
    added = [s.text for s in history[2].plan_diff if s.op == "added"]
    removed = [s.text for s in history[2].plan_diff if s.op == "removed"]
    assert (added, removed) == (["2"], ["1"])


def test_a_new_runner_resumes_half_way_without_duplicates(store: Store) -> None:
    cycle_id = store.ramp(revisions=3)
    first = store.runner(batch=3)
    first.setup()
    record = [first.projections[1]]
    with store.engine.connect() as conn:  # one batch, then "crash"
        assert first._apply(conn, record, 0, first._read(record, 0, 3), None)
    with store.engine.connect() as conn:
        part = conn.execute(
            sa.select(tracking.c.position).where(tracking.c.name == "cycle_record")
        )
        assert 0 < part.scalar_one() < (store.app.recorder.max_notification_id() or 0)
    restarted = store.runner(batch=3)
    restarted.setup()
    restarted.catch_up()
    restarted.catch_up()
    with store.engine.connect() as conn:
        versions = conn.execute(
            sa.select(sa.func.count())
            .select_from(plan_versions)
            .where(plan_versions.c.cycle_id == cycle_id)
        ).scalar_one()
        observed = conn.execute(sa.select(sa.func.count()).select_from(entries)).scalar_one()
    assert (versions, observed) == (4, 5)
    assert all(s.lag == 0 for s in restarted.status())


def test_catching_up_until_a_notification_stops_once_it_is_applied(store: Store) -> None:
    group = store.app.form_group("Ward 7", "Aim", "Ann")
    later = store.app.form_group("Ward 8", "Aim", "Ann")
    runner = store.runner()
    runner.setup()
    runner.catch_up(until=group.notification_id)
    with store.engine.connect() as conn:
        assert queries.get_group(conn, group.id) is not None
    runner.catch_up(until=later.notification_id)
    with store.engine.connect() as conn:
        assert queries.get_group(conn, later.id) is not None


def test_a_rebuild_gives_exactly_the_rows_incremental_processing_gave(store: Store) -> None:
    runner = store.runner(batch=4)
    runner.setup()
    for _ in range(2):
        store.ramp(revisions=2)
        group, _, _ = store.full_ramp()
        store.methods(group)
        runner.catch_up()  # incremental, in several rounds
    incremental = dump(store.engine)
    ticks: list[int] = []
    runner.rebuild(progress=ticks.append)
    assert dump(store.engine) == incremental
    assert sum(ticks) == len(runner.projections) * (store.app.recorder.max_notification_id() or 0)


def test_two_runners_racing_never_apply_an_event_twice(store: Store) -> None:
    store.ramp(revisions=5)
    runners = [store.runner(batch=2, biggest=2) for _ in range(2)]
    runners[0].setup()
    failures: list[BaseException] = []

    def run(index: int) -> None:
        try:
            runners[index].catch_up()
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    with store.engine.connect() as conn:
        count = conn.execute(sa.select(sa.func.count()).select_from(entries)).scalar_one()
    assert count == 7


def test_a_catch_up_that_read_the_log_before_a_rebuild_reset_it_loses_nothing(
    store: Store,
) -> None:
    store.ramp(revisions=2)
    reading = store.runner()
    reading.setup()
    reading.catch_up()
    store.ramp(revisions=1)  # more to catch up on
    rebuilder = store.runner()
    read = reading.recorder.select_notifications

    def read_then_rebuild(*args: Any, **kwargs: Any) -> Any:
        # The log is read, then another process starts the projections again from 0
        # (and is stopped half way) before this catch-up takes the lock.
        found = read(*args, **kwargs)
        for projection in rebuilder.projections:
            rebuilder._reset(projection, only_if_stale=False)
        return found

    reading.recorder = SimpleNamespace(select_notifications=read_then_rebuild)  # type: ignore[assignment]
    reading.catch_up()
    reading.recorder = store.app.recorder
    reading.catch_up()
    caught = dump(store.engine)
    rebuilder.rebuild()
    assert caught == dump(store.engine)
