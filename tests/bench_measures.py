"""Benchmark of measures on the group page (`python -m tests.bench_measures`): a group with
10 measures of 500 points each against the same group with none.

The data: two groups in one SQLite store, made by the same recipe from the same seed — the
same aim, the same two cycles (one adapted into the other, with entries, a reflection and
a revision) and the same members. One of them also defines 10 weekly measures and pastes
500 points into each (values from a seeded generator, a shift two thirds of the way along,
a frozen baseline on the first 50 points), so its page lists 10 measures, each with a
sparkline (its chart analysed and drawn, with its variation and assurance marks).

Timed: GET /groups/<id> through the Flask test client, signed in as the facilitator,
answered in full (the whole page, not the htmx fragment), in this process. Two figures:

- warm: the page as everyone but the first visitor after a change sees it: sparklines
  are kept per process until their measure changes (web/measure_charts.py), so the page
  reads each measure's row, not its points. 25 samples of each page in turns (measured,
  unmeasured, ...), each the median; ratio measured / unmeasured. Target (issue 13): at
  most 2.
- cold: the first view after every measure changed (the kept sparklines dropped before
  each sample): the page reads 5,000 points and analyses and draws 10 charts. 9 samples
  of each in turns; ratio measured / unmeasured, printed for what it is, not a target.
"""

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from uuid import UUID

from flask import Flask
from flask.testing import FlaskClient

from domain.application import Learnloop
from tests.builders import entry_recorded, plan
from tests.conftest import make_app, register, sign_in
from web.measure_charts import SPARKS

MEASURES, POINTS, WARM, COLD = 10, 500, 25, 9
START = date(2015, 1, 5)


def group(app: Learnloop, actor: str, name: str) -> UUID:
    """A group with a ramp of two cycles, as any group of a few weeks has."""
    made = app.form_group(name, "80% of discharges before noon by March", actor).id
    first = app.open_cycle(made, plan("Criteria-led discharge"), actor).id
    seen = app.record_observation(first, "Two patients went home at 11", actor)
    app.record_reflection(first, "Pharmacy is the bottleneck", actor)
    app.decide(
        first,
        "adapt",
        "Pharmacy joins the board round",
        actor,
        next_plan=plan("Criteria-led discharge with pharmacy"),
        cites=[entry_recorded(app, seen)],
    )
    return made


def measure(app: Learnloop, group_id: UUID, actor: str, n: int) -> None:
    """A weekly measure with POINTS pasted values, a shift and a frozen baseline."""
    rng = random.Random(n)  # noqa: S311 - test data, not secrets
    definition = {
        "name": f"Measure {n}: discharges before noon",
        "definition": "Discharges before 12:00 over all discharges in the week",
        "unit": "%",
        "kind": "outcome",
        "better": "up",
        "period": "week",
        "ratio": False,
        "target": 60.0,
        "target_by": "",
    }
    made = app.define_measure(group_id, definition, actor).id
    rows = "\n".join(
        f"{START + timedelta(weeks=i)},{rng.gauss(40 if i < POINTS * 2 // 3 else 52, 5):.1f}"
        for i in range(POINTS)
    )
    app.import_points(made, rows, "paste", actor)
    app.freeze_baseline(made, "Before the change", actor, first=50)


def timed(get: Callable[[], object]) -> float:
    started = time.perf_counter()
    get()
    return time.perf_counter() - started


def one_view_ms(client: FlaskClient, flask_app: Flask, path: str, cold: bool) -> float:
    def get() -> None:
        answer = client.get(path)
        assert answer.status_code == 200, answer.status_code

    if cold:
        flask_app.extensions[SPARKS].clear()
    return timed(get) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        flask_app = make_app(f"sqlite:///{Path(folder) / 'bench.sqlite'}")
        services = flask_app.extensions["learnloop"]
        app: Learnloop = services.app
        ann = register(app, "Ann Facilitator")
        measured = group(app, str(ann), "Ward 7")
        unmeasured = group(app, str(ann), "Ward 8")
        for n in range(MEASURES):
            measure(app, measured, str(ann), n)
        services.caught_up(app.recorder.max_notification_id() or 0)
        client = sign_in(flask_app.test_client(), ann)
        paths = {"measured": f"/groups/{measured}", "unmeasured": f"/groups/{unmeasured}"}
        page = client.get(paths["measured"]).text
        assert page.count('class="sparkline"') == MEASURES, "the page shows every sparkline"
        for name, samples, cold in (("warm", WARM, False), ("cold", COLD, True)):
            times: dict[str, list[float]] = {k: [] for k in paths}
            for _ in range(samples):
                for key, path in paths.items():
                    times[key].append(one_view_ms(client, flask_app, path, cold))
            big, small = (statistics.median(times[k]) for k in ("measured", "unmeasured"))
            print(
                f"group page, {name}: {MEASURES} measures x {POINTS} points {big:.1f} ms, "
                f"no measures {small:.1f} ms, ratio {big / small:.2f}"
                + (" (target <= 2)" if name == "warm" else "")
            )
        services.close()


if __name__ == "__main__":
    main()
