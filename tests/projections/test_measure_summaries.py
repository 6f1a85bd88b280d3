"""Measures at a glance on each database: each measure's latest value (the dashboard) and
its values over a cycle's dates (the learning library)."""

from datetime import date, timedelta
from typing import Any

from domain.measure import Measure
from projections import queries
from tests.application.test_measures import definition
from tests.projections.conftest import Store
from tests.projections.test_measures_read import measured_group

DASH = "\u2013"


def test_the_latest_value_is_the_newest_not_withdrawn_against_the_target(store: Store) -> None:
    runner = store.runner()
    runner.setup()
    group, measure, ids = measured_group(store)
    empty = store.app.define_measure(group, definition(target=None, target_by=""), "ann").id
    runner.catch_up()
    with store.engine.connect() as conn:
        before = queries.latest_values(conn, [group])[group]
    store.app.withdraw_point(measure, ids["2026-04-01"], "Not yet audited", "ann")
    runner.catch_up()
    with store.engine.connect() as conn:
        after = queries.latest_values(conn, [group])[group]
        nothing = queries.latest_values(conn, [])
    assert [(m.id, m.reading) for m in before] == [
        (measure, "6 in April 2026 (target 5)"),
        (empty, "no values yet"),
    ]
    assert after[0].reading == "9 in March 2026 (target 5)"  # excluded, but the latest
    assert nothing == {}


def test_values_over_a_cycle_count_from_the_period_it_opened_in_to_its_decision(
    store: Store,
) -> None:
    runner = store.runner()
    runner.setup()
    group, measure, _ = measured_group(store)
    runner.catch_up()
    with store.engine.connect() as conn:
        decided = queries.values_over(conn, group, date(2026, 2, 15), date(2026, 3, 31))
        still_open = queries.values_over(conn, group, date(2025, 6, 1), None)
        later = queries.values_over(conn, group, date(2026, 5, 1), None)
    assert [(m.id, m.reading) for m in decided] == [(measure, f"7, 9 (Feb{DASH}Mar 2026)")]
    assert still_open[0].reading == f"7, 9, 6 (Feb{DASH}Apr 2026)"  # January was withdrawn
    assert later[0].reading == "no values recorded over these dates"


def test_a_long_span_shows_its_latest_values_and_says_there_were_more(store: Store) -> None:
    app = store.app
    group = app.form_group("Ward 7", "Home before noon", "ann").id
    daily: dict[str, Any] = definition(period="day", target=None, target_by="")
    measure = app.define_measure(group, daily, "ann").id
    start = date(2026, 1, 1)
    rows = "".join(f"{start + timedelta(days=n)},{n},20\n" for n in range(20))
    app.import_points(measure, rows, "file", "bea")
    recorded: Measure = app.repository.get(measure)
    assert len(recorded.points) == 20
    runner = store.runner()
    runner.setup()
    runner.catch_up()
    with store.engine.connect() as conn:
        [over] = queries.values_over(conn, group, start, None)
    shown = ", ".join(f"{n * 5}%" for n in range(8, 20))
    assert over.reading == f"…, {shown} (9 Jan{DASH}20 Jan 2026)"


def test_a_value_typed_as_a_percentage_reads_as_one_where_a_count_stays_bare(
    store: Store,
) -> None:
    app = store.app
    group = app.form_group("Acute medical unit", "More TEPs in place", "ann").id
    monthly: dict[str, Any] = definition(
        period="month", ratio=False, better="down", target=None, target_by=""
    )
    share = app.define_measure(group, monthly, "ann").id
    count = app.define_measure(group, monthly | {"name": "Admissions", "unit": "patients"}, "ann")
    app.import_points(share, "2016-12-01,43\n2017-06-01,23\n", "paste", "bea")
    app.import_points(count.id, "2017-06-01,100\n", "paste", "bea")
    runner = store.runner()
    runner.setup()
    runner.catch_up()
    with store.engine.connect() as conn:
        latest = queries.latest_values(conn, [group])[group]
        over = queries.values_over(conn, group, date(2016, 12, 1), None)
    assert [m.reading for m in latest] == ["23% in June 2017", "100 in June 2017"]
    assert over[0].reading == f"43%, 23% (Dec 2016{DASH}Jun 2017)"
