"""Rebuilding the read model of a 1,000,000-event store, on SQLite and PostgreSQL.

`python -m tests.bench_rebuild [EVENTS]` takes the cached store of tests/big_store.py
(building it first if it is missing: minutes), copies its events into a fresh SQLite
file and a fresh PostgreSQL database (LEARNLOOP_TEST_DATABASE_URL's server, else the
local one), and in a process of its own for each database times, alternately, REPEAT
times each:

- reading and decoding the whole log alone, as the runner reads it (its batch size,
  `select_notifications` then `mapper.to_domain_event` for every notification), and
- `Runner.rebuild()` of every projection: tables dropped and made again, the whole log
  replayed into them (each event read and decoded once for all the projections, and
  counted once).

It prints the medians: events per second of each, their ratio (target: the rebuild at
least 1/3 of reading and decoding), the rebuild's seconds (target: at most 60 s for 1M
events) and the process's peak memory (`getrusage` maxrss) before the first rebuild, at
each quarter of it and after the last, which stays flat if memory does not grow with the
log.
"""

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from domain.application import Learnloop
from projections.database import all_projections, make_engine
from projections.runner import Runner
from tests.big_store import cached_store, copy_store
from tests.server import databases
from web.storage import storage_for

REPEAT = 3


def main() -> None:
    """Time raw reading and rebuilding on each database; print the figures."""
    events = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    store = cached_store(events)
    for kind in ("sqlite", "postgres"):
        with (
            tempfile.TemporaryDirectory() as folder,
            databases.database(kind, Path(folder)) as url,
        ):
            started = time.perf_counter()
            count = copy_store(store, url)
            copied = time.perf_counter() - started
            found = subprocess.run(
                [sys.executable, "-m", "tests.bench_rebuild", "--measure", url],
                check=True,
                capture_output=True,
                text=True,
            )
            _report(kind, count, copied, json.loads(found.stdout.splitlines()[-1]))


def _report(kind: str, count: int, copied: float, figures: dict[str, list[float]]) -> None:
    raw, rebuild = statistics.median(figures["raw"]), statistics.median(figures["rebuild"])
    memory = " / ".join(f"{m:.0f}" for m in figures["memory"])
    print(
        f"{kind}: {count:,} events (copied in {copied:.0f} s), medians of {REPEAT}:\n"
        f"  rebuild {count / rebuild:,.0f} events/s ({rebuild:.1f} s, target <= 60 s"
        f" for 1M) vs reading and decoding alone {count / raw:,.0f}/s ({raw:.1f} s):"
        f" ratio {raw / rebuild:.2f} (target >= 0.33)\n"
        f"  each run, raw s: {_list(figures['raw'])}; rebuild s: {_list(figures['rebuild'])}\n"
        f"  peak memory MB before the first rebuild / at each quarter of it / after"
        f" the last: {memory}",
        flush=True,
    )


def _list(timings: list[float]) -> str:
    return ", ".join(f"{t:.1f}" for t in timings)


def measure(url: str) -> dict[str, list[float]]:
    """In this process: raw read-and-decode and rebuild, alternately, REPEAT times each."""
    storage = storage_for(url, "")
    app = Learnloop(env=storage.persistence_env)
    engine = make_engine(storage.sqlalchemy_url)
    runner = Runner(engine, app.recorder, app.mapper, all_projections())
    runner.setup()
    head = app.recorder.max_notification_id() or 0
    figures: dict[str, list[float]] = {"raw": [], "rebuild": [], "memory": []}
    quarters = [head * len(runner.projections) * q // 4 for q in (1, 2, 3, 4)]
    done = [0]

    def progress(applied: int) -> None:
        done[0] += applied
        while quarters and done[0] >= quarters[0]:
            quarters.pop(0)
            figures["memory"].append(_peak_mb())

    for n in range(REPEAT):
        figures["raw"].append(_timed(lambda: read_log(app, runner.biggest)))
        if n == 0:
            figures["memory"].append(_peak_mb())
        rebuild = partial(runner.rebuild, progress=progress if n == 0 else None)
        figures["rebuild"].append(_timed(rebuild))
    figures["memory"].append(_peak_mb())
    engine.dispose()
    app.close()
    return figures


def read_log(app: Learnloop, batch: int) -> None:
    """Read and decode every notification of the log, as the runner does, and no more."""
    position = 0
    while True:
        found = app.recorder.select_notifications(position, batch, inclusive_of_start=False)
        if not found:
            return
        for n in found:
            app.mapper.to_domain_event(n)
        position = found[-1].id


def _timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        print(json.dumps(measure(sys.argv[2])))
    else:
        main()
