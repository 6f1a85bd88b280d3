"""Steps for a published ramp entered end to end through the pages: its measure defined and
its values pasted from the group's page, and what a reader then sees of the ramp."""

from pytest_bdd import given, parsers, scenarios, then, when

from tests.functional import usage
from tests.functional.pages import Browser
from tests.functional.parts import words
from tests.functional.pilot import ACTOR, CycleRef, GroupRef, two_columns, with_headings

scenarios("published_ramp.feature")


@given(
    parsers.re(ACTOR + r" has defined the measure, from the group's page:$"),
    target_fixture="measure",
)
def defined_measure(
    browser: Browser, group: GroupRef, actor: str, datatable: list[list[str]]
) -> str:
    return usage.define_measure(browser, group, actor, two_columns(datatable))


@when(parsers.re(ACTOR + r" pastes these rows into the measure:$"))
def pasted_rows(browser: Browser, measure: str, actor: str, datatable: list[list[str]]) -> None:
    rows = "\n".join("\t".join(row) for row in datatable)
    sent = usage.paste_rows(browser, measure, actor, rows)
    assert sent.status == 303, sent.page.text
    assert sent.written == 1, sent.written
    assert f"{len(datatable) - 1} points recorded." in sent.page.text, sent.page.text


@then(
    parsers.re(
        r'the group\'s page shows "(?P<name>[^"]+)" at its latest value, "(?P<reading>[^"]+)"$'
    )
)
def latest_value(browser: Browser, group: GroupRef, name: str, reading: str) -> None:
    shown = browser.visit(group.url).by_id["group-measures"]
    assert f"{name}: {reading}" in shown, shown


@then(
    "the group's timeline tells the ramp newest first, by when each thing happened, "
    "after the group was formed today:"
)
def timeline_in_order(browser: Browser, group: GroupRef, datatable: list[list[str]]) -> None:
    page = browser.visit(group.url.rstrip("/") + "/timeline")
    # One entry a row, each ending with its link to the group as it was just after it.
    entries = [words(e) for e in page.by_id["events"].split("see the group then")]
    formed = next(n for n, e in enumerate(entries) if "formed the group" in e)
    at = formed
    for row in with_headings(datatable):
        said = f"happened on {row['Happened on']}, recorded on "
        found = [
            n
            for n, e in enumerate(entries)
            if n > at and row["What"] in e and said in e and e.endswith(f"· {row['Cycle']}")
        ]
        assert found, (row, entries[at + 1 :])
        at = found[0]


@then("the history of the whole ramp cites the learning of each cycle before it:")
def history_cites(
    browser: Browser, cycles: dict[int, CycleRef], datatable: list[list[str]]
) -> None:
    history = browser.visit(f"{cycles[max(cycles)].url}/history?ramp=1")
    for row in with_headings(datatable):
        shown = history.by_id[f"version-{row['Cycle']}-1"]
        assert f"cycle {row['Cycle']} · scale: {row['Scale']}" in shown, shown
        assert "In the light of: " in shown, shown
        assert words(row["In the light of"]) in shown.split("In the light of: ", 1)[1], shown


@then(parsers.parse('the measure\'s run chart says "{reading}"'))
def chart_says(browser: Browser, measure: str, reading: str) -> None:
    chart = browser.visit(measure).by_id["chart"]
    assert words(reading) in chart, chart


@then("the measure's chart marks the ramp on the days it happened:")
def chart_marks(browser: Browser, measure: str, datatable: list[list[str]]) -> None:
    chart = browser.visit(measure).by_id["chart"]
    marks = [f"{mark} — {day}" for mark, day in datatable]
    places = [chart.find(mark) for mark in marks]
    assert -1 not in places, (marks, chart)
    assert places == sorted(places), chart


@then(
    parsers.re(
        r"cycle (?P<number>\d+)'s page charts the measure only up to the cycle's decision: "
        r'"(?P<reading>[^"]+)"$'
    ),
    converters={"number": int},
)
def charted_over_cycle(
    browser: Browser, cycles: dict[int, CycleRef], number: int, reading: str
) -> None:
    # Without JavaScript the cycle's page links to its charts; htmx swaps them in.
    browser.visit(cycles[number].url)
    page = browser.follow("See the group's measures charted over this cycle")
    shown = page.by_id["measures-over-cycle"]
    assert shown.startswith("The group's measures up to this cycle's decision"), shown
    assert words(reading) in shown, shown
    assert f"Cycle {number} opened — " in shown, shown
    assert "March 2017" not in shown, shown  # what came after the decision is not drawn
