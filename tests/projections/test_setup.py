"""Setting up the read side: safe when several processes start at once on a fresh database."""

import multiprocessing
import threading
import time
from multiprocessing.synchronize import Barrier
from pathlib import Path

import sqlalchemy as sa

from domain.application import Learnloop
from projections.database import all_projections, make_engine, one_at_a_time
from projections.runner import Runner
from projections.tables import groups, tracking
from tests.projections.conftest import Store
from web.services import open_application
from web.storage import storage_for

STARTING = 4


def open_event_store(url: str, folder: str) -> None:
    """Make the event store's tables, so only the read side's setup is raced."""
    Learnloop(env=storage_for(url, folder).persistence_env).close()


def set_up_read_side(url: str, folder: str, barrier: Barrier | threading.Barrier) -> None:
    """What each web process does at start: set up the read side, all at the same moment."""
    storage = storage_for(url, folder)
    engine = make_engine(storage.sqlalchemy_url)
    app = open_application(storage, engine)
    try:
        barrier.wait(timeout=60)
        Runner(engine, app.recorder, app.mapper, all_projections()).setup()
    finally:
        engine.dispose()
        app.close()


def tracked(url: str, folder: str) -> list[tuple[str, int]]:
    """The tracking rows: one per projection, at position 0."""
    engine = make_engine(storage_for(url, folder).sqlalchemy_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(sa.select(tracking.c.name, tracking.c.position))
            return sorted((name, position) for name, position in rows)
    finally:
        engine.dispose()


def test_processes_starting_together_on_a_fresh_database_all_set_it_up(
    database_url: str, tmp_path: Path
) -> None:
    open_event_store(database_url, str(tmp_path))
    spawn = multiprocessing.get_context("spawn")
    barrier = spawn.Barrier(STARTING)
    started = [
        spawn.Process(target=set_up_read_side, args=(database_url, str(tmp_path), barrier))
        for _ in range(STARTING)
    ]
    for process in started:
        process.start()
    for process in started:
        process.join(timeout=120)
    assert [p.exitcode for p in started] == [0] * STARTING
    assert tracked(database_url, str(tmp_path)) == sorted((p.name, 0) for p in all_projections())


def test_threads_starting_together_on_a_fresh_database_all_set_it_up(
    database_url: str, tmp_path: Path
) -> None:
    open_event_store(database_url, str(tmp_path))
    barrier = threading.Barrier(STARTING)
    failures: list[BaseException] = []

    def start() -> None:
        try:
            set_up_read_side(database_url, str(tmp_path), barrier)
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=start) for _ in range(STARTING)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    assert tracked(database_url, str(tmp_path)) == sorted((p.name, 0) for p in all_projections())


def test_a_projection_whose_layout_changed_is_emptied_then_replayed_by_catching_up(
    store: Store,
) -> None:
    store.app.form_group("Ward 7", "Aim", "Ann")
    runner = store.runner()
    runner.setup()
    runner.catch_up()
    with store.engine.begin() as conn:
        conn.execute(
            tracking.update().where(tracking.c.name == "group_directory").values(version=0)
        )
    runner.setup()
    lags = {s.name: s.lag for s in runner.status()}
    with store.engine.connect() as conn:
        emptied = conn.execute(sa.select(sa.func.count()).select_from(groups)).scalar_one()
    assert (lags["group_directory"], lags["cycle_record"], emptied) == (1, 0, 0)
    runner.catch_up()
    with store.engine.connect() as conn:
        replayed = conn.execute(sa.select(sa.func.count()).select_from(groups)).scalar_one()
    assert replayed == 1


def hold_for_a_while(url: str, entered: "multiprocessing.synchronize.Event", key: int) -> None:
    """Another process: take the lock, say so, hold it half a second."""
    with one_at_a_time(make_engine(url), key):
        entered.set()
        time.sleep(0.5)


def test_one_at_a_time_on_sqlite_keeps_other_processes_out_until_the_block_ends(
    sqlite_url: str,
) -> None:
    spawn = multiprocessing.get_context("spawn")
    entered = spawn.Event()
    holder = spawn.Process(target=hold_for_a_while, args=(sqlite_url, entered, 7))
    holder.start()
    try:
        assert entered.wait(timeout=60)
        began = time.monotonic()
        with one_at_a_time(make_engine(sqlite_url), 7):
            waited = time.monotonic() - began
        with one_at_a_time(make_engine(sqlite_url), 8):  # another key is another lock
            pass
    finally:
        holder.join(timeout=60)
    assert holder.exitcode == 0
    assert waited > 0.2  # it waited for the other process's block to end
