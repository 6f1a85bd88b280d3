"""Measures as a specification: defined, recorded one at a time, pasted and uploaded (all or
none), corrected and left out through the Application; read back from the read model."""

from datetime import datetime, timedelta
from typing import Any

from pytest_bdd import given, parsers, scenarios, then, when

from domain.clock import today
from domain.errors import RowsRefusedError
from projections import queries
from tests.builders import entry_recorded, plan
from tests.functional.measures.conftest import ACTOR, NUMBER, WHEN, define
from tests.functional.measures.tracking import Tracking, figure
from tests.functional.pilot import two_columns, with_headings

scenarios("measures.feature")

# The names the feature gives a definition's parts, and the fields the Application takes.
DEFINITION = {
    "Name": "name",
    "Definition": "definition",
    "Unit": "unit",
    "Kind": "kind",
    "Better": "better",
    "Counted by": "period",
    "Percentage": "ratio",
    "Target": "target",
    "Target by": "target_by",
}


@given(
    parsers.re(ACTOR + r' has formed the group "(?P<name>[^"]+)" with the aim "(?P<aim>[^"]+)"$')
)
def formed_group(tracking: Tracking, actor: str, name: str, aim: str) -> None:
    tracking.group = tracking.done(tracking.app.form_group(name, aim, actor)).id


@given(
    parsers.re(
        r"the group tracks \"(?P<name>[^\"]+)\" as a (?P<period>week|month)ly "
        r"(?P<form>percentage|count), where (?P<better>up|down) is better$"
    )
)
def group_tracks(tracking: Tracking, name: str, period: str, form: str, better: str) -> None:
    ratio = form == "percentage"
    unit = "%" if ratio else "patients"
    define(
        tracking,
        "Ann Facilitator",
        name=name,
        period=period,
        better=better,
        ratio=ratio,
        unit=unit,
    )


# Defining


@when(parsers.re(ACTOR + r" defines the measure:$"))
def defines(tracking: Tracking, actor: str, datatable: list[list[str]]) -> None:
    given: dict[str, Any] = {DEFINITION[k]: v for k, v in two_columns(datatable).items()}
    given |= {"ratio": given["ratio"] == "yes", "target": float(given["target"])}
    define(tracking, actor, **given)


@then(parsers.parse('the group\'s measures are "{names}"'))
def measures_are(tracking: Tracking, names: str) -> None:
    assert tracking.group is not None
    with tracking.services.engine.connect() as conn:
        listed = queries.group_measures(conn, tracking.group)
    assert ", ".join(m.name for m in listed) == names


@then("the measure reads:")
def measure_reads(tracking: Tracking, datatable: list[list[str]]) -> None:
    row = tracking.page().measure
    for name, value in two_columns(datatable).items():
        shown: Any = getattr(row, DEFINITION[name])
        if isinstance(shown, float):
            shown = figure(shown)
        assert str(shown) == value, (name, shown)


# Recording


@when(
    parsers.re(
        ACTOR + r" records (?P<top>\d+) of (?P<bottom>\d+) discharges for the week of "
        r"(?P<day>\w+ \d+ \w+ \d{4})$"
    )
)
def records_share(tracking: Tracking, actor: str, top: str, bottom: str, day: str) -> None:
    assert tracking.measure is not None
    on = datetime.strptime(day, "%A %d %B %Y").date()
    recorded = tracking.app.record_point(
        tracking.measure, on, actor, numerator=float(top), denominator=float(bottom)
    )
    tracking.done(recorded)


@when(parsers.re(ACTOR + r" uploads this CSV file:$"))
def uploads(tracking: Tracking, actor: str, docstring: str) -> None:
    assert tracking.measure is not None
    tracking.before = tracking.latest()
    try:
        tracking.done(tracking.app.import_points(tracking.measure, docstring, "file", actor))
    except RowsRefusedError as refused:
        tracking.refused = refused


@then("the file is refused, with these problems:")
def file_refused(tracking: Tracking, datatable: list[list[str]]) -> None:
    assert tracking.refused is not None, "the file was taken"
    named = [(str(p.line), p.column, p.why) for p in tracking.refused.problems]
    assert named == [(r["Line"], r["Column"], r["Why"]) for r in with_headings(datatable)]


@then("nothing new is recorded")
def nothing_new(tracking: Tracking) -> None:
    assert tracking.latest() == tracking.before


@then("the measure has no points")
def no_points(tracking: Tracking) -> None:
    assert tracking.latest() == tracking.before
    assert tracking.page().points == []


@then("the measure has these points:")
def has_points(tracking: Tracking, datatable: list[list[str]]) -> None:
    heading, *_ = datatable
    shown = [
        {
            heading[0]: p.day.isoformat(),
            "Value": figure(p.value),
            "Numerator": "" if p.numerator is None else figure(p.numerator),
            "Denominator": "" if p.denominator is None else figure(p.denominator),
        }
        for p in tracking.page().points
        if not p.withdrawn
    ]
    assert [{k: s[k] for k in heading} for s in shown] == with_headings(datatable)


@then(parsers.re(WHEN + r"'s history reads:$"))
def history_reads(tracking: Tracking, when: str, datatable: list[list[str]]) -> None:
    point = tracking.point(when)
    shown = [
        {
            "Version": h.kind,
            "Value": "" if h.value is None else figure(h.value),
            "By": h.actor,
            "Why": h.reason,
        }
        for h in tracking.page().history[point.id]
    ]
    assert shown == with_headings(datatable)


# Lines, phases and marks


@then("the measure's lines read:")
def lines_read(tracking: Tracking, datatable: list[list[str]]) -> None:
    shown = [
        {"Line": line.kind, "From or to": line.day.isoformat(), "Why": line.reason}
        for line in tracking.page().lines
    ]
    assert shown == with_headings(datatable)


@then(parsers.re(r"the chart is a run chart with the median (?P<median>" + NUMBER + ")$"))
def run_chart_median(tracking: Tracking, median: str) -> None:
    chart = tracking.current()
    assert chart.kind == "run"
    assert [p.centre and figure(p.centre) for p in chart.phases] == [median]


@then(parsers.parse('the chart is a run chart, and says "{note}"'))
def run_chart_note(tracking: Tracking, note: str) -> None:
    chart = tracking.current()
    assert (chart.kind, chart.note) == ("run", note)


@given(parsers.re(ACTOR + r' has opened cycle 1, "(?P<objective>[^"]+)"$'))
def opened_cycle(tracking: Tracking, actor: str, objective: str) -> None:
    assert tracking.group is not None
    opened = tracking.app.open_cycle(tracking.group, plan(objective), actor)
    tracking.cycles[1] = tracking.done(opened).id


@given(
    parsers.re(
        ACTOR + r" has revised cycle 1's plan in the light of "
        r"(?P<author>[A-Z]\w+ [A-Z]\w+)'s observation$"
    )
)
def revised_plan(tracking: Tracking, actor: str, author: str) -> None:
    app, cycle = tracking.app, tracking.cycles[1]
    seen = entry_recorded(app, app.record_observation(cycle, "3 of 10 home by noon", author))
    revised = plan("Criteria-led discharge, pharmacy the night before")
    tracking.done(app.revise_plan(cycle, 1, revised, "Pharmacy first", [seen], actor))


@given(parsers.re(ACTOR + r' has adapted cycle 1 into cycle 2, "(?P<objective>[^"]+)"$'))
def adapted(tracking: Tracking, actor: str, objective: str) -> None:
    app, cycle = tracking.app, tracking.cycles[1]
    learned = entry_recorded(app, app.record_reflection(cycle, "Pharmacy was the wait", actor))
    decided = app.decide(
        cycle, "adapt", "Every bay: it works on Bay B", actor, plan(objective), [learned]
    )
    tracking.cycles[2] = tracking.done(decided).id


@given(
    parsers.re(
        ACTOR + r" has recorded (?P<before>\d+) for last month and (?P<now>\d+) for this month$"
    )
)
def recorded_lately(tracking: Tracking, actor: str, before: str, now: str) -> None:
    assert tracking.measure is not None
    this_month = today().replace(day=1)
    last_month = (this_month - timedelta(days=1)).replace(day=1)
    for day, value in ((last_month, before), (this_month, now)):
        tracking.done(tracking.app.record_point(tracking.measure, day, actor, value=float(value)))


@then("the chart marks, in order:")
def chart_marks(tracking: Tracking, datatable: list[list[str]]) -> None:
    cycles = {f"cycle {n}": f"/cycles/{c}" for n, c in tracking.cycles.items()}
    history = {
        f"version 2 of cycle {n}'s plan history": f"/cycles/{c}/history#version-2"
        for n, c in tracking.cycles.items()
    }
    shown = [(m.label, m.href) for m in tracking.drawing().markers]
    expected = [
        (row["Mark"], (cycles | history)[row["Links to"]]) for row in with_headings(datatable)
    ]
    assert shown == expected
