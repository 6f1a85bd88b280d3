"""Benchmarks (`make bench`): rebuild throughput against the raw rate of reading the log.

Figures are ratios measured in the same run on the same store, so they mean
something on any machine. Set LEARNLOOP_TEST_DATABASE_URL to add PostgreSQL.
"""

import os
import random
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

from domain.application import Learnloop
from domain.cycle import Cycle
from projections.database import all_projections, make_engine
from projections.runner import Runner
from tests.builders import plan
from web.storage import storage_for

WORDS = ["patient", "ward", "discharge", "pharmacy", "porter", "bed", "nurse", "round", "drugs"]


def sentence(rng: random.Random, n: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def generate(app: Learnloop, groups: int, cycles: int, steps: int, seed: int = 7) -> int:
    """Realistic mixed history: groups, cycles, observations, reflections, revisions."""
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    for g in range(groups):
        group = app.form_group(f"Group {g}", sentence(rng), "Ann")
        for _ in range(cycles):
            questions = [(sentence(rng, 6) + "?", sentence(rng, 5))]
            cycle_id = app.open_cycle(
                group.id, plan(sentence(rng, 5), sentence(rng, 30), questions), "Ann"
            ).id
            version = 1
            for _ in range(steps):
                app.record_observation(cycle_id, sentence(rng, 20), "Bob")
                if rng.random() < 0.3:
                    cycle: Cycle = app.repository.get(cycle_id)
                    app.revise_plan(
                        cycle_id,
                        version,
                        plan(sentence(rng, 5), sentence(rng, 30), questions),
                        sentence(rng, 8),
                        [cycle.entries[-1].id],
                        "Ann",
                    )
                    version += 1
            app.record_reflection(cycle_id, sentence(rng, 20), "Cat")
    return app.recorder.max_notification_id() or 0


def raw_read_rate(app: Learnloop, batch: int = 500) -> float:
    """Notifications per second read (and decoded) straight from the log."""
    start, position, count = time.perf_counter(), 0, 0
    while True:
        found = app.recorder.select_notifications(position, batch, inclusive_of_start=False)
        if not found:
            break
        for n in found:
            app.mapper.to_domain_event(n)
        count += len(found)
        position = found[-1].id
    return count / (time.perf_counter() - start)


def rebuild_rate(runner: Runner, events: int) -> float:
    """Events per second of a full rebuild of every projection."""
    start = time.perf_counter()
    runner.rebuild()
    return events / (time.perf_counter() - start)


@contextmanager
def database(kind: str) -> Iterator[str]:
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/bench.sqlite"
        return
    admin = os.environ["LEARNLOOP_TEST_DATABASE_URL"]
    name = f"learnloop_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{admin.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def bench(kind: str) -> None:
    with database(kind) as url, tempfile.TemporaryDirectory() as instance:
        storage = storage_for(url, instance)
        app = Learnloop(env=storage.persistence_env)
        engine = make_engine(storage.sqlalchemy_url)
        events = generate(app, groups=5, cycles=4, steps=40)
        runner = Runner(engine, app.recorder, app.mapper, all_projections())
        runner.setup()
        raw = raw_read_rate(app)
        rebuilt = rebuild_rate(runner, events)
        print(
            f"{kind:<9} {events} events · raw log read {raw:,.0f}/s · rebuild of "
            f"{len(runner.projections)} projections {rebuilt:,.0f}/s · ratio {rebuilt / raw:.2f} "
            "(target ≥ 0.33)"
        )
        engine.dispose()
        app.close()


def main() -> None:
    kinds = ["sqlite"] + (["postgres"] if os.environ.get("LEARNLOOP_TEST_DATABASE_URL") else [])
    for kind in kinds:
        bench(kind)


if __name__ == "__main__":
    main()
