"""Steps for features/reading_the_record.feature: setup through the Application, reading
through the pages as a signed-in person would."""

import html
import re
from datetime import datetime
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pytest_bdd import given, parsers, scenarios, then, when

from tests.builders import plan
from tests.functional.pages import Browser
from web.moments import just_after
from web.services import Services

scenarios("reading_the_record.feature")


@pytest.fixture
def record() -> dict[str, UUID]:
    """What the steps set up and read, by name."""
    return {}


def _app(app: Flask) -> Services:
    found: Services = app.extensions["learnloop"]
    return found


@given(parsers.parse('Ann Facilitator runs the pilot group "{name}"'))
def ann_runs(app: Flask, ann: UUID, record: dict[str, UUID], name: str) -> None:
    record["group"] = _app(app).app.form_group(name, "Patients home before noon", str(ann)).id


@given(parsers.parse('Ann also runs the pilot group "{name}"'))
def ann_also_runs(app: Flask, ann: UUID, name: str) -> None:
    s = _app(app)
    s.caught_up(s.app.form_group(name, "Fewer falls", str(ann)).notification_id)


@given(parsers.parse('the group has a cycle where Ann observed "{text}"'))
def a_cycle(app: Flask, ann: UUID, record: dict[str, UUID], text: str) -> None:
    s = _app(app).app
    cycle = s.open_cycle(record["group"], plan("Criteria-led discharge"), str(ann)).id
    s.record_observation(cycle, text, str(ann))
    record["cycle"] = cycle


@given(parsers.parse("Ann recorded {count:d} more pieces of learning in the cycle"))
def learned_more(app: Flask, ann: UUID, record: dict[str, UUID], count: int) -> None:
    s = _app(app)
    for n in range(count):
        s.app.record_reflection(record["cycle"], f"Lesson {n + 1}: ask pharmacy early", str(ann))
    s.caught_up(s.app.recorder.max_notification_id() or 0)


@given(parsers.parse('Ann recorded the learning "{text}"'))
def learned(app: Flask, ann: UUID, record: dict[str, UUID], text: str) -> None:
    s = _app(app)
    s.caught_up(s.app.record_reflection(record["cycle"], text, str(ann)).notification_id)


@given(parsers.parse('Ann asks for help on the first group: "{text}"'))
def asks(app: Flask, ann: UUID, record: dict[str, UUID], text: str) -> None:
    s = _app(app)
    s.caught_up(s.app.ask_for_help(record["cycle"], text, str(ann)).notification_id)


@given(parsers.parse('Ann decided to {decision} the cycle, because "{reason}"'))
def decides(app: Flask, ann: UUID, record: dict[str, UUID], decision: str, reason: str) -> None:
    s = _app(app)
    s.caught_up(s.app.decide(record["cycle"], decision, reason, str(ann)).notification_id)


@given(parsers.parse("Ann asked for help {count:d} times in the cycle"))
def asked_often(app: Flask, ann: UUID, record: dict[str, UUID], count: int) -> None:
    s = _app(app)
    for n in range(count):
        s.app.ask_for_help(record["cycle"], f"Help {n + 1}: who signs the order?", str(ann))
    s.caught_up(s.app.recorder.max_notification_id() or 0)


@when("Ann reads the group's timeline", target_fixture="page")
def timeline(client: FlaskClient, record: dict[str, UUID]) -> str:
    return client.get(f"/groups/{record['group']}/timeline").text


@when(parsers.parse('Ann searches the learning library for "{words}"'), target_fixture="page")
def search(browser: Browser, words: str) -> str:
    # With the page's own form, sent as a browser without JavaScript sends it (a GET).
    browser.visit("/library")
    form = browser.form("Search")
    form.write("Search what was learned", words)
    return browser.submit(form).page.text


@when("Ann opens the learning library", target_fixture="page")
def library(browser: Browser) -> str:
    return browser.visit("/library").text


@when("Ann opens her dashboard", target_fixture="page")
def dashboard(browser: Browser) -> str:
    return browser.visit("/dashboard").text


@when(
    "Ann looks at the cycle as it was recorded the second after her learning",
    target_fixture="page",
)
def past(app: Flask, client: FlaskClient, record: dict[str, UUID]) -> str:
    learned_at: datetime = _app(app).app.repository.get(record["cycle"]).modified_on
    return client.get(f"/cycles/{record['cycle']}?as_of={just_after(learned_at)}").text


@when("Ann reads the cycle", target_fixture="page")
def cycle_page(client: FlaskClient, record: dict[str, UUID]) -> str:
    return client.get(f"/cycles/{record['cycle']}").text


@when(parsers.parse('Ann follows "{text}"'), target_fixture="page")
def follow(client: FlaskClient, page: str, text: str) -> str:
    found = re.search(r'<a href="([^"#]+)[^"]*"[^>]*>\s*' + re.escape(text), page)
    assert found, f"no link {text!r}"
    return client.get(html.unescape(found[1])).text


def _learned(page: str) -> list[str]:
    """The texts of the entries in the list of what was learned, in order."""
    listed = page.split('id="reflections"', 1)[1].split("</ol>", 1)[0]
    return re.findall(r'<p class="prose">([^<]*)</p>', listed)


def _help(page: str) -> list[str]:
    """The texts of the requests for help on a cycle's page, in the order shown."""
    listed = page.split('id="help"', 1)[1].split('class="help-list"', 1)[-1].split("</ul>", 1)
    return re.findall(r'<p class="prose">(Help [^<]*)</p>', listed[0])


@then(parsers.parse('it shows the newest {count:d} requests for help, and offers "{link}"'))
def newest_help(page: str, count: int, link: str) -> None:
    shown = _help(page)
    assert len(shown) == count, shown
    assert shown[0] == "Help 12: who signs the order?"
    assert link in page


@then(parsers.parse('it shows the {count:d} oldest requests for help, the last of them "{text}"'))
def oldest_help(page: str, count: int, text: str) -> None:
    shown = _help(page)
    assert len(shown) == count, shown
    assert shown[-1] == text
    assert "Earlier requests for help" not in page


@then(parsers.parse('it offers "{text}"'))
def offers(page: str, text: str) -> None:
    assert text in page


@then(parsers.parse('the page says "{text}"'))
def says(page: str, text: str) -> None:
    assert text in page


@then(parsers.parse('it shows the newest {count:d} pieces of learning, and offers "{link}"'))
def newest(page: str, count: int, link: str) -> None:
    shown = _learned(page)
    assert len(shown) == count, shown
    assert shown[-1] == "Lesson 35: ask pharmacy early"
    assert link in page


@then(parsers.parse('it shows the {count:d} oldest, the first of them "{text}"'))
def oldest(page: str, count: int, text: str) -> None:
    shown = _learned(page)
    assert len(shown) == count, shown
    assert shown[0] == text
    assert "Earlier entries" not in page


@then(parsers.parse('the first event reads "{words}"'))
def first_event(page: str, words: str) -> None:
    events = page.split('<li class="event')[1:]
    assert events, page
    assert words in events[0]


@then(parsers.parse('an earlier event reads "{words}"'))
def earlier_event(page: str, words: str) -> None:
    events = page.split('<li class="event')[1:]
    assert any(words in e for e in events[1:]), events


@then(parsers.parse('the library shows "{text}"'))
def shows(page: str, text: str) -> None:
    assert text in page


@then(parsers.parse('the library says nothing matches "{words}"'))
def nothing(page: str, words: str) -> None:
    assert f"Nothing learned matches “{words}”." in page


@then(parsers.parse('"{first}" is listed before "{second}"'))
def before(page: str, first: str, second: str) -> None:
    assert page.index(first) < page.index(second)


@then(parsers.parse('it shows {count:d} open request for help: "{words}"'))
def open_help(page: str, count: int, words: str) -> None:
    assert f"{count} open request for help: {words}" in page, page


@then(parsers.parse('it says the first group is at "{state}"'))
def group_state(page: str, state: str) -> None:
    assert f"Now {state} Last activity" in page, page


@then(parsers.parse('it links to "{words}"'))
def links_to(page: str, record: dict[str, UUID], words: str) -> None:
    events = page.split('<li class="event')[1:]
    assert f'<a href="/cycles/{record["cycle"]}">{html.escape(words)}</a>' in events[0]


@then("the page says it is a past view, as it was recorded by then")
def marked(page: str) -> None:
    assert "A past view: as it was recorded by then" in page
    assert "(what Learnloop knew at that moment)" in page


@then(parsers.parse('it shows "{text}"'))
def shows_then(page: str, text: str) -> None:
    assert text in page


@then("it offers no way to record anything")
def read_only(page: str) -> None:
    for button in ("Record what happened", "Record learning", "Ask for help", "Revise the plan"):
        assert button not in page
