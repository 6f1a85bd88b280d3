"""Measures through the Application: definitions, points one at a time and in bulk, and
every correction kept as a new event."""

from datetime import date, timedelta
from typing import Any
from uuid import UUID

import pytest

from domain.application import Learnloop
from domain.clock import today
from domain.errors import (
    InvalidChoiceError,
    InvalidFieldError,
    NotFoundError,
    RowProblem,
    RowsRefusedError,
    UnknownPointError,
)
from domain.measure import Measure


def definition(**changes: Any) -> dict[str, Any]:
    """Discharges before noon, a weekly percentage where up is better."""
    return {
        "name": "Discharges before noon",
        "definition": "Patients discharged before 12:00 over all discharges, Ward 7",
        "unit": "%",
        "kind": "outcome",
        "better": "up",
        "period": "week",
        "ratio": True,
        "target": 40.0,
        "target_by": "2027-03-31",
    } | changes


def a_measure(app: Learnloop, **changes: Any) -> UUID:
    group = app.form_group("Ward 7", "More discharges before noon", "ann")
    return app.define_measure(group.id, definition(**changes), "ann").id


def loaded(app: Learnloop, measure_id: UUID) -> Measure:
    measure: Measure = app.repository.get(measure_id)
    return measure


def held(app: Learnloop, measure_id: UUID) -> dict[str, float]:
    return {p["day"]: p["value"] for p in loaded(app, measure_id).points.values()}


def test_a_percentage_point_is_its_numerator_over_its_denominator_on_its_weeks_monday(
    application: Learnloop,
) -> None:
    measure = a_measure(application)
    application.record_point(measure, date(2026, 11, 5), "bea", numerator=3, denominator=20)
    assert held(application, measure) == {"2026-11-02": 15.0}


def test_pasted_rows_are_recorded_in_one_event_and_pasting_them_again_records_nothing(
    application: Learnloop,
) -> None:
    measure = a_measure(application, ratio=False, unit="patients", period="month")
    rows = "Month\tDischarged before noon\nNov 2025\t12\nDec 2025\t14\n01/01/2026\t9\n"
    first = application.import_points(measure, rows, "paste", "bea")
    again = application.import_points(measure, rows, "paste", "bea")
    assert held(application, measure) == {"2025-11-01": 12, "2025-12-01": 14, "2026-01-01": 9}
    assert again.notification_id == first.notification_id  # nothing new was stored
    assert application.repository.get(measure).version == 2


def test_a_file_with_any_bad_row_is_refused_whole_and_each_bad_row_is_named(
    application: Learnloop,
) -> None:
    measure = a_measure(application)
    application.record_point(measure, date(2026, 10, 5), "bea", numerator=2, denominator=18)
    tomorrow = (today() + timedelta(days=1)).isoformat()
    rows = "\n".join(
        [
            "2026-09-07,3,20",  # fine
            "soon,1,2",  # not a date
            "2026-09-14,5,4",  # numerator above the denominator
            f"{tomorrow},1,2",  # in the future
            "2026-09-08,1,2",  # the same week as line 1
            "2026-10-06,3,18",  # a week that already holds another value
            "2026-09-21,2",  # a column missing
        ]
    )
    with pytest.raises(RowsRefusedError) as refused:
        application.import_points(measure, rows, "file", "bea")
    assert [(p.line, p.column) for p in refused.value.problems] == [
        (2, "date"),
        (3, "numerator"),
        (4, "date"),
        (5, "date"),
        (6, "value"),
        (7, "row"),
    ]
    assert RowProblem(
        6, "value", "2026-10-05 already has 11.1111: correct that point instead"
    ) in (refused.value.problems)
    assert held(application, measure) == {"2026-10-05": pytest.approx(100 * 2 / 18)}


def test_a_point_cannot_be_dated_after_today(application: Learnloop) -> None:
    measure = a_measure(application, ratio=False, period="day")
    with pytest.raises(RowsRefusedError, match="in the future"):
        application.record_point(measure, today() + timedelta(days=1), "bea", value=3)
    application.record_point(measure, today(), "bea", value=3)
    assert held(application, measure) == {today().isoformat(): 3}


def test_corrections_withdrawals_and_exclusions_are_new_events_that_keep_the_old_value(
    application: Learnloop,
) -> None:
    measure = a_measure(application, ratio=False, period="month")
    application.import_points(
        measure, "2026-01-01,10\n2026-02-01,12\n2026-03-01,80\n", "paste", "b"
    )
    ids = {p["day"]: pid for pid, p in loaded(application, measure).points.items()}
    application.correct_point(measure, ids["2026-02-01"], "Miscounted", "bea", value=13)
    application.exclude_point(measure, ids["2026-03-01"], "Ward closed for a week", "ann")
    application.withdraw_point(measure, ids["2026-01-01"], "Wrong ward", "ann")
    aggregate: Measure = application.repository.get(measure)
    assert {p["day"]: (p["value"], p["excluded"]) for p in aggregate.points.values()} == {
        "2026-02-01": (13.0, False),
        "2026-03-01": (80.0, True),
    }
    events = [type(e).__name__ for e in application.repository.event_store.get(measure)]
    assert events[-3:] == ["PointCorrected", "PointExcluded", "PointWithdrawn"]
    with pytest.raises(UnknownPointError):
        application.exclude_point(measure, ids["2026-01-01"], "Gone", "ann")


def test_a_withdrawn_points_period_can_take_a_new_value(application: Learnloop) -> None:
    measure = a_measure(application, ratio=False, period="month")
    application.record_point(measure, date(2026, 1, 1), "bea", value=10)
    (point,) = loaded(application, measure).points
    application.withdraw_point(measure, point, "Wrong ward", "ann")
    application.record_point(measure, date(2026, 1, 1), "bea", value=11)
    assert held(application, measure) == {"2026-01-01": 11}


def test_a_baseline_is_frozen_on_the_first_n_points_or_up_to_a_date(
    application: Learnloop,
) -> None:
    measure = a_measure(application, ratio=False, period="month")
    application.import_points(
        measure, "2026-01-01,10\n2026-02-01,12\n2026-03-01,8\n", "paste", "b"
    )
    application.freeze_baseline(measure, "Before the change", "ann", first=2)
    with pytest.raises(InvalidFieldError, match="from 1 to 3"):
        application.freeze_baseline(measure, "Too many", "ann", first=4)
    with pytest.raises(InvalidFieldError, match="No points"):
        application.freeze_baseline(measure, "Too early", "ann", until=date(2025, 1, 1))
    application.recalculate_limits(measure, date(2026, 3, 1), "Adopted the change", "ann")
    events = [e for e in application.repository.event_store.get(measure)]
    assert [getattr(e, "until", getattr(e, "start", None)) for e in events[-2:]] == [
        "2026-02-01",
        "2026-03-01",
    ]


def test_a_revised_definition_keeps_its_period_and_kind_of_value(application: Learnloop) -> None:
    measure = a_measure(application)
    application.revise_measure(measure, definition(target=50.0), "The board raised it", "ann")
    with pytest.raises(InvalidFieldError, match="cannot change"):
        application.revise_measure(measure, definition(period="month"), "Monthly now", "ann")


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"kind": "vanity"}, InvalidChoiceError),
        ({"better": "sideways"}, InvalidChoiceError),
        ({"period": "fortnight"}, InvalidChoiceError),
        ({"name": " "}, InvalidFieldError),
        ({"target": float("nan")}, InvalidFieldError),
        ({"target": None, "target_by": "2027-01-01"}, InvalidFieldError),
        ({"target_by": "31/03/2027"}, InvalidFieldError),
    ],
)
def test_a_bad_definition_is_refused_and_writes_nothing(
    application: Learnloop, changes: dict[str, Any], error: type[Exception]
) -> None:
    group = application.form_group("Ward 7", "More discharges before noon", "ann")
    before = application.recorder.max_notification_id()
    with pytest.raises(error):
        application.define_measure(group.id, definition(**changes), "ann")
    assert application.recorder.max_notification_id() == before


def test_a_measure_needs_a_group(application: Learnloop) -> None:
    with pytest.raises(NotFoundError):
        application.define_measure(UUID(int=7), definition(), "ann")


def test_a_measure_with_many_points_loads_from_a_snapshot(application: Learnloop) -> None:
    measure = a_measure(application, ratio=False, period="day")
    start = today() - timedelta(days=60)
    for n in range(30):
        application.record_point(measure, start + timedelta(days=n), "bea", value=n)
    assert application.snapshots is not None
    assert list(application.snapshots.get(measure))
    assert len(held(application, measure)) == 30
