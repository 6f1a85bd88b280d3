"""Steps every method's feature shares (the steps of groups and cycles are one level up).

A method renames the four steps of a cycle and asks its own questions at each. These
steps find a step on the cycle's page by the name the method gives it, so a feature can
say "answers What can we learn?" where the generic steps say "decides".
"""

import re

from pytest_bdd import given, parsers, then, when

from tests.functional import usage
from tests.functional.pages import Browser, Page, Submission
from tests.functional.parts import words
from tests.functional.pilot import ACTOR, CycleRef, GroupRef, cited, two_columns, with_headings

# The four steps of every cycle, and the part of the cycle's page that holds each.
PARTS = {"Plan": "plan", "Act": "act", "Reflect": "reflect", "Revise": "decision"}

# The forms that answer each part; a part that is not ready offers none of them.
ANSWERS = {
    "act": ("Record what happened",),
    "reflect": ("Record comparison", "Record learning"),
    "decision": ("Record decision",),
}


def _following(page: Page) -> str:
    """The name of the method the cycle on `page` follows."""
    found = re.search(r"\bFollowing (.+?) — ", page.text)
    assert found, page.text
    return found[1]


def _part(page: Page, step: str) -> str:
    """The part of the cycle's page whose guide names the method's step `step`."""
    guide = words(f"{step} — {_following(page)}")
    found = [part for part in PARTS.values() if guide in page.by_id[part]]
    assert len(found) == 1, f"expected one step called {step!r}, found {found}"
    return found[0]


@given(
    parsers.parse("{actor} has opened a cycle following {method} with this plan:"),
    target_fixture="cycle",
)
def opened_following(
    browser: Browser,
    group: GroupRef,
    cycles: dict[int, CycleRef],
    actor: str,
    method: str,
    datatable: list[list[str]],
) -> CycleRef:
    plan = two_columns(datatable)
    cycle = usage.opened(usage.open_cycle(browser, group, actor, plan, method), plan)
    assert f"Following {method}" in browser.visit(cycle.url).text
    cycles[cycle.number] = cycle
    return cycle


@then(parsers.parse("the cycle guides each step in {method}'s own words:"))
def guides_in_own_words(
    browser: Browser, cycle: CycleRef, method: str, datatable: list[list[str]]
) -> None:
    # A blank Step or Called cell carries on the row above: one more thing the step asks.
    page = browser.visit(cycle.url)
    assert _following(page) == method, page.text
    asked: dict[str, tuple[str, list[str]]] = {}
    step = called = ""
    for row in with_headings(datatable):
        step, called = row["Step"] or step, row["Called"] or called
        asked.setdefault(step, (called, []))[1].append(row["Asks"])
    assert list(asked) == list(PARTS), f"name the steps in order: {list(PARTS)}"
    for step, (called, prompts) in asked.items():
        shown = page.by_id[PARTS[step]]
        assert words(f"{called} — {method} {' '.join(prompts)}") in shown, shown


@then(parsers.parse('the cycle offers no place to answer "{step}" yet, and says "{message}"'))
def no_place_to_answer(browser: Browser, cycle: CycleRef, step: str, message: str) -> None:
    page = browser.visit(cycle.url)
    part = _part(page, step)
    offered = [button for button in ANSWERS[part] if page.has_form(button)]
    assert not offered, offered
    assert not any(link.text.startswith("Adapt") for link in page.links), page.links
    assert words(message) in page.by_id[part], page.by_id[part]


@then(parsers.parse('the cycle asks "{later}" only after "{earlier}"'))
def asks_in_order(browser: Browser, cycle: CycleRef, later: str, earlier: str) -> None:
    page = browser.visit(cycle.url)
    order = list(PARTS.values())
    assert order.index(_part(page, earlier)) < order.index(_part(page, later))


# Deciding, in the method's words


@given(
    parsers.re(
        ACTOR + r' has answered "(?P<step>[^"]+)" by deciding to (?P<decision>adopt|abandon) '
        r'the change, because "(?P<why>[^"]+)"$'
    )
)
@when(
    parsers.re(
        ACTOR + r' answers "(?P<step>[^"]+)" by deciding to (?P<decision>adopt|abandon) '
        r'the change, because "(?P<why>[^"]+)"$'
    )
)
def answers_by_deciding(
    browser: Browser, cycle: CycleRef, actor: str, step: str, decision: str, why: str
) -> None:
    browser.become(actor)
    assert _part(browser.visit(cycle.url), step) == "decision"
    sent = usage.decide(browser, cycle, actor, decision, why)
    assert sent.status == 303, sent.page.text
    assert sent.written == 1


@when(
    parsers.re(
        ACTOR + r' answers "(?P<step>[^"]+)" anyway, sending a decision to '
        r'(?P<decision>adopt|abandon) the change, because "(?P<why>[^"]+)"$'
    ),
    target_fixture="submission",
)
def answers_anyway(
    browser: Browser, cycle: CycleRef, actor: str, step: str, decision: str, why: str
) -> Submission:
    assert _part(browser.visit(cycle.url), step) == "decision"
    return usage.decide_anyway(browser, cycle, actor, decision, why)


@then(
    parsers.re(
        r'the cycle shows, under "(?P<step>[^"]+)", that ' + ACTOR + r" decided to "
        r'(?P<decision>\w+) because "(?P<why>[^"]+)"$'
    )
)
def decision_shown(
    browser: Browser, cycle: CycleRef, step: str, actor: str, decision: str, why: str
) -> None:
    page = browser.visit(cycle.url)
    part = _part(page, step)
    assert part == "decision", part
    shown = page.by_id[part]
    assert f"Decided to {decision} by {actor}," in shown, shown
    assert words(why) in shown, shown


@then(parsers.parse('the cycle still waits for an answer to "{step}"'))
def still_waits(browser: Browser, cycle: CycleRef, step: str) -> None:
    page = browser.visit(cycle.url)
    assert "Decided to" not in page.by_id[_part(page, step)]


# Adapting: the next cycle of the ramp, following the same method


def _adapt(
    browser: Browser,
    cycle: CycleRef,
    actor: str,
    step: str,
    datatable: list[list[str]],
    phrase: str = "",
) -> Submission:
    browser.become(actor)
    assert _part(browser.visit(cycle.url), step) == "decision"
    return usage.adapt(
        browser, cycle, actor, two_columns(datatable), cited(phrase) if phrase else []
    )


@when(
    parsers.re(
        ACTOR + r' answers "(?P<step>[^"]+)" by adapting cycle (?P<number>\d+) into cycle '
        r"(?P<following>\d+), in the light of (?P<phrase>.+):$"
    ),
    converters={"number": int, "following": int},
    target_fixture="cycle",
)
def answers_by_adapting(
    browser: Browser,
    cycles: dict[int, CycleRef],
    actor: str,
    step: str,
    number: int,
    following: int,
    phrase: str,
    datatable: list[list[str]],
) -> CycleRef:
    sent = _adapt(browser, cycles[number], actor, step, datatable, phrase)
    return usage.adapted(sent, two_columns(datatable), following, cycles)


@when(
    parsers.re(
        ACTOR + r' tries to answer "(?P<step>[^"]+)" by adapting cycle (?P<number>\d+) '
        r"without ticking any learning:$"
    ),
    converters={"number": int},
    target_fixture="submission",
)
def answers_by_adapting_citing_nothing(
    browser: Browser,
    cycles: dict[int, CycleRef],
    actor: str,
    step: str,
    number: int,
    datatable: list[list[str]],
) -> Submission:
    return _adapt(browser, cycles[number], actor, step, datatable)


@then(
    parsers.re(
        r"cycle (?P<number>\d+) follows (?P<method>.+?) too, back at "
        r'"(?P<step>[^"]+)", and links back to cycle (?P<previous>\d+)$'
    ),
    converters={"number": int, "previous": int},
)
def next_cycle_follows(
    browser: Browser,
    cycles: dict[int, CycleRef],
    number: int,
    method: str,
    step: str,
    previous: int,
) -> None:
    page = browser.visit(cycles[number].url)
    assert _following(page) == method, page.text
    assert _part(page, step) == "plan"
    assert "Phase: plan" in page.text, page.text
    assert page.link(f"← Cycle {previous}").href == cycles[previous].url


# The Methods guide


@then(parsers.parse('the Methods guide shows "{title}" with the scenario "{scenario}"'))
def guide_shows(browser: Browser, title: str, scenario: str) -> None:
    browser.visit("/")
    browser.follow("Methods")
    page = browser.follow(title)
    assert page.headings[0] == title, page.headings
    assert f"Scenario: {scenario}" in page.headings, page.headings
