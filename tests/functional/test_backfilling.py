"""Steps for backfilling: a ramp entered with the dates things really happened."""

from datetime import timedelta

from pytest_bdd import parsers, scenarios, then, when

from domain.clock import today
from tests.functional import usage
from tests.functional.pages import Browser, Submission
from tests.functional.parts import words
from tests.functional.pilot import ACTOR, KIND, CycleRef, GroupRef

scenarios("backfilling.feature")

RECORDED_TODAY = f"recorded on {today().day} {today():%B %Y}"


@when(
    parsers.re(ACTOR + r" tries to record the " + KIND + r' "(?P<text>[^"]+)" as seen tomorrow$'),
    target_fixture="submission",
)
def recorded_tomorrow(
    browser: Browser, cycle: CycleRef, actor: str, kind: str, text: str
) -> Submission:
    tomorrow = (today() + timedelta(days=1)).isoformat()
    return usage.record(browser, cycle, actor, kind, text, tomorrow)


@when(
    parsers.re(
        ACTOR
        + r' decides to (?P<decision>adopt|abandon) on (?P<on>[\d-]+), because "(?P<why>[^"]+)"$'
    )
)
def decided_on(
    browser: Browser, cycle: CycleRef, actor: str, decision: str, on: str, why: str
) -> None:
    sent = usage.decide(browser, cycle, actor, decision, why, on)
    assert sent.status == 303, sent.page.text


@then(
    parsers.re(r"cycle (?P<number>\d+) says it was opened on (?P<day>[^,]+), and recorded today$"),
    converters={"number": int},
)
def cycle_opened_on(browser: Browser, cycles: dict[int, CycleRef], number: int, day: str) -> None:
    page = browser.visit(cycles[number].url)
    assert words(f"happened on {day}, {RECORDED_TODAY}") in page.text, page.text


@then(
    parsers.re(
        r"the (?P<what>observation|decision) says it happened on (?P<said>.+), and was "
        r"recorded today$"
    )
)
def said_when(browser: Browser, cycle: CycleRef, what: str, said: str) -> None:
    page = browser.visit(cycle.url)
    shown = page.by_id["decision"] if what == "decision" else page.by_id["observations"]
    assert words(f"happened on {said}, {RECORDED_TODAY}") in shown, shown


@then("the group's timeline lists the ramp in the order it happened, after the group was formed:")
def timeline_order(browser: Browser, group: GroupRef, datatable: list[list[str]]) -> None:
    page = browser.visit(group.url.rstrip("/") + "/timeline")
    events = page.by_id["events"]
    # The group was formed today, the ramp run last year: the latest to happen come first.
    expected = ["formed the group", *(row[0] for row in datatable)]
    places = [events.find(piece) for piece in expected]
    assert -1 not in places, (expected, events)
    assert places == sorted(places), events
