"""Steps for adopting and scaling up: a ramp whose cycles test one change at growing scales."""

from pytest_bdd import parsers, scenarios, then, when

from tests.functional import usage
from tests.functional.pages import Browser, Submission
from tests.functional.parts import words
from tests.functional.pilot import ACTOR, CycleRef, GroupRef, cited, two_columns, with_headings

scenarios("scale_up.feature")


@when(
    parsers.re(
        ACTOR + r" adopts cycle (?P<number>\d+) and scales it up into cycle (?P<following>\d+), "
        r"in the light of (?P<phrase>.+):"
    ),
    converters={"number": int, "following": int},
    target_fixture="cycle",
)
def scaled_up(
    browser: Browser,
    cycles: dict[int, CycleRef],
    actor: str,
    number: int,
    following: int,
    phrase: str,
    datatable: list[list[str]],
) -> CycleRef:
    changes = two_columns(datatable)
    sent = usage.scale_up(browser, cycles[number], actor, changes, cited(phrase))
    # The next cycle starts from this one's plan: only what the table names changes.
    return usage.adapted(sent, {**cycles[number].plan, **changes}, following, cycles)


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


@then(
    parsers.re(
        r'cycle (?P<number>\d+) is open at the scale "(?P<scale>[^"]+)", '
        r"scaled up from cycle (?P<previous>\d+)$"
    ),
    converters={"number": int, "previous": int},
)
def open_scaled_up(
    browser: Browser, cycles: dict[int, CycleRef], number: int, scale: str, previous: int
) -> None:
    page = browser.visit(cycles[number].url)
    assert page.headings[0] == f"Cycle {number}: {words(cycles[number].plan['Objective'])}"
    assert f"Scale {scale}" in page.by_id["plan"], page.by_id["plan"]
    assert page.link(f"← Cycle {previous}").href == cycles[previous].url
    before = browser.visit(cycles[previous].url).by_id["decision"]
    assert "Decided to adopt and scale up by " in before, before
    assert words(cycles[number].plan["What changed"]) in before, before
    assert f"Go to cycle {number}, which tests the change at a larger scale" in before, before


@when(parsers.re(ACTOR + r' decides to adopt and implement the change, because "(?P<why>[^"]+)"'))
def implemented(browser: Browser, cycle: CycleRef, actor: str, why: str) -> None:
    browser.become(actor)
    browser.visit(cycle.url)
    form = browser.form("Record decision")
    form.choose("Adopt and implement")
    form.write("Why", why)
    sent = browser.submit(form)
    assert sent.status == 303, sent.page.text


@then(
    parsers.re(
        r"cycle (?P<number>\d+) shows that " + ACTOR + r" decided to adopt, which ends the ramp"
    ),
    converters={"number": int},
)
def ends_the_ramp(browser: Browser, cycles: dict[int, CycleRef], number: int, actor: str) -> None:
    page = browser.visit(cycles[number].url)
    shown = page.by_id["decision"]
    assert f"Decided to adopt by {actor}," in shown, shown
    assert "This closes the ramp." in shown, shown
    assert not any(link.text.startswith("Adopt and scale up") for link in page.links)


@then(
    parsers.re(
        r'the group\'s page shows the ramp "(?P<heading>[^"]+)" with its scale growing: '
        r'"(?P<scales>[^"]+)"'
    )
)
def scale_growing(browser: Browser, group: GroupRef, heading: str, scales: str) -> None:
    page = browser.visit(group.url)
    assert heading in page.headings, page.headings
    shown = page.text.split(heading, 1)[1]
    assert shown.startswith(f" Scale: {scales} Cycle 1: "), shown[:300]


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
