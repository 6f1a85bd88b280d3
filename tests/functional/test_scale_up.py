"""Steps for adopting and scaling up: a ramp whose cycles test one change at growing scales."""

from pytest_bdd import parsers, scenarios, then, when

from tests.functional import usage
from tests.functional.pages import Browser, Submission
from tests.functional.pilot import ACTOR, CycleRef, cited, with_headings

scenarios("scale_up.feature")


@when(
    parsers.re(
        ACTOR + r" tries to adopt cycle (?P<number>\d+) and scale it up with the scale left "
        r"blank, in the light of (?P<phrase>.+)$"
    ),
    converters={"number": int},
    target_fixture="submission",
)
def scale_up_blank(
    browser: Browser, cycles: dict[int, CycleRef], actor: str, number: int, phrase: str
) -> Submission:
    blank = {"What changed": "Try it on the whole ward.", "Scale": ""}
    return usage.scale_up(browser, cycles[number], actor, blank, cited(phrase))


@then("the history of the whole ramp shows each cycle's scale:")
def history_scales(
    browser: Browser, cycles: dict[int, CycleRef], datatable: list[list[str]]
) -> None:
    last = cycles[max(cycles)]
    history = browser.visit(f"{last.url}/history?ramp=1")
    for row in with_headings(datatable):
        shown = history.by_id[f"version-{row['Cycle']}-1"]
        assert f"cycle {row['Cycle']} · scale: {row['Scale']}" in shown, shown


@then("the cycle is still open")
def still_open(browser: Browser, cycle: CycleRef) -> None:
    page = browser.visit(cycle.url)
    assert "Decided to" not in page.text
    assert page.has_form("Record decision")
