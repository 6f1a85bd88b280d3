"""Benchmarks of commands (`make bench`): a command's cost does not grow with its cycle.
Each figure is a ratio of two medians taken in the same run on the same store, both sides
doing the same work. SQLite always; PostgreSQL too when LEARNLOOP_TEST_DATABASE_URL is set.

4. One command through the Application, as a web request runs it (repository.get of the
   cycle — its newest snapshot and the events after it —, the cycle's rule, save, and a
   snapshot when one is due), on a 5,000-event cycle against the same command on
   10-event cycles: recording an observation, and commenting on an entry; and loading
   alone (repository.get), the part that can grow. The large cycle's commands run one
   after another, the two kinds in turn, over whole snapshot periods (four of 25 events),
   so they meet every distance from its newest snapshot; each command on the small side
   has a 10-event cycle of its own. Target: at most 1.5x.
5. The same comment posted through the web (POST, read model caught up, fragment back),
   on the large cycle against the small ones. For information.
6. Snapshot storage: the bytes of the snapshots stored of a cycle's first 1,000 and
   5,000 events against the bytes of those events (the stored JSON of each, not the
   rows' overhead). Up to 10,000 events a cycle is snapshotted every 25, so this grows
   with its length; past that the interval grows with the cycle (domain/service.py) and
   the figure levels off (tests/application/test_slice.py).
"""

import random
import statistics
import time
from collections.abc import Callable
from uuid import UUID

from flask.testing import FlaskClient

from domain.application import Learnloop
from domain.service import replay
from tests.bench import database, grow_ramp, kinds_to_run, sentence
from tests.builders import entry_recorded
from tests.conftest import make_app, register, sign_in

LARGE, SMALL, RUNS = 5_000, 10, 50
CYCLES = 3 * (RUNS + 1)  # one small cycle for each command timed, and for warming up
Run = Callable[[], object]


def events_of(app: Learnloop, cycle_id: UUID) -> int:
    """How many events a cycle has (its version)."""
    [last] = app.events.recorder.select_events(cycle_id, desc=True, limit=1)
    return last.originator_version


def cycle_of(app: Learnloop, group: UUID, actor: str, events: int, seed: int) -> tuple[UUID, UUID]:
    """A realistic cycle (`grow_ramp`) of exactly `events` events, and its newest entry: the
    ramp's help requests are not the cycle's, so observations make up the difference."""
    cycle_id = grow_ramp(app, group, actor, events - 1, seed=seed)
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    while True:
        newest = app.record_observation(cycle_id, sentence(rng, 20), actor)
        if events_of(app, cycle_id) == events:
            return cycle_id, entry_recorded(app, newest)


def stored_bytes(app: Learnloop, cycle_id: UUID, up_to: int) -> tuple[int, int]:
    """The bytes of a cycle's stored events and of its stored snapshots, up to a version."""
    assert app.snapshots is not None  # Cycle is snapshotted
    events = app.events.recorder.select_events(cycle_id, lte=up_to)
    snapshots = app.snapshots.recorder.select_events(cycle_id, lte=up_to)
    return sum(len(e.state) for e in events), sum(len(s.state) for s in snapshots)


def timed(run: Run) -> float:
    """How long one run took, in seconds."""
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def compare(figures: dict[str, tuple[list[tuple[Run, Run]], str]]) -> None:
    """Time each figure's pairs of runs (large, small), all figures in turn, and print the
    medians and their ratio beside the figure's target."""
    taken: dict[str, list[tuple[float, float]]] = {name: [] for name in figures}
    for large, small in (pairs[RUNS] for pairs, _ in figures.values()):  # warm-up, not timed
        large(), small()
    for i in range(RUNS):
        for name, (pairs, _) in figures.items():
            large, small = pairs[i]
            taken[name].append((timed(large), timed(small)))
    for name, timings in taken.items():
        t_large = statistics.median(t for t, _ in timings)
        t_small = statistics.median(t for _, t in timings)
        print(
            f"    {name}: {LARGE:,}-event cycle {t_large * 1000:.1f} ms vs {SMALL}-event"
            f" cycles {t_small * 1000:.1f} ms: ratio {t_large / t_small:.2f}"
            f" ({figures[name][1]})"
        )


def bench(kind: str) -> None:
    with database(kind) as url:
        flask_app = make_app(url, LOG_LEVEL="WARNING")
        services = flask_app.extensions["learnloop"]
        app: Learnloop = services.app
        ann = register(app, "Ann Facilitator")
        actor = str(ann)
        group = app.form_group("Ward 7", "Home before noon", actor).id
        start = time.perf_counter()
        large, newest = cycle_of(app, group, actor, LARGE, seed=7)
        smalls = dict(cycle_of(app, group, actor, SMALL, seed=i) for i in range(CYCLES))
        print(f"{kind}: cycles built in {time.perf_counter() - start:.0f} s (medians of {RUNS})")

        for up_to in (1_000, LARGE):
            events, snapshots = stored_bytes(app, large, up_to)
            print(
                f"  6. snapshots of a cycle's first {up_to:,} events: {snapshots:,} bytes"
                f" ({snapshots / up_to:,.0f} per event) against {events:,} bytes of events"
                f" ({events / up_to:,.0f} per event): ratio {snapshots / events:.2f}"
            )

        def observe(cycle_id: UUID) -> Run:
            return lambda: app.record_observation(cycle_id, "Bay B was late again", actor)

        def comment(cycle_id: UUID, on: UUID) -> Run:
            return lambda: app.comment(cycle_id, on.hex, "Seen on the ward too", actor)

        def load(cycle_id: UUID) -> Run:  # as every command loads it
            return lambda: app.repository.get(cycle_id, projector_func=replay)

        small = list(smalls.items())
        print("  4. one command through the Application (repository.get, rule, save)")
        target, info = "target <= 1.5", "for information"
        compare(
            {
                "record an observation": (
                    [(observe(large), observe(c)) for c, _ in small[: RUNS + 1]],
                    target,
                ),
                "comment on an entry": (
                    [
                        (comment(large, newest), comment(c, e))
                        for c, e in small[RUNS + 1 : 2 * (RUNS + 1)]
                    ],
                    target,
                ),
                "load the cycle (repository.get alone)": (
                    [(load(large), load(c)) for c, _ in small[2 * (RUNS + 1) :]],
                    info,
                ),
            }
        )

        services.caught_up(app.recorder.max_notification_id() or 0)
        client = sign_in(flask_app.test_client(), ann)
        print("  5. the same through the web (POST, read model caught up, fragment back)")
        posts = [(post(client, large), post(client, c)) for c, _ in small[2 * (RUNS + 1) :]]
        compare({"comment on the plan": (posts, info)})
        services.close()


def post(client: FlaskClient, cycle_id: UUID) -> Run:
    """A comment on the plan, posted as htmx posts it; the fragment must come back."""

    def run() -> None:
        response = client.post(
            f"/cycles/{cycle_id}/comments?on=plan",
            data={"cplan-text": "Noted"},
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200, response.status_code

    return run


def main() -> None:
    for kind in kinds_to_run():
        bench(kind)


if __name__ == "__main__":
    main()
