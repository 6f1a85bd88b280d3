"""Benchmarks (`make bench`): each figure is a ratio of two timings taken in the same run on
the same store, both sides doing the same work, so it means something on any machine.
Each timing is the median of several runs. SQLite always; PostgreSQL too when
LEARNLOOP_TEST_DATABASE_URL is set.

1. Rebuild: every projection dropped and rebuilt from the log, in events of the log per
   second (each event counted once, as the runner reads and decodes it once for all the
   projections), against reading and decoding the same log alone, in the batches the
   rebuild reads it in. Target: at least 1/3. At a million events: tests/bench_rebuild.py.
2. The revision-history page (its first page: 20 plan versions) and the group timeline
   (its first page: 50 events), for a ramp of 10,000 events against one of 100 in a group
   of its own: the same page content, one with a hundred times the history behind it.
   The item counts are printed beside. Target: at most 1.5x.
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
from projections import queries
from tests.bench_rebuild import read_log
from tests.builders import entry_recorded, plan
from tests.conftest import make_app, register, sign_in
from tests.server import databases

WORDS = ["patient", "ward", "discharge", "pharmacy", "porter", "bed", "nurse", "round", "drugs"]


def sentence(rng: random.Random, n: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def grow_ramp(
    app: Learnloop, group: UUID, actor: str, events: int, seed: int = 7, revising: float = 0.2
) -> UUID:
    """A realistic cycle of about `events` events: actions, observations, problems,
    comparisons, learning, comments, help, corrections and plan revisions (about
    `revising` of them)."""
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    questions = [("Will more patients go home before noon?", "Yes, half of them")]
    cycle_id = app.open_cycle(
        group, plan(sentence(rng, 5), sentence(rng, 30), questions), actor
    ).id
    version, written, newest = 1, 1, None
    while written < events:
        roll = rng.random()
        if roll < 0.55 * (1 - revising) / 0.8:
            kind = rng.choice(["action", "observation", "problem", "surprise"])
            act = app.record_act_entry(cycle_id, kind, sentence(rng, 20), "", actor)
            newest = entry_recorded(app, act)
        elif roll < 0.70 * (1 - revising) / 0.8:
            app.comment(cycle_id, "plan", sentence(rng, 10), actor)
        elif roll < 1 - revising:
            app.ask_for_help(cycle_id, sentence(rng, 10), actor)
        elif newest is None:
            seen = app.record_observation(cycle_id, sentence(rng, 9), actor)
            newest = entry_recorded(app, seen)
        else:
            app.revise_plan(
                cycle_id,
                version,
                plan(sentence(rng, 5), sentence(rng, 30), questions),
                sentence(rng, 8),
                [newest],
                actor,
            )
            version += 1
        written += 1
    return cycle_id


def median_of(run: Callable[[], object], repeat: int = 7) -> float:
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
        small_group = app.form_group("Ward 7", "Home before noon", str(ann)).id
        large_group = app.form_group("Ward 8", "Home before noon", str(ann)).id
        tiny = grow_ramp(app, small_group, str(ann), 10)
        # Revising often, so its first history page is as full as the large one's.
        small = grow_ramp(app, small_group, str(ann), 100, revising=0.5)
        large = grow_ramp(app, large_group, str(ann), 10_000)
        services.caught_up(app.recorder.max_notification_id() or 0)
        events = app.recorder.max_notification_id() or 0
        print(f"{kind}: {events:,} events in the store")

        # Read as the rebuild reads: in its biggest batches (it reads all but the first few so).
        t_raw = median_of(lambda: read_log(app, services.runner.biggest), repeat=3)
        t_rebuild = median_of(lambda: services.runner.rebuild(), repeat=3)
        print(
            f"  1. rebuild of all {len(services.runner.projections)} projections:"
            f" {events / t_rebuild:,.0f} events/s ({t_rebuild:.2f} s)"
            f" vs reading and decoding the log alone {events / t_raw:,.0f}/s"
            f" ({t_raw:.2f} s): ratio {t_raw / t_rebuild:.2f} (target >= 0.33)"
        )

        client = sign_in(flask_app.test_client(), ann)

        def get(path: str) -> Callable[[], object]:
            return lambda: client.get(path)

        with services.engine.connect() as conn:
            shown = {
                "revision history": [
                    len(queries.ramp_history(conn, c, whole_ramp=False)[0]) for c in (large, small)
                ],
                "timeline": [
                    len(queries.timeline_page(conn, g)[0]) for g in (large_group, small_group)
                ],
            }
        pages = {
            "revision history": [f"/cycles/{c}/history" for c in (large, small)],
            "timeline": [f"/groups/{g}/timeline" for g in (large_group, small_group)],
        }
        for name, (large_page, small_page) in pages.items():
            assert client.get(large_page).status_code == client.get(small_page).status_code == 200
            t_large, t_small = median_of(get(large_page)), median_of(get(small_page))
            items_large, items_small = shown[name]
            print(
                f"  2. {name}, first page: 10,000-event ramp {t_large * 1000:.1f} ms"
                f" ({items_large} items) vs 100-event ramp {t_small * 1000:.1f} ms"
                f" ({items_small} items): ratio {t_large / t_small:.2f} (target <= 1.5)"
            )

        def through_web() -> None:
            client.post(
                f"/cycles/{tiny}/comments?on=plan",
                data={"cplan-text": "Noted"},
                headers={"HX-Request": "true"},
            )

        def bare_save() -> None:
            cycle: Cycle = app.repository.get(tiny)
            cycle.comment("plan", "Noted", str(ann))
            app.save(cycle)

        t_web, t_bare = median_of(through_web, repeat=21), median_of(bare_save, repeat=21)
        print(
            f"  3. command through the web {t_web * 1000:.1f} ms vs bare save"
            f" {t_bare * 1000:.1f} ms: ratio {t_web / t_bare:.2f} (target <= 3)"
        )
        services.close()


def kinds_to_run() -> list[str]:
    """SQLite always; PostgreSQL too when LEARNLOOP_TEST_DATABASE_URL is set."""
    return ["sqlite"] + (["postgres"] if os.environ.get("LEARNLOOP_TEST_DATABASE_URL") else [])


def main() -> None:
    for kind in kinds_to_run():
        bench(kind)


if __name__ == "__main__":
    main()
