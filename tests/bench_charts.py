"""Benchmark of charts (`python -m tests.bench_charts`): a 1,000-point measure against a
100-point one, for each kind of chart.

The data: weekly values of a percentage from one seeded generator, the same recipe for
both sizes: about 62% with noise (Gaussian, sd 4) for the first 60% of the points, then a
shift to about 55% after a change, every 40th point excluded, and 5 annotations (three
cycles, a plan revision and a team's note) spread over the span. Same settings for both
(Anhøj run-chart rules; XmR shift and trend of 7; better down, target 58).

Timed, per call, in this process: `projections.spc.analyse` on the observations (kind
"xmr", then kind "run" for the run chart of the same data), `web.charts.draw` of the
result (geometry, words, data-table rows), and rendering the chart template
`charts/_chart.html` (the svg, its key, signals and annotation list) through the app's own
Jinja environment, inside an app context; the template is compiled once, before timing.
Not timed: building the observations, and the data-table template. The rule limits that
depend only on n (the Anhøj crossings limit, the IHI runs limits) are cached per n, and
are computed once before timing (a cold first call is printed separately).

Each sample repeats the work enough times to take about as long on both sides (100
calls on the small measure, 10 on the large); 15 samples of each, taken in turns
(small, large, small, ...), and each figure is the median of its 15, per call. The ratio
is large / small. Target (issue 13): at most 12 (linear: 10 times the points).
"""

import logging
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from flask import Flask

from projections.spc import Observation, analyse
from projections.spc.runs import anhoej_crossings_limit
from tests.conftest import make_app
from web.charts import Annotation, draw

SIZES, REPEATS, SAMPLES = (100, 1_000), {100: 100, 1_000: 10}, 15
START = date(2005, 1, 3)
CHART = '{% from "charts/_chart.html" import chart %}{{ chart(d) }}'


def series(n: int) -> list[Observation]:
    """n weekly percentages with a shift after 60% of them; every 40th excluded."""
    rng = random.Random(13)  # noqa: S311 - test data, not secrets
    return [
        Observation(
            START + timedelta(weeks=i),
            round(min(max(rng.gauss(62 if i < 0.6 * n else 55, 4), 0), 100), 1),
            excluded=i % 40 == 39,
        )
        for i in range(n)
    ]


def annotations(n: int) -> list[Annotation]:
    """Five annotations spread over the span of n weeks."""
    kinds = ["cycle", "cycle", "revision", "cycle", "team"]
    return [
        Annotation(START + timedelta(weeks=n * (k + 1) // 6), f"Note {k}", f"/n/{k}", kind)  # type: ignore[arg-type]
        for k, kind in enumerate(kinds)
    ]


def work(app: Flask, n: int, kind: str) -> Callable[[], int]:
    """One call: analyse, draw and render the chart of an n-point measure."""
    observations, notes = series(n), annotations(n)
    template = app.jinja_env.from_string(CHART)

    def once() -> int:
        chart = analyse(
            observations,
            better="down",
            target=58,
            period="week",
            kind=kind,  # type: ignore[arg-type]
        )
        return len(template.render(d=draw(chart, title="Discharges", annotations=notes)))

    return once


def per_call(call: Callable[[], int], repeat: int) -> float:
    """Seconds per call, over one sample of `repeat` calls."""
    began = time.perf_counter()
    for _ in range(repeat):
        call()
    return (time.perf_counter() - began) / repeat


def main() -> None:
    """Print each figure and the ratio for XmR and run charts."""
    logging.disable(logging.INFO)
    began = time.perf_counter()
    anhoej_crossings_limit(1_000)
    print(
        f"cold Anhøj crossings limit for n = 1,000: {(time.perf_counter() - began) * 1000:.2f} ms"
    )
    with tempfile.TemporaryDirectory() as folder:
        app = make_app(f"sqlite:///{Path(folder) / 'bench.sqlite'}")
        with app.app_context():
            for kind in ("xmr", "run"):
                calls = {n: work(app, n, kind) for n in SIZES}
                sizes = {n: calls[n]() for n in SIZES}  # warm: compile, caches
                samples: dict[int, list[float]] = {n: [] for n in SIZES}
                for _ in range(SAMPLES):
                    for n in SIZES:
                        samples[n].append(per_call(calls[n], REPEATS[n]))
                small, large = (statistics.median(samples[n]) for n in SIZES)
                print(
                    f"{kind} chart: 1,000 points {large * 1000:.2f} ms ({sizes[1_000]:,} bytes)"
                    f" vs 100 points {small * 1000:.2f} ms ({sizes[100]:,} bytes):"
                    f" ratio {large / small:.2f} (target <= 12)"
                )
        app.extensions["learnloop"].close()


if __name__ == "__main__":
    main()
