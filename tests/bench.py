"""Benchmarks (`make bench`): each figure is a ratio of two timings taken in the same run on
the same store, so it means something on any machine. SQLite always; PostgreSQL too when
LEARNLOOP_TEST_DATABASE_URL is set.

1. Rebuild throughput of all projections against the raw rate of reading (and decoding)
   the notification log. Target: at least 1/3.
2. The revision-history and timeline pages for a ramp of 10,000 events against one of
   10. Target: at most 1.5x.
3. One command through the web layer (POST, projection caught up, fragment back) against
   a bare Application.save of the same event. Target: at most 3x.
"""

import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from uuid import UUID

from domain.application import Learnloop
from domain.cycle import Cycle
from tests.builders import plan
from tests.conftest import make_app, register, sign_in
from tests.server import databases

WORDS = ["patient", "ward", "discharge", "pharmacy", "porter", "bed", "nurse", "round", "drugs"]


def sentence(rng: random.Random, n: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def grow_ramp(app: Learnloop, group: UUID, actor: str, events: int, seed: int = 7) -> UUID:
    """A realistic cycle of about `events` events: actions, observations, problems,
    comparisons, learning, comments, help, corrections and plan revisions."""
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    questions = [("Will more patients go home before noon?", "Yes, half of them")]
    cycle_id = app.open_cycle(
        group, plan(sentence(rng, 5), sentence(rng, 30), questions), actor
    ).id
    version, written = 1, 1
    while written < events:
        roll = rng.random()
        if roll < 0.55:
            kind = rng.choice(["action", "observation", "problem", "surprise"])
            app.record_act_entry(cycle_id, kind, sentence(rng, 20), "", actor)
        elif roll < 0.70:
            app.comment(cycle_id, "plan", sentence(rng, 10), actor)
        elif roll < 0.80:
            app.ask_for_help(cycle_id, sentence(rng, 10), actor)
        else:
            cycle: Cycle = app.repository.get(cycle_id)
            app.revise_plan(
                cycle_id,
                version,
                plan(sentence(rng, 5), sentence(rng, 30), questions),
                sentence(rng, 8),
                [cycle.entries[-1].id] if cycle.entries else [],
                actor,
            ) if cycle.entries else app.record_observation(cycle_id, sentence(rng, 9), actor)
            version += 1 if cycle.entries else 0
        written += 1
    return cycle_id


def best(run: Callable[[], object], repeat: int = 7) -> float:
    """The median of several timings of `run`, in seconds."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


@contextmanager
def database(kind: str) -> Iterator[str]:
    with tempfile.TemporaryDirectory() as folder, databases.database(kind, Path(folder)) as url:
        yield url


def bench(kind: str) -> None:
    with database(kind) as url:
        flask_app = make_app(url)
        services = flask_app.extensions["learnloop"]
        app: Learnloop = services.app
        ann = register(app, "Ann Facilitator")
        group = app.form_group("Ward 7", "Home before noon", str(ann)).id
        small = grow_ramp(app, group, str(ann), 10)
        medium = grow_ramp(app, group, str(ann), 1_000)
        large = grow_ramp(app, group, str(ann), 10_000)
        services.caught_up(app.recorder.max_notification_id() or 0)
        events = app.recorder.max_notification_id() or 0
        print(f"{kind}: {events} events in the store")

        raw = events / best(lambda: _read_log(app), repeat=3)
        rebuilt = (
            events
            * len(services.runner.projections)
            / best(lambda: services.runner.rebuild(), repeat=1)
        )
        print(
            f"  1. rebuild of all {len(services.runner.projections)} projections"
            f" {rebuilt:,.0f} events/s"
            f" vs raw log read {raw:,.0f}/s:"
            f" ratio {rebuilt / raw:.2f} (target >= 0.33)"
        )

        client = sign_in(flask_app.test_client(), ann)

        def get(path: str) -> Callable[[], object]:
            return lambda: client.get(path)

        for name, path in [
            ("revision history", "/cycles/{}/history"),
            ("timeline", f"/groups/{group}/timeline"),
        ]:
            large_page = path.format(large) if "{}" in path else path
            small_page = path.format(small) if "{}" in path else path
            t_large = best(get(large_page))
            t_small = best(get(small_page))
            print(
                f"  2. {name}: 10,000-event ramp {t_large * 1000:.1f} ms vs 10-event"
                f" {t_small * 1000:.1f} ms: ratio {t_large / t_small:.2f} (target <= 1.5)"
            )
            if "{}" in path:  # a 10-event ramp shows 2 versions; a full page shows 20
                t_medium = best(get(path.format(medium)))
                print(
                    f"     {name}: 10,000-event ramp vs 1,000-event (both a full page):"
                    f" ratio {t_large / t_medium:.2f}"
                )

        def through_web() -> None:
            client.post(
                f"/cycles/{small}/comments?on=plan",
                data={"cplan-text": "Noted"},
                headers={"HX-Request": "true"},
            )

        def bare_save() -> None:
            cycle: Cycle = app.repository.get(small)
            cycle.comment("plan", "Noted", str(ann))
            app.save(cycle)

        t_web, t_bare = best(through_web, repeat=21), best(bare_save, repeat=21)
        print(
            f"  3. command through the web {t_web * 1000:.1f} ms vs bare save"
            f" {t_bare * 1000:.1f} ms: ratio {t_web / t_bare:.2f} (target <= 3)"
        )
        services.close()


def _read_log(app: Learnloop, batch: int = 500) -> None:
    position = 0
    while True:
        found = app.recorder.select_notifications(position, batch, inclusive_of_start=False)
        if not found:
            return
        for n in found:
            app.mapper.to_domain_event(n)
        position = found[-1].id


def main() -> None:
    kinds = ["sqlite"] + (["postgres"] if os.environ.get("LEARNLOOP_TEST_DATABASE_URL") else [])
    for kind in kinds:
        bench(kind)


if __name__ == "__main__":
    main()
