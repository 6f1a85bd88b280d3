"""Steps for backfilling: a ramp entered with the dates things really happened."""

from datetime import timedelta

from pytest_bdd import parsers, scenarios, then, when

from domain.clock import today
from tests.functional import usage
from tests.functional.pages import Browser, Submission
from tests.functional.parts import words
from tests.functional.pilot import ACTOR, KIND, CycleRef, GroupRef

scenarios("backfilling.feature")


def recorded_today() -> str:
    """How a page says something was recorded today, worked out when a step runs (a run
    crossing midnight would otherwise expect yesterday)."""
    return f"recorded on {today().day} {today():%B %Y}"


@when(
    parsers.re(
        ACTOR + r" tries to record the " + KIND + r' "(?P<text>[^"]+)" as seen '
        r"(?:tomorrow|on (?P<on>[\d-]+))$"
    ),
    target_fixture="submission",
)
def recorded_refused(
    browser: Browser, cycle: CycleRef, actor: str, kind: str, text: str, on: str | None
) -> Submission:
    tomorrow = (today() + timedelta(days=1)).isoformat()
    return usage.record(browser, cycle, actor, kind, text, on or tomorrow)


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
    assert words(f"happened on {day}, {recorded_today()}") in page.text, page.text


@then(
    parsers.re(
        r"the (?P<what>observation|decision) says it happened on (?P<said>.+), and was "
        r"recorded today$"
    )
)
def said_when(browser: Browser, cycle: CycleRef, what: str, said: str) -> None:
    page = browser.visit(cycle.url)
    shown = page.by_id["decision"] if what == "decision" else page.by_id["observations"]
    assert words(f"happened on {said}, {recorded_today()}") in shown, shown


@then("the group's timeline lists the ramp in the order it happened, after the group was formed:")
def timeline_order(browser: Browser, group: GroupRef, datatable: list[list[str]]) -> None:
    page = browser.visit(group.url.rstrip("/") + "/timeline")
    events = page.by_id["events"]
    # The group was formed today, the ramp run last year: the latest to happen come first.
    expected = ["formed the group", *(row[0] for row in datatable)]
    places = [events.find(piece) for piece in expected]
    assert -1 not in places, (expected, events)
    assert places == sorted(places), events


# Two kinds of past


NOT_FORMED = "had not been formed yet"
AS_HAPPENED = "See it as it had happened by then"


@when(
    parsers.re(
        ACTOR + r" asks to see cycle (?P<number>\d+) as it was recorded at (?P<hour>\d+)pm on "
        r"(?P<on>[\d-]+)$"
    ),
    converters={"number": int, "hour": int},
)
def asks_as_recorded(
    browser: Browser, cycles: dict[int, CycleRef], actor: str, number: int, hour: int, on: str
) -> None:
    browser.become(actor)
    browser.visit(cycles[number].url)
    form = browser.form("Show")
    form.enter("See this page", f"{on}T{hour + 12:02d}:00", "datetime-local")
    form.choose("As it was recorded")
    assert browser.submit(form).status == 200


@then(
    "the page says the group had not been formed yet, and offers the view as it had happened "
    "by then"
)
def not_formed_yet(browser: Browser) -> None:
    assert browser.page is not None
    assert NOT_FORMED in browser.page.text, browser.page.text
    assert browser.page.link(AS_HAPPENED)


@when(parsers.re(ACTOR + r" takes that offer$"))
def takes_offer(browser: Browser) -> None:
    browser.follow(AS_HAPPENED)


@when(parsers.re(ACTOR + r" switches to the view as it was recorded at that moment$"))
def switches_to_recorded(browser: Browser) -> None:
    browser.follow("See it as it was recorded by then")


@then("the page says it is a past view, as it had happened by then")
def as_happened_banner(browser: Browser) -> None:
    assert browser.page is not None
    assert "A past view: as it had happened by then" in browser.page.text, browser.page.text


@then(parsers.re(r'it shows the (?:observation|learning) "(?P<text>[^"]+)"$'))
def shows_entry(browser: Browser, text: str) -> None:
    assert browser.page is not None
    assert text in browser.page.text, browser.page.text


@then(parsers.re(r'not the (?:observation|learning) "(?P<text>[^"]+)", which came .+$'))
def not_yet(browser: Browser, text: str) -> None:
    assert browser.page is not None
    assert "A past view" in browser.page.text  # the page is one, not an error
    assert text not in browser.page.text, browser.page.text
