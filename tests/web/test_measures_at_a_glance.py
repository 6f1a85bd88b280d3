"""Measures at a glance: the dashboard puts each group's measures' latest values beside its
aim, its first measure as the main one, and a learning library page the group's measures
over the cycle's dates; neither page's statements grow with the number of groups,
measures, points or requests for help."""

from collections import Counter
from datetime import timedelta
from typing import Any
from uuid import UUID

from flask import Flask
from flask.testing import FlaskClient

from domain.application import Learnloop
from domain.clock import today
from projections.measure_words import span_words
from tests.builders import entry_ids, plan
from tests.conftest import join, register, sign_in
from tests.web.conftest import Made, events_in, services_of
from tests.web.statements import Statements, kind
from tests.web.test_measures_in_the_past import FALLS, falls

ESCAPED_FALLS = "Falls &lt;i&gt;per&lt;/i&gt; 1,000 bed days"


def test_a_sponsor_sees_each_measures_latest_value_beside_the_groups_aim(
    app: Flask, made: Made, ann: UUID
) -> None:
    measure = falls(app, made, ann)
    s = services_of(app)
    s.app.define_measure(
        made.group_id, {**FALLS, "name": "Bed days", "target": None, "target_by": ""}, str(ann)
    )
    bea = register(s.app, "Bea Sponsor")
    s.caught_up(join(s.app, made.group_id, bea, "sponsor", ann))
    page = sign_in(app.test_client(), bea).get("/dashboard").text
    assert "80% of discharges before noon" in page  # the aim
    assert f"{ESCAPED_FALLS}</span>: 6 in April 2026 (target 5 by 31 March 2027)" in page
    assert "Bed days</span>: no values yet" in page
    main = f'<li class="measure main-measure" id="measure-{measure}">'
    assert (
        f'{main}<span class="measure-role">Main measure:</span> <span class="sparkline">' in page
    )
    assert page.index("80% of discharges before noon") < page.index("Main measure:")
    assert page.count("Main measure:") == 1
    assert f'<title id="spark-{measure.hex}-title">{ESCAPED_FALLS}</title>' in page
    assert "<i>per</i>" not in page


def test_a_learning_page_shows_the_groups_measures_over_its_cycles_dates(
    client: FlaskClient, app: Flask, made: Made, ann: UUID
) -> None:
    measure = falls(app, made, ann)
    s = services_of(app)
    daily = {**FALLS, "name": "Discharges by 11", "period": "day"}
    days = s.app.define_measure(made.group_id, daily, str(ann)).id
    now = today()
    rows = "".join(f"{now - timedelta(days=n)},{n}\n" for n in (2, 1, 0))
    s.caught_up(s.app.import_points(days, rows, "paste", str(ann)).notification_id)
    learning = made.entry_ids(app)[1]
    page = client.get(f"/library/{learning}").text
    assert "The group's measures over the cycle" in page
    # The cycle opened today: the monthly values are from before it, the daily one today's.
    assert f"{ESCAPED_FALLS}</span>: no values recorded over these dates" in page
    assert f"Discharges by 11</span>: 0 ({span_words(now, now, 'day')})" in page
    assert measure != days


def test_the_dashboard_and_a_library_page_read_no_more_however_much_is_measured(
    counted_app: Flask, statements: Statements
) -> None:
    s = services_of(counted_app)
    ann = register(s.app, "Ann Facilitator")
    client = sign_in(counted_app.test_client(), ann)
    group, learning = _group_with_learning(s.app, ann, "Ward 1", asks=1)
    _measured(s.app, group, ann, measures=1, points=2)
    s.caught_up(events_in(counted_app))
    pages = ["/dashboard", f"/library/{learning}"]
    for page in pages:  # names and sessions read once, before counting
        client.get(page)
    small = [_sent(statements, client, page) for page in pages]
    _measured(s.app, group, ann, measures=3, points=30)
    for n in range(2, 6):
        # Requests for help whose words are shown, some on cycles since closed.
        other, _ = _group_with_learning(s.app, ann, f"Ward {n}", asks=n, abandon=n % 2 == 0)
        _measured(s.app, other, ann, measures=2, points=30)
    s.caught_up(events_in(counted_app))
    for page in pages:  # sparklines of measures changed since: drawn once, then kept
        client.get(page)
    large = [_sent(statements, client, page) for page in pages]
    shown = client.get("/dashboard").text
    assert "“Who covers nights? (0)”" in shown
    assert "its cycle was abandoned" in shown
    assert small[0]["statement"] > 0
    assert small[1]["statement"] > 0
    assert large == small


def _group_with_learning(
    app: Learnloop, ann: UUID, name: str, asks: int, abandon: bool = False
) -> tuple[UUID, UUID]:
    group = app.form_group(name, "Fewer falls", str(ann)).id
    cycle = app.open_cycle(group, plan("Rounding"), str(ann)).id
    app.record_observation(cycle, "Two falls", str(ann))
    app.record_reflection(cycle, "Night rounds work", str(ann))
    for n in range(asks):
        app.ask_for_help(cycle, f"Who covers nights? ({n})", str(ann))
    if abandon:
        app.decide(cycle, "abandon", "No night cover", str(ann))
    return group, entry_ids(app, cycle)[-1]


def _measured(app: Learnloop, group: UUID, ann: UUID, measures: int, points: int) -> None:
    daily: dict[str, Any] = {**FALLS, "period": "day"}
    for n in range(measures):
        measure = app.define_measure(group, {**daily, "name": f"Measure {n}"}, str(ann)).id
        start = today() - timedelta(days=points - 1)
        rows = "".join(f"{start + timedelta(days=d)},{d}\n" for d in range(points))
        app.import_points(measure, rows, "file", str(ann))


def _sent(statements: Statements, client: FlaskClient, page: str) -> Counter[str]:
    with statements.counting() as sent:
        assert client.get(page).status_code == 200
    return Counter(kind(s) for s in sent)
