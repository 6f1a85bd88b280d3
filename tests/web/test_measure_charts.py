"""A measure's chart from the read model: the installation's rules, the group's cycles and
revisions marked by themselves, and sparklines kept until the measure changes."""

import json
from datetime import date
from pathlib import Path
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.clock import today
from domain.measure import Measure
from projections import queries
from tests.builders import plan
from tests.conftest import make_app
from tests.web.conftest import services_of
from web.measure_charts import measure_chart, sparklines
from web.rendering import reading

CDI = Path(__file__).parents[1] / "data" / "runcharts" / "qicharts2-cdi-amager-hvidovre.json"


def cdi_measure(app: Flask, actor: str = "ann") -> tuple[UUID, UUID]:
    """The published C. difficile series as a group's monthly measure, its baseline frozen on
    the first 24 months, and a cycle opened; returns the measure and the cycle."""
    data = json.loads(CDI.read_text())
    learnloop = services_of(app).app
    group = learnloop.form_group("Infection control", "Fewer C. difficile infections", actor).id
    cycle = learnloop.open_cycle(group, plan("Hand hygiene audit"), actor).id
    definition = {
        "name": data["measure"]["name"],
        "definition": "Hospital-acquired C. difficile infections in the month",
        "unit": data["measure"]["unit"],
        "kind": "outcome",
        "better": data["measure"]["better"],
        "period": "month",
        "ratio": False,
        "target": None,
        "target_by": "",
    }
    measure = learnloop.define_measure(group, definition, actor).id
    rows = "\n".join(f"{x},{v}" for x, v in zip(data["x"], data["values"], strict=True))
    learnloop.import_points(measure, rows, "paste", actor)
    last = learnloop.freeze_baseline(measure, "Before the intervention", actor, first=24)
    services_of(app).caught_up(last.notification_id)
    return measure, cycle


def chart_of(app: Flask, measure_id: UUID, kind: str | None = "run") -> list[str]:
    with app.test_request_context(), reading() as conn:
        page = queries.measure_page(conn, measure_id)
        assert page is not None
        drawn = measure_chart(page.measure, page.points, page.lines, page.marks, kind)
    return [s.rule for s in drawn.chart.signals]


def test_a_published_series_shows_its_shift_below_the_baseline_median(app: Flask) -> None:
    measure, _ = cdi_measure(app)
    with app.test_request_context(), reading() as conn:
        page = queries.measure_page(conn, measure)
        assert page is not None
        drawn = measure_chart(page.measure, page.points, page.lines, page.marks, "run")
    (shift,) = [s for s in drawn.chart.signals if s.rule == "shift"]
    assert shift.points == tuple(range(21, 36))
    assert drawn.chart.phases[0].centre == 19
    assert "15 points in a row below the median" in shift.words


def test_an_installation_can_read_run_charts_by_the_ihi_rules(sqlite_url: str) -> None:
    app = make_app(sqlite_url, RUN_CHART_RULES="ihi")
    try:
        measure, _ = cdi_measure(app)
        assert set(chart_of(app, measure)) == {"shift", "too_few_runs"}
    finally:
        services_of(app).close()


def test_by_default_run_charts_are_read_by_the_anhoej_rules(app: Flask) -> None:
    measure, _ = cdi_measure(app)
    assert set(chart_of(app, measure)) == {"shift", "few_crossings"}


@pytest.mark.parametrize(
    "setting", [{"RUN_CHART_RULES": "westgard"}, {"SPC_SHIFT": "9"}, {"SPC_TREND": "5"}]
)
def test_a_wrong_chart_setting_stops_the_app_saying_which(
    sqlite_url: str, setting: dict[str, str]
) -> None:
    with pytest.raises(ValueError, match="Chart settings"):
        make_app(sqlite_url, **setting)


def test_the_chart_marks_the_groups_cycle_within_its_dates_with_a_link(app: Flask) -> None:
    learnloop = services_of(app).app
    group = learnloop.form_group("Ward 7", "More discharges before noon", "ann").id
    definition = {
        "name": "Discharges before noon",
        "definition": "Discharges before 12:00 in the week",
        "unit": "patients",
        "kind": "outcome",
        "better": "up",
        "period": "day",
        "ratio": False,
        "target": None,
        "target_by": "",
    }
    measure = learnloop.define_measure(group, definition, "ann").id
    cycle = learnloop.open_cycle(group, plan("Criteria-led discharge"), "ann").id
    day = today().isoformat()
    last = learnloop.import_points(measure, f"{day},4\n", "paste", "ann")
    services_of(app).caught_up(last.notification_id)
    with app.test_request_context(), reading() as conn:
        page = queries.measure_page(conn, measure)
        assert page is not None
        drawn = measure_chart(page.measure, page.points, page.lines, page.marks)
    assert [(m.label, m.href) for m in drawn.drawing.markers] == [
        ("Cycle 1 opened", f"/cycles/{cycle}")
    ]


def test_a_sparkline_is_drawn_again_only_once_the_measure_has_changed(app: Flask) -> None:
    measure, _ = cdi_measure(app)

    def spark() -> object:
        with app.test_request_context(), reading() as conn:
            row = queries.get_measure(conn, measure)
            assert row is not None
            return sparklines(conn, [row])[measure]

    first = spark()
    assert spark() is first
    learnloop = services_of(app).app
    done = learnloop.recalculate_limits(measure, date(2014, 11, 1), "Adopted", "ann")
    services_of(app).caught_up(done.notification_id)
    assert spark() is not first


def test_the_measure_page_draws_the_chart_names_its_signals_and_offers_the_other_kind(
    app: Flask, client: FlaskClient, ann: UUID
) -> None:
    measure, cycle = cdi_measure(app, str(ann))
    page = client.get(f"/measures/{measure}").text
    assert '<h2 id="chart-heading" tabindex="-1">SPC chart</h2>' in page
    assert 'role="img"' in page
    assert "15 points in a row below the mean" in page
    assert f'href="/measures/{measure}?chart=run#chart"' in page
    run = client.get(f"/measures/{measure}?chart=run", headers={"HX-Request": "true"}).text
    assert '<h2 id="chart-heading" tabindex="-1">Run chart</h2>' in run
    assert "15 points in a row below the median" in run
    assert (
        f'<a href="/cycles/{cycle}">Cycle 1 opened</a>' not in run
    )  # opened today: off the chart


def test_a_measure_with_few_values_is_a_run_chart_and_the_page_says_why(
    app: Flask, client: FlaskClient, ann: UUID
) -> None:
    learnloop = services_of(app).app
    group = learnloop.form_group("Ward 7", "More discharges before noon", str(ann)).id
    definition = {
        "name": "Discharges before noon",
        "definition": "Discharges before 12:00 in the month",
        "unit": "patients",
        "kind": "outcome",
        "better": "up",
        "period": "month",
        "ratio": False,
        "target": None,
        "target_by": "",
    }
    measure = learnloop.define_measure(group, definition, str(ann)).id
    done = learnloop.import_points(measure, "2026-01-01,4\n2026-02-01,6\n", "paste", str(ann))
    services_of(app).caught_up(done.notification_id)
    page = client.get(f"/measures/{measure}?chart=xmr").text
    assert '<h2 id="chart-heading" tabindex="-1">Run chart</h2>' in page
    assert "Fewer than 15 points" in page
    assert "?chart=xmr" not in page


def test_the_group_page_shows_each_measure_with_its_sparkline_and_latest_value(
    app: Flask, client: FlaskClient, ann: UUID
) -> None:
    measure, _ = cdi_measure(app, str(ann))
    stored: Measure = services_of(app).app.repository.get(measure)
    page = client.get(f"/groups/{stored.group_id}").text
    assert "Is the measure moving?" in page
    assert f'<li class="measure" id="measure-{measure}"><span class="sparkline">' in page
    assert "Special cause: improvement" in page  # the 15 months below the baseline's mean
    assert f'<a href="/measures/{measure}">Hospital-acquired' in page
    assert ": 9 in October 2015" in page
