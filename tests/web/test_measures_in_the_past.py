"""Measures in the group's record: the timeline shows their events, and a past view
rebuilds them as they were."""

from datetime import date, timedelta
from typing import Any
from uuid import UUID

from flask import Flask, g
from flask.testing import FlaskClient

from domain.clock import today as uk_today
from domain.measure import Measure
from projections import queries
from tests.web.conftest import Made, events_in, services_of
from web.past import read_as_of

FALLS: dict[str, Any] = {
    "name": "Falls <i>per</i> 1,000 bed days",
    "definition": "Inpatient falls over occupied bed days, times 1,000",
    "unit": "per 1,000 bed days",
    "kind": "outcome",
    "better": "down",
    "period": "month",
    "ratio": False,
    "target": 5.0,
    "target_by": "2027-03-31",
}


def falls(app: Flask, made: Made, ann: UUID) -> UUID:
    """Ann's group's falls measure, with values for February to April 2026."""
    s = services_of(app)
    measure = s.app.define_measure(made.group_id, FALLS, str(ann)).id
    s.app.import_points(measure, "2026-02-01,9\n2026-03-01,7\n2026-04-01,6\n", "paste", str(ann))
    s.caught_up(events_in(app))
    return measure


def test_the_timeline_shows_a_measures_events_escaped_and_filters_to_them(
    client: FlaskClient, app: Flask, made: Made, ann: UUID
) -> None:
    measure = falls(app, made, ann)
    page = client.get(f"/groups/{made.group_id}/timeline?kind=measures").text
    # Each of the measure's rows links to its page: defined, and the values recorded.
    assert page.count(f'<a href="/measures/{measure}">its chart and data</a>') == 2
    name = "“Falls &lt;i&gt;per&lt;/i&gt; 1,000 bed days”"
    assert f"defined the measure {name} (outcome; lower is better; target 5 by 31" in page
    assert f"recorded 3 values of {name} (pasted), from February 2026 to April 2026" in page
    assert "<i>per</i>" not in page
    assert "Order drugs the day before" not in page  # a reflection, not a measure's event
    assert 'value="measures" checked' in page


def test_a_past_view_rebuilds_a_groups_measures_and_points_as_they_were(
    app: Flask, made: Made, ann: UUID
) -> None:
    measure = falls(app, made, ann)
    s = services_of(app)
    recorded: Measure = s.app.repository.get(measure)
    between = recorded.modified_on + timedelta(microseconds=1)
    april = next(p for p, held in recorded.points.items() if held["day"] == "2026-04-01")
    s.app.correct_point(measure, april, "Recounted", str(ann), value=5)
    s.app.record_point(measure, date(2026, 5, 1), str(ann), value=4)
    s.caught_up(events_in(app))
    with app.test_request_context("/"):
        read_as_of(made.group_id, between)
        with g.read_engine.connect() as conn:
            past = queries.group_measures(conn, made.group_id)
            points = queries.measure_points(conn, [measure])[measure]
    assert [m.name for m in past] == [FALLS["name"]]
    assert [(p.day.month, p.value) for p in points] == [(2, 9), (3, 7), (4, 6)]


def test_the_past_timeline_and_group_page_show_measures_up_to_the_end_of_the_day_asked(
    client: FlaskClient, app: Flask, made: Made, ann: UUID
) -> None:
    falls(app, made, ann)
    today = uk_today()
    page = client.get(f"/groups/{made.group_id}/timeline?kind=measures&as_of={today}").text
    assert "A past view:" in page
    assert "recorded 3 values of" in page
    assert f'<input type="hidden" name="as_of" value="{today}">' in page
    assert "its chart and data" not in page  # the measure's page shows it as it is now
    before = client.get(f"/groups/{made.group_id}/timeline?as_of={today - timedelta(days=1)}")
    assert "had not been formed yet" in before.text  # the group was formed today
    assert client.get(f"/groups/{made.group_id}?as_of={today}").status_code == 200
