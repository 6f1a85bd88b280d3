"""What the measure list and a point's page read, on each database: the latest value of
each measure (a withdrawn point is not it), and one point with every version and note."""

from uuid import uuid4

from projections import queries
from tests.projections.conftest import Store
from tests.projections.test_measures_read import measured_group


def test_each_measure_is_listed_with_its_latest_point_not_withdrawn(store: Store) -> None:
    runner = store.runner()
    runner.setup()
    group, measure, ids = measured_group(store)
    store.app.withdraw_point(measure, ids["2026-04-01"], "Sensor fault", "ann")
    runner.catch_up()
    with store.engine.connect() as conn:
        page = queries.measures_page(conn, group)
        counted = queries.point_count(conn, measure)
    assert page is not None
    [listed] = page.measures
    assert listed.latest is not None
    assert (str(listed.latest.day), listed.latest.value) == ("2026-03-01", 9)
    assert counted == 2  # four recorded, two withdrawn


def test_a_point_page_reads_every_version_in_order_and_its_notes(store: Store) -> None:
    runner = store.runner()
    runner.setup()
    _, measure, ids = measured_group(store)
    runner.catch_up()
    with store.engine.connect() as conn:
        page = queries.point_page(conn, measure, ids["2026-04-01"])
        elsewhere = queries.point_page(conn, uuid4(), ids["2026-04-01"])
    assert page is not None
    assert [v.kind for v in page.versions] == ["original", "astronomical"]
    assert [n.text for n in page.point.notes] == ["New sensor mats"]
    assert page.group is not None
    assert elsewhere is None  # a point is found under its own measure only
