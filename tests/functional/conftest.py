"""Steps and fixtures every feature about groups, cycles and their entries can use."""

import re
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pytest_bdd import given, parsers, then, when

from tests.conftest import PASSWORD
from tests.functional import usage
from tests.functional.pages import Browser, Credentials, Page, Submission
from tests.functional.parts import words
from tests.functional.pilot import (
    ACTOR,
    ENTRY_LABELS,
    KIND,
    CycleRef,
    GroupRef,
    cited,
    two_columns,
)


@pytest.fixture
def browser(app: Flask, client: FlaskClient, ann: UUID) -> Browser:
    """Someone at a browser, signed in as Ann Facilitator (the client's) to begin with."""
    account = app.extensions["learnloop"].app.account(ann)
    assert account is not None
    found = Browser(client, app)
    found.accounts[str(account["name"])] = Credentials(str(account["email"]), PASSWORD)
    return found


@pytest.fixture
def cycles() -> dict[int, CycleRef]:
    """The cycles a scenario opened, by number; steps that open one add it here."""
    return {}


# Groups


@given(
    parsers.parse('{actor} has formed the pilot group "{name}" with the aim "{aim}"'),
    target_fixture="group",
)
def formed_group(browser: Browser, actor: str, name: str, aim: str) -> GroupRef:
    return usage.form_group(browser, actor, name, aim)


@given(parsers.re(ACTOR + r" is (?:a|an) (?P<role>facilitator|member|sponsor) of the group$"))
def member_of_group(browser: Browser, group: GroupRef, actor: str, role: str) -> None:
    usage.join(browser, group, actor, role)


@then(parsers.re(r"the group still has (?P<count>\d+) cycles?"), converters={"count": int})
def group_has_cycles(browser: Browser, group: GroupRef, count: int) -> None:
    page = browser.visit(group.url)
    listed = [link.text for link in page.links if link.text.startswith("Cycle ")]
    assert len(listed) == count, listed


# Cycles


@given(parsers.parse("{actor} has opened a cycle with this plan:"), target_fixture="cycle")
def opened_cycle(
    browser: Browser,
    group: GroupRef,
    cycles: dict[int, CycleRef],
    actor: str,
    datatable: list[list[str]],
) -> CycleRef:
    plan = two_columns(datatable)
    cycle = usage.opened(usage.open_cycle(browser, group, actor, plan), plan)
    cycles[cycle.number] = cycle
    return cycle


@when(
    parsers.parse("{actor} tries to open another cycle with this plan:"),
    target_fixture="submission",
)
def try_to_open_cycle(
    browser: Browser, group: GroupRef, actor: str, datatable: list[list[str]]
) -> Submission:
    return usage.open_cycle(browser, group, actor, two_columns(datatable))


@when(
    parsers.parse(
        "{actor} tries to open another cycle with an objective {length:d} characters long"
    ),
    target_fixture="submission",
)
def try_to_open_cycle_with_long_objective(
    browser: Browser, group: GroupRef, cycle: CycleRef, actor: str, length: int
) -> Submission:
    sentence = "Get patients home before noon with criteria-led discharge on every ward. "
    objective = (sentence * (length // len(sentence) + 1))[:length]
    objective = objective[:-1] + "." if objective.endswith(" ") else objective
    assert len(objective) == length
    return usage.open_cycle(browser, group, actor, {**cycle.plan, "Objective": objective})


# Acting and reflecting


@given(parsers.re(ACTOR + r" has recorded the " + KIND + r' "(?P<text>[^"]+)"$'))
@when(parsers.re(ACTOR + r" records the " + KIND + r' "(?P<text>[^"]+)"$'))
def recorded_entry(browser: Browser, cycle: CycleRef, actor: str, kind: str, text: str) -> None:
    sent = usage.record(browser, cycle, actor, kind, text)
    assert sent.status == 303, sent.page.text
    assert sent.written == 1
    shown = sent.page.by_id[sent.page.region("entry-", text)]
    assert shown.startswith(ENTRY_LABELS[kind]), shown
    assert words(f"{text} {actor}") in shown, shown


@when(
    parsers.re(
        ACTOR + r" compares what happened with the prediction: "
        r'(?P<outcome>confirmed|partly confirmed|not confirmed), "(?P<text>[^"]+)"$'
    )
)
def compared(browser: Browser, cycle: CycleRef, actor: str, outcome: str, text: str) -> None:
    sent = usage.compare(browser, cycle, actor, outcome, text)
    assert sent.status == 303, sent.page.text
    assert sent.written == 1
    assert words(f"{text} {actor}") in sent.page.text


@given("nothing has been observed in the cycle yet")
def nothing_observed(browser: Browser, cycle: CycleRef) -> None:
    page = browser.visit(cycle.url)
    assert "Nothing recorded yet." in page.text


@then(parsers.parse('the cycle offers no place to record a reflection, and says "{message}"'))
def no_place_to_reflect(browser: Browser, cycle: CycleRef, message: str) -> None:
    page = browser.visit(cycle.url)
    assert page.has_form("Record what happened")
    assert not page.has_form("Record learning")
    assert not page.has_form("Record comparison")
    assert words(message) in page.text


@when(
    parsers.re(ACTOR + r" sends the " + KIND + r' "(?P<text>[^"]+)" anyway$'),
    target_fixture="submission",
)
def send_entry_anyway(
    browser: Browser, cycle: CycleRef, actor: str, kind: str, text: str
) -> Submission:
    return usage.record_anyway(browser, cycle, actor, kind, text)


# The plan's history


def _history(browser: Browser, cycle: CycleRef, count: int) -> Page:
    browser.visit(cycle.url)
    page = browser.follow("Revision history")
    versions = [h for h in page.headings if re.match(r"Version \d+\b", h)]
    numbers = [int(h.split()[1]) for h in versions]
    assert numbers == list(range(1, count + 1)), versions
    assert f"{count} version{'' if count == 1 else 's'}" in page.text
    return page


@then(
    parsers.re(r"the plan's history shows (?P<count>\d+) versions?(?:, oldest first)?$"),
    converters={"count": int},
    target_fixture="history",
)
def history_shows(browser: Browser, cycle: CycleRef, count: int) -> Page:
    return _history(browser, cycle, count)


@then(
    parsers.re(r"cycle (?P<number>\d+)'s plan history shows (?P<count>\d+) versions?$"),
    converters={"number": int, "count": int},
    target_fixture="history",
)
def cycle_history_shows(
    browser: Browser, cycles: dict[int, CycleRef], number: int, count: int
) -> Page:
    return _history(browser, cycles[number], count)


@then(parsers.re(r"version (?P<number>\d+) was (?:revised|made) in the light of (?P<phrase>.+)$"))
def revised_in_light_of(history: Page, number: str, phrase: str) -> None:
    shown = usage.version(history, int(number))
    assert "In the light of: " in shown, shown
    learning = shown.split("In the light of: ", 1)[1]
    for piece in cited(phrase):
        assert piece.text, f"say the words of {piece.author}'s {piece.kind}"
        assert words(piece.label) in learning, learning


# Refusals


@then(parsers.parse('it is refused with the message "{message}"'))
def refused_with_message(submission: Submission, message: str) -> None:
    # 422: the input breaks a rule. 409: the cycle has moved on (closed, or changed first).
    assert submission.status in (409, 422), submission.status
    assert words(message) in submission.page.text, submission.page.text


@then(parsers.parse('it is refused with "{message}" next to the {field}'))
def refused_next_to_field(submission: Submission, message: str, field: str) -> None:
    assert submission.status == 422, submission.status
    assert words(message) in submission.page.messages_next_to(field), submission.page.text


@then(parsers.re(r"it is refused as forbidden to (?:a|an) (?P<role>facilitator|member|sponsor)$"))
def refused_as_forbidden(
    browser: Browser, group: GroupRef, submission: Submission, role: str
) -> None:
    # 403: the signed-in person may read the group, but their role may not do this.
    assert submission.status == 403, submission.status
    assert submission.page.headings[0] == "Forbidden", submission.page.text
    who = submission.page.signed_in_as
    assert who is not None, submission.page.text
    people = browser.visit(group.url).by_id["people"]
    assert f"{who} {role}" in people, people


@then("nothing is recorded")
def nothing_recorded(submission: Submission) -> None:
    assert submission.written == 0


# Ramps: cycles adapted or scaled up into the next, each step dated when it happened
# (the steps say "on 2016-12-01" when a ramp is entered after it was run).

ON = r"(?: on (?P<on>[\d-]+))?"


@given(
    parsers.re(ACTOR + r" has opened a cycle on (?P<on>[\d-]+) with this plan:"),
    target_fixture="cycle",
)
def opened_on(
    browser: Browser,
    group: GroupRef,
    cycles: dict[int, CycleRef],
    actor: str,
    on: str,
    datatable: list[list[str]],
) -> CycleRef:
    plan = two_columns(datatable)
    cycle = usage.opened(usage.open_cycle(browser, group, actor, plan, on=on), plan)
    cycles[cycle.number] = cycle
    return cycle


@when(
    parsers.re(
        ACTOR + r" records the " + KIND + r' "(?P<text>[^"]+)" as (?:seen|learned) on '
        r"(?P<on>[\d-]+)(?: at (?P<at>[\d:]+))?$"
    )
)
def recorded_on(
    browser: Browser, cycle: CycleRef, actor: str, kind: str, text: str, on: str, at: str | None
) -> None:
    sent = usage.record(browser, cycle, actor, kind, text, on, at or "")
    assert sent.status == 303, sent.page.text
    assert sent.written == 1


@then(parsers.parse('the plan shows "{question}" as exploratory'))
def plan_shows_exploratory(browser: Browser, cycle: CycleRef, question: str) -> None:
    plan = browser.visit(cycle.url).by_id["plan"]
    assert words(f"{question} — exploratory: we are finding out, no prediction") in plan, plan


@when(
    parsers.re(
        ACTOR + r' records what was found for "(?P<question>[^"]+)"' + ON + r': "(?P<text>[^"]+)"$'
    )
)
def found_out(
    browser: Browser, cycle: CycleRef, actor: str, question: str, on: str | None, text: str
) -> None:
    sent = usage.find_out(browser, cycle, actor, question, text, on or "")
    assert sent.status == 303, sent.page.text
    assert sent.written == 1


@then(
    parsers.re(
        r"cycle (?P<number>\d+) is open, adapted from cycle (?P<previous>\d+)"
        r"(?P<reason>, whose decision gives what changed as its reason)?$"
    ),
    converters={"number": int, "previous": int},
)
def open_adapted(
    browser: Browser, cycles: dict[int, CycleRef], number: int, previous: int, reason: str
) -> None:
    page = browser.visit(cycles[number].url)
    assert page.headings[0] == f"Cycle {number}: {words(cycles[number].plan['Objective'])}"
    assert "Phase: plan" in page.text, page.text
    assert page.link(f"← Cycle {previous}").href == cycles[previous].url
    before = browser.visit(cycles[previous].url)
    assert "Decided to adapt by " in before.by_id["decision"], before.by_id["decision"]
    if reason:  # said once when adapting: the decision's reason is the plan's change
        assert words(cycles[number].plan["What changed"]) in before.by_id["decision"]
    assert before.link(f"Go to cycle {number}").href == cycles[number].url


@when(
    parsers.re(
        ACTOR
        + r" (?P<how>adapts) cycle (?P<number>\d+) into cycle (?P<following>\d+)"
        + ON
        + r", "
        r"in the light of (?P<phrase>.+):"
    ),
    converters={"number": int, "following": int},
    target_fixture="cycle",
)
@when(
    parsers.re(
        ACTOR + r" adopts cycle (?P<number>\d+) and (?P<how>scales) it up into cycle "
        r"(?P<following>\d+)" + ON + r", in the light of (?P<phrase>.+):"
    ),
    converters={"number": int, "following": int},
    target_fixture="cycle",
)
def continued(
    browser: Browser,
    cycles: dict[int, CycleRef],
    actor: str,
    how: str,
    number: int,
    following: int,
    on: str | None,
    phrase: str,
    datatable: list[list[str]],
) -> CycleRef:
    changes = two_columns(datatable)
    move = usage.adapt if how == "adapts" else usage.scale_up
    sent = move(browser, cycles[number], actor, changes, cited(phrase), on or "")
    # The next cycle starts from this one's plan: only what the table names changes.
    return usage.adapted(sent, {**cycles[number].plan, **changes}, following, cycles)


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


@when(
    parsers.re(
        ACTOR + r" decides to adopt and implement the change" + ON + r', because "(?P<why>[^"]+)"'
    )
)
def implemented(browser: Browser, cycle: CycleRef, actor: str, on: str | None, why: str) -> None:
    sent = usage.decide(browser, cycle, actor, "adopt and implement", why, on or "")
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
