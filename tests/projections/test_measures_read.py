"""The measures read model on each database: what a measure's page reads, and a rebuild
that gives row for row what catching up gave."""

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from domain.cycle import Cycle
from domain.measure import Measure
from domain.when import Happened
from projections import queries
from tests.builders import QUESTIONS, entry_recorded, plan
from tests.projections.conftest import Store, dump


def measured_group(store: Store) -> tuple[UUID, UUID, dict[str, str]]:
    """A group with a cycle, a revised plan, and a monthly measure with every kind of event."""
    app = store.app
    cycle = store.ramp(revisions=1)
    opened: Cycle = app.repository.get(cycle)
    group = opened.group_id
    monthly: dict[str, Any] = {
        "name": "Falls per 1,000 bed days",
        "definition": "Inpatient falls over occupied bed days, times 1,000",
        "unit": "per 1,000 bed days",
        "kind": "outcome",
        "better": "down",
        "period": "month",
        "ratio": False,
        "target": 5.0,
        "target_by": "",
    }
    measure = app.define_measure(group, monthly, "ann").id
    app.import_points(measure, "2026-01-01,8\n2026-02-01,7.5\n2026-03-01,9\n", "file", "bea")
    app.record_point(measure, date(2026, 4, 1), "bea", value=6)
    recorded: Measure = app.repository.get(measure)
    ids = {p["day"]: pid for pid, p in recorded.points.items()}
    app.correct_point(measure, ids["2026-02-01"], "Recounted", "bea", value=7)
    app.exclude_point(measure, ids["2026-03-01"], "Norovirus closure", "ann")
    app.withdraw_point(measure, ids["2026-01-01"], "Wrong ward", "ann")
    app.annotate_point(measure, ids["2026-04-01"], "New sensor mats", "bea")
    app.mark_astronomical(measure, ids["2026-04-01"], "Far below anything seen", "ann")
    app.freeze_baseline(measure, "Before the mats", "ann", first=2)
    app.recalculate_limits(measure, date(2026, 4, 1), "Mats adopted", "ann")
    monthly["definition"] += " (all wards)"
    app.revise_measure(measure, monthly, "Wider", "ann")
    return group, measure, ids


def test_a_measures_page_reads_its_points_history_lines_notes_and_the_groups_marks(
    store: Store,
) -> None:
    runner = store.runner()
    runner.setup()
    group, measure, ids = measured_group(store)
    runner.catch_up()
    with store.engine.connect() as conn:
        page = queries.measure_page(conn, measure)
        listed = queries.group_measures(conn, group)
    assert page is not None
    assert [m.id for m in listed] == [measure]
    assert page.measure.version == 2
    assert page.measure.definition.endswith("(all wards)")
    by_day = {p.day.isoformat(): p for p in page.points}
    assert by_day["2026-01-01"].withdrawn
    assert by_day["2026-02-01"].value == 7
    assert by_day["2026-03-01"].excluded
    assert by_day["2026-03-01"].why_excluded == ("Norovirus closure")
    assert by_day["2026-04-01"].astronomical
    assert [n.text for n in by_day["2026-04-01"].notes] == ["New sensor mats"]
    assert [h.kind for h in page.history[ids["2026-02-01"]]] == ["original", "corrected"]
    assert [(line.kind, line.day) for line in page.lines] == [
        ("baseline", date(2026, 3, 1)),  # January was withdrawn
        ("recalculated", date(2026, 4, 1)),
    ]
    assert [(m.kind, m.number) for m in page.marks] == [("opened", 1), ("revised", 1)]


def test_a_rebuild_of_measures_gives_what_catching_up_gave(store: Store) -> None:
    following = store.runner(batch=2, biggest=2)
    following.setup()
    measured_group(store)
    following.catch_up()
    incremental = dump(store.engine)
    store.runner().rebuild()
    assert dump(store.engine) == incremental
    assert len(incremental["rm_point_history"]) == 8  # 4 originals, 4 changes


def test_a_measures_seq_moves_with_every_event_that_changes_what_its_chart_shows(
    store: Store,
) -> None:
    runner = store.runner()
    runner.setup()
    _, measure, ids = measured_group(store)
    runner.catch_up()
    with store.engine.connect() as conn:
        before = queries.get_measure(conn, measure)
    store.app.annotate_point(measure, ids["2026-02-01"], "Agency staff", "bea")
    runner.catch_up()
    with store.engine.connect() as conn:
        after = queries.get_measure(conn, measure)
    assert before is not None
    assert after is not None
    assert before.seq == 11  # defined, then 10 events
    assert after.seq == before.seq + 1


def test_an_adapted_cycle_is_marked_decided_before_the_cycle_its_decision_opens(
    store: Store,
) -> None:
    runner = store.runner()
    runner.setup()
    group, first, second = store.full_ramp()
    runner.catch_up()
    with store.engine.connect() as conn:
        marks = queries.group_marks(conn, group)
    assert [(m.kind, m.number) for m in marks] == [
        ("opened", 1),
        ("decided", 1),  # the same act opened cycle 2, its event a moment earlier
        ("opened", 2),
        ("decided", 2),
    ]
    assert [m.cycle_id for m in marks] == [first, first, second, second]


def test_a_backfilled_ramp_is_marked_when_it_happened_not_when_it_was_typed_in(
    store: Store,
) -> None:
    runner = store.runner()
    runner.setup()
    app = store.app
    group = app.form_group("Acute medical unit", "More TEPs in place", "Ann").id
    first = app.open_cycle(
        group, plan("Assess the problem"), "Ann", happened=Happened(date(2016, 12, 1))
    ).id
    app.record_observation(first, "128 patients sampled", "Ann")
    learning = entry_recorded(app, app.record_reflection(first, "43% had none", "Ann"))
    second = app.decide(
        first,
        "adapt",
        "Try the leaflet",
        "Ann",
        next_plan=plan("The leaflet"),
        cites=[learning],
        happened=Happened(date(2017, 1, 9)),
    ).id
    app.record_observation(second, "95 patients sampled", "Ann")
    app.compare_prediction(second, QUESTIONS[0][0], "confirmed", "27% had none", "Ann")
    app.decide(second, "adopt", "It worked", "Ann", happened=Happened(date(2017, 4, 3)))
    runner.catch_up()
    with store.engine.connect() as conn:
        marks = queries.group_marks(conn, group)
    midnight_uk = {  # each day's start in the UK, in UTC: 3 April 2017 began at 23:00 UTC
        date(2016, 12, 1): datetime(2016, 12, 1, tzinfo=UTC),
        date(2017, 1, 9): datetime(2017, 1, 9, tzinfo=UTC),
        date(2017, 4, 3): datetime(2017, 4, 2, 23, tzinfo=UTC),
    }
    assert [(m.kind, m.number, m.at) for m in marks] == [
        ("opened", 1, midnight_uk[date(2016, 12, 1)]),
        ("decided", 1, midnight_uk[date(2017, 1, 9)]),
        ("opened", 2, midnight_uk[date(2017, 1, 9)]),
        ("decided", 2, midnight_uk[date(2017, 4, 3)]),
    ]
