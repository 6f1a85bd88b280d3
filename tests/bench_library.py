"""Benchmark of the learning library (`python -m tests.bench_library`): its page and its
search in a large store against a small one, on SQLite, and on PostgreSQL too when
LEARNLOOP_TEST_DATABASE_URL is set.

Both stores are built in the same run and hold the same reader's group, made with the same
seed through the Application: 20 cycles, each with an observation and 100 learning
statements (reflections, mistakes and comparisons), 2,000 in all. The large store also has
the history of 100 other groups (Ann is in none, none shares its learning): 5 cycles each,
with 1,000 entries of what was done and seen in each cycle, 500,000 in all and none of them
learning. Those groups and cycles are formed and opened through the Application; each
cycle's entries are recorded by its own commands on the aggregate, and the events are
handed straight to the product's projections (all of them, each cycle's in one
transaction) instead of being stored and read back. So the read model, which is all the
library reads, holds exactly the rows the log would have given it; the event log itself
stays small (see other_history).

Timed, through the Flask test client in this process (routing, session, query, rendering),
signed in as Ann, with both stores open at once: after one unmeasured request to each, 15
requests to each store taken in turns (small, large, small, ...), so that whatever else
loads the machine falls on both alike; each figure is the median of its 15.
- the library page: GET /library, the newest 30 of the 2,000 learning statements;
- its search: GET /library?q=... with htmx's header (the results fragment), for words that
  match a share of the 2,000: "nurses discharge" (two whole words), "pharm" (a word being
  typed).
The rows shown are counted beside each figure, so a reviewer can see both sides show the
same page. Each ratio is large / small. Target (issue 12): at most 1.3. Then the plan of
each query in the large store: SQLite's EXPLAIN QUERY PLAN, PostgreSQL's EXPLAIN ANALYZE.
"""

import logging
import os
import random
import statistics
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from uuid import UUID

from flask import Flask
from flask.testing import FlaskClient

from domain.application import Learnloop
from domain.cycle import Cycle
from projections import queries
from tests.builders import plan
from tests.conftest import make_app, register, sign_in
from tests.plans import query_plans
from tests.server import databases
from web.services import Services

CYCLES, LEARNED_PER_CYCLE = 20, 100
OTHER_GROUPS, OTHER_CYCLES_PER_GROUP, OTHER_ENTRIES_PER_CYCLE = 100, 5, 1_000
REPEAT = 15
WORDS = [
    "patient", "ward", "discharge", "discharges", "pharmacy", "porter", "bed", "nurse",
    "nurses", "round", "drugs", "letter", "noon", "transport", "family", "checklist",
    "doctor", "consultant", "bay", "medicines", "evening", "morning", "delay", "waited",
]  # fmt: skip
SEARCHES = {"search, full words": "nurses discharge", "search, a word being typed": "pharm"}


def sentence(rng: random.Random, n: int = 12) -> str:
    """A sentence of `n` words from the ward's vocabulary."""
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def group_content(app: Learnloop, ann: str) -> UUID:
    """Ann's group, the same in both stores: 20 cycles of 100 learning statements each."""
    rng = random.Random(12)  # noqa: S311 - test data, not secrets
    group = app.form_group("Ward 7 discharge pilot", "Home before noon", ann).id
    question = "Will more patients go home before noon?"
    for _ in range(CYCLES):
        cycle = app.open_cycle(group, plan(sentence(rng, 5), "", [(question, "Half")]), ann).id
        app.record_observation(cycle, sentence(rng), ann)
        for n in range(LEARNED_PER_CYCLE):
            text = sentence(rng, rng.randint(8, 30))
            if n % 10 == 9:
                app.compare_prediction(cycle, question, "partly", text, ann)
            elif n % 10 == 8:
                app.own_mistake(cycle, text, ann)
            else:
                app.record_reflection(cycle, text, ann)
    return group


def other_history(services: Services) -> None:
    """The other groups' history: what was done and seen in 500 cycles, no learning.

    The groups and cycles are formed and opened through the Application. Their entries are
    recorded by each cycle's own commands, but its events are handed to the product's
    projections directly (each cycle's in one transaction) rather than stored and read
    back: the read model gets exactly the rows it would get from the log, at a rate that
    builds half a million of them in a minute or two.
    """
    rng = random.Random(99)  # noqa: S311 - test data, not secrets
    app = services.app
    cycles = []
    for g in range(OTHER_GROUPS):
        owner = f"owner-{g}"
        group = app.form_group(f"Other ward {g}", "Fewer falls", owner).id
        for _ in range(OTHER_CYCLES_PER_GROUP):
            cycles.append((app.open_cycle(group, plan("Falls audit"), owner).id, owner))
    services.caught_up(app.recorder.max_notification_id() or 0)
    for cycle_id, owner in cycles:
        cycle: Cycle = app.repository.get(cycle_id)
        for _ in range(OTHER_ENTRIES_PER_CYCLE):
            kind = rng.choice(["action", "observation", "problem", "surprise"])
            cycle.record_act_entry(kind, sentence(rng, 20), "", owner)
        events = cycle.collect_events()
        with services.engine.begin() as conn:
            for projection in services.runner.projections:
                projection.apply(conn, events)


@dataclass(frozen=True)
class Opened:
    """A store's app, and Ann signed in to it."""

    app: Flask
    client: FlaskClient
    ann: str


@contextmanager
def store(kind: str, folder: Path, large: bool) -> Iterator[Opened]:
    """A store with Ann's group (and, if `large`, everyone else's history); Ann's client."""
    with databases.database(kind, folder) as url:
        flask_app = make_app(url)
        services = flask_app.extensions["learnloop"]
        ann = register(services.app, "Ann Facilitator")
        group_content(services.app, str(ann))
        started = time.perf_counter()
        if large:
            other_history(services)
        services.caught_up(services.app.recorder.max_notification_id() or 0)
        with services.engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT count(*) FROM rm_entries").scalar_one()
        events = services.app.recorder.max_notification_id() or 0
        print(
            f"  {'large' if large else 'small'} store: {events:,} events, {rows:,} rows in"
            f" rm_entries (built in {time.perf_counter() - started:.0f} s)"
        )
        try:
            yield Opened(flask_app, sign_in(flask_app.test_client(), ann), str(ann))
        finally:
            services.close()


def shown(side: Opened, words: str) -> int:
    """How many learning statements the page shows Ann."""
    with side.app.extensions["learnloop"].engine.connect() as conn:
        rows, _ = queries.search_learning(conn, side.ann, words)
    return len(rows)


def explain(side: Opened, searches: list[str]) -> list[str]:
    """The query plan of each search (PostgreSQL's with the rows it really read)."""
    engine = side.app.extensions["learnloop"].engine
    with engine.connect() as conn, query_plans(conn, analyze=True) as plans:
        for words in searches:
            queries.search_learning(conn, side.ann, words)
    return plans


def alternately(runs: list[Callable[[], object]], repeat: int = REPEAT) -> list[float]:
    """The median timing of each of `runs`, in seconds, timed in turns so that whatever else
    loads the machine meanwhile falls on each alike."""
    timings: list[list[float]] = [[] for _ in runs]
    for _ in range(repeat):
        for run, kept in zip(runs, timings, strict=True):
            start = time.perf_counter()
            run()
            kept.append(time.perf_counter() - start)
    return [statistics.median(t) for t in timings]


def bench(kind: str) -> None:
    """Print the library's figures for one kind of database."""
    print(f"{kind}:")
    pages = {"library page": ""} | SEARCHES
    with (
        tempfile.TemporaryDirectory() as folder,
        store(kind, Path(folder), large=False) as small,
        store(kind, Path(folder), large=True) as large,
    ):
        for name, words in pages.items():
            path = f"/library?q={words}" if words else "/library"
            headers = {"HX-Request": "true"} if words else {}
            for side in (small, large):
                assert side.client.get(path, headers=headers).status_code == 200
            t_small, t_large = alternately(
                [partial(side.client.get, path, headers=headers) for side in (small, large)]
            )
            n_small, n_large = (shown(side, words) for side in (small, large))
            print(
                f"  {name}: large {t_large * 1000:.1f} ms ({n_large} shown)"
                f" vs small {t_small * 1000:.1f} ms ({n_small} shown):"
                f" ratio {t_large / t_small:.2f} (target <= 1.3)"
            )
        for name, plan in zip(pages, explain(large, list(pages.values())), strict=True):
            print(f"  how the {name} is read in the large store:")
            print(textwrap.indent(plan, "    "))


def main() -> None:
    """Run the benchmark on each database available."""
    logging.disable(logging.INFO)  # one line per request would bury the figures
    kinds = ["sqlite"] + (["postgres"] if os.environ.get("LEARNLOOP_TEST_DATABASE_URL") else [])
    for kind in kinds:
        bench(kind)


if __name__ == "__main__":
    main()
