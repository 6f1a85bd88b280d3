"""Steps and fixtures every feature about groups, cycles and their entries can use."""

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pytest_bdd import given, parsers, then, when

from tests.functional.pages import Browser, Form, Submission, words
from tests.functional.pilot import ACTOR, FIELDS, CycleRef, GroupRef, two_columns


@pytest.fixture
def browser(app: Flask, client: FlaskClient) -> Browser:
    """Someone at a browser, recording as the client's preset actor until told otherwise."""
    return Browser(client, app)


# Groups


@given(
    parsers.parse('{actor} has formed the pilot group "{name}" with the aim "{aim}"'),
    target_fixture="group",
)
def formed_group(browser: Browser, actor: str, name: str, aim: str) -> GroupRef:
    browser.become(actor)
    browser.visit("/")
    form = browser.form("Form group")
    form.fill("name", name)
    form.fill("aim", aim)
    sent = browser.submit(form)
    assert sent.status == 303, sent.page.text
    assert sent.page.headings[0] == name
    return GroupRef(sent.page.url)


@then(parsers.re(r"the group still has (?P<count>\d+) cycles?"), converters={"count": int})
def group_has_cycles(browser: Browser, group: GroupRef, count: int) -> None:
    page = browser.visit(group.url)
    cycles = [link.text for link in page.links if link.text.startswith("Cycle ")]
    assert len(cycles) == count, cycles


# Cycles


def _open_cycle(browser: Browser, group: GroupRef, actor: str, plan: dict[str, str]) -> Submission:
    browser.become(actor)
    browser.visit(group.url)
    browser.follow("Open ")
    form = browser.form("Open cycle")
    _fill(form, plan)
    return browser.submit(form)


def _fill(form: Form, values: dict[str, str]) -> None:
    for name, value in values.items():
        form.fill(FIELDS[name], value)


@given(parsers.parse("{actor} has opened a cycle with this plan:"), target_fixture="cycle")
def opened_cycle(
    browser: Browser, group: GroupRef, actor: str, datatable: list[list[str]]
) -> CycleRef:
    plan = two_columns(datatable)
    sent = _open_cycle(browser, group, actor, plan)
    assert sent.status == 303, sent.page.text
    assert sent.written > 0
    assert plan["Objective"] in sent.page.headings[0]
    return CycleRef(sent.page.url, plan)


@when(
    parsers.parse("{actor} tries to open another cycle with this plan:"),
    target_fixture="submission",
)
def try_to_open_cycle(
    browser: Browser, group: GroupRef, actor: str, datatable: list[list[str]]
) -> Submission:
    return _open_cycle(browser, group, actor, two_columns(datatable))


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
    return _open_cycle(browser, group, actor, {**cycle.plan, "Objective": objective})


# Observations and reflections


@given(
    parsers.re(ACTOR + r' has recorded the (?P<kind>observation|reflection) "(?P<text>[^"]+)"'),
)
def recorded_entry(browser: Browser, cycle: CycleRef, actor: str, kind: str, text: str) -> None:
    browser.become(actor)
    browser.visit(cycle.url)
    form = browser.form(f"Record {kind}")
    form.fill(f"{kind}_form-text", text)
    sent = browser.submit(form)
    assert sent.status == 303, sent.page.text
    assert sent.written == 1
    assert f"{text} {actor}" in sent.page.text


@given("nothing has been observed in the cycle yet")
def nothing_observed(browser: Browser, cycle: CycleRef) -> None:
    page = browser.visit(cycle.url)
    assert "Nothing observed yet." in page.text


@then(parsers.parse('the cycle offers no place to record a reflection, and says "{message}"'))
def no_place_to_reflect(browser: Browser, cycle: CycleRef, message: str) -> None:
    page = browser.visit(cycle.url)
    assert page.has_form("Record observation")
    assert not page.has_form("Record reflection")
    assert words(message) in page.text


@when(
    parsers.re(ACTOR + r' sends the reflection "(?P<text>[^"]+)" anyway'),
    target_fixture="submission",
)
def send_reflection_anyway(browser: Browser, cycle: CycleRef, actor: str, text: str) -> Submission:
    # The page offers no form for it, so send what that form would have sent.
    browser.become(actor)
    return browser.send(f"{cycle.url}/reflections", {"reflection_form-text": text})


# Refusals


@then(parsers.parse('it is refused with the message "{message}"'))
def refused_with_message(submission: Submission, message: str) -> None:
    assert submission.status == 422, submission.status
    assert words(message) in submission.page.text, submission.page.text


@then(parsers.parse('it is refused with "{message}" next to the {field}'))
def refused_next_to_field(submission: Submission, message: str, field: str) -> None:
    assert submission.status == 422, submission.status
    assert words(message) in submission.page.messages_next_to(field), submission.page.text


@then("nothing is recorded")
def nothing_recorded(submission: Submission) -> None:
    assert submission.written == 0
