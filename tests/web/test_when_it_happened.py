"""Each form that records something asks "When did this happen?": optional, never later
than today; the journal and the timeline show it beside when it was recorded."""

import re
from datetime import date, timedelta
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.clock import today
from domain.when import Happened
from tests.builders import plan
from tests.web.conftest import HX, Made, events_in, services_of
from tests.web.opening import start


def tomorrow() -> str:
    """Tomorrow where the users are, worked out when a test runs (not when the module is
    read: a run that crosses midnight would send today)."""
    return (today() + timedelta(days=1)).isoformat()


REFUSED = "That is in the future: say when it happened, today or before."
BEFORE_OPENING = "This cycle was opened on 1 November 2025: say when it happened, on that day or"
NOVEMBER_1 = Happened(date(2025, 11, 1))


@pytest.fixture
def made(app: Flask, ann: UUID) -> Made:
    """As tests/web/conftest.py's, but the cycle was opened on 1 November 2025: nothing in a
    cycle can be dated before it was opened, and these tests date things in November."""
    s = services_of(app)
    group = s.app.form_group("Ward 7", "80% of discharges before noon", str(ann))
    ask = plan("Criteria-led discharge", "Bay B", [("Home by 11?", "One of two")])
    cycle = s.app.open_cycle(group.id, ask, str(ann), happened=NOVEMBER_1)
    s.app.record_observation(cycle.id, "Pharmacy held one patient", "Bob")
    s.caught_up(
        s.app.record_reflection(cycle.id, "Order drugs the day before", "Bob").notification_id
    )
    return Made(group.id, cycle.id)


@pytest.fixture
def acting(app: Flask, ann: UUID) -> Made:
    """A group with a cycle opened on 1 November 2025, in its act phase."""
    s = services_of(app)
    group = s.app.form_group("Ward 9", "Fewer falls at night", str(ann))
    ask = plan("Night-time rounding", questions=[("Fewer falls?", "Half as many")])
    cycle = s.app.open_cycle(group.id, ask, str(ann), happened=NOVEMBER_1)
    s.caught_up(s.app.record_observation(cycle.id, "Two rounds missed", "Bob").notification_id)
    return Made(group.id, cycle.id)


@pytest.mark.parametrize(
    ("path", "prefix", "data"),
    [
        (
            "comparisons",
            "compare_form",
            {
                "compare_form-question": "Home by 11?",
                "compare_form-outcome": "confirmed",
                "compare_form-text": "Both home",
            },
        ),
        ("reflections", "reflection_form", {"reflection_form-text": "Learned then"}),
        ("mistakes", "mistake_form", {"mistake_form-text": "Forgot nights"}),
    ],
    ids=["compare", "learn", "mistake"],
)
@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
def test_an_entry_dated_earlier_shows_when_it_happened_and_when_recorded(
    client: FlaskClient, made: Made, path: str, prefix: str, data: dict[str, str], htmx: bool
) -> None:
    dated = {**data, f"{prefix}-happened_on": "2025-11-04", f"{prefix}-happened_time": "09:30"}
    posted = client.post(f"/cycles/{made.cycle_id}/{path}", data=dated, headers=HX if htmx else {})
    if htmx:
        assert posted.status_code == 200
        body = posted.text
    else:
        assert posted.status_code == 303
        body = client.get(posted.headers["Location"]).text
    assert "happened on 4 November 2025 at 9:30am, recorded on " in body


def test_something_done_or_seen_earlier_is_dated_too(client: FlaskClient, acting: Made) -> None:
    posted = client.post(
        f"/cycles/{acting.cycle_id}/entries",
        data={
            "act_form-kind": "observation",
            "act_form-text": "Seen on the night",
            "act_form-happened_on": "2025-11-04",
        },
        headers=HX,
    )
    assert posted.status_code == 200
    assert "happened on 4 November 2025, recorded on " in posted.text


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
def test_an_entry_dated_tomorrow_is_refused_beside_the_date_keeping_the_text(
    client: FlaskClient, app: Flask, made: Made, htmx: bool
) -> None:
    before = events_in(app)
    posted = client.post(
        f"/cycles/{made.cycle_id}/reflections",
        data={"reflection_form-text": "Learned later", "reflection_form-happened_on": tomorrow()},
        headers=HX if htmx else {},
    )
    assert posted.status_code == 422
    assert events_in(app) == before
    assert REFUSED in posted.text
    assert 'id="reflection_form-happened_on-error"' in posted.text
    assert "Learned later</textarea>" in posted.text


def test_a_time_without_a_date_is_refused(client: FlaskClient, made: Made) -> None:
    posted = client.post(
        f"/cycles/{made.cycle_id}/mistakes",
        data={"mistake_form-text": "Oops", "mistake_form-happened_time": "09:30"},
    )
    assert posted.status_code == 422
    assert "Give the date as well as the time." in posted.text


def test_each_date_input_stops_at_today_and_names_what_happened(
    client: FlaskClient, made: Made
) -> None:
    page = client.get(f"/cycles/{made.cycle_id}").text
    inputs = re.findall(r'<input[^>]*name="(\w+)-happened_on"[^>]*>', page)
    assert set(inputs) >= {"compare_form", "reflection_form", "mistake_form", "decision_form"}
    assert f'max="{today().isoformat()}"' in page
    labels = re.findall(r'<label for="\w+-happened_on">([^<]*)</label>', page)
    assert len(labels) == len(set(labels))
    assert "When was it learned? (optional)" in labels


def test_an_entry_without_a_date_says_only_when_it_was_recorded(
    client: FlaskClient, made: Made
) -> None:
    body = client.post(
        f"/cycles/{made.cycle_id}/reflections",
        data={"reflection_form-text": "Learned now"},
        headers=HX,
    ).text
    assert "happened on" not in body


def test_a_decision_dated_earlier_shows_when_it_was_made(client: FlaskClient, made: Made) -> None:
    decided = client.post(
        f"/cycles/{made.cycle_id}/decision",
        data={
            "decision_form-decision": "adopt",
            "decision_form-reason": "It works",
            "decision_form-happened_on": "2025-11-05",
        },
    )
    assert decided.status_code == 303
    page = client.get(f"/cycles/{made.cycle_id}").text
    assert "happened on 5 November 2025, recorded on " in page


@pytest.mark.parametrize(
    ("on", "refusal"),
    [("tomorrow", REFUSED), ("2025-10-31", BEFORE_OPENING)],
    ids=["tomorrow", "before-the-cycle"],
)
def test_a_decision_dated_tomorrow_or_before_its_cycle_is_refused_and_it_stays_open(
    app: Flask, client: FlaskClient, made: Made, on: str, refusal: str
) -> None:
    before = events_in(app)
    refused = client.post(
        f"/cycles/{made.cycle_id}/decision",
        data={
            "decision_form-decision": "adopt",
            "decision_form-reason": "It works",
            "decision_form-happened_on": tomorrow() if on == "tomorrow" else on,
        },
    )
    assert refused.status_code == 422
    assert refusal in refused.text
    assert events_in(app) == before
    assert "Decided to adopt" not in client.get(f"/cycles/{made.cycle_id}").text


def test_a_cycle_opened_in_the_past_says_so_and_the_timeline_puts_it_first(
    client: FlaskClient, made: Made
) -> None:
    opened = client.post(
        f"/groups/{made.group_id}/cycles",
        data={
            "objective": "Sticker trial",
            "questions-0-question": "Q",
            "questions-0-prediction": "P",
            "happened_on": "2025-10-01",
        },
    )
    assert opened.status_code == 303
    page = client.get(opened.headers["Location"]).text
    assert "happened on 1 October 2025, recorded on " in page
    timeline = client.get(f"/groups/{made.group_id}/timeline").text
    events = re.findall(r'<li class="event[^"]*">(.*?)</li>', timeline, re.S)
    assert "opened cycle 2" in events[-1]
    assert "happened on 1 October 2025" in events[-1]


def test_a_cycle_opened_tomorrow_is_refused_beside_the_date(
    client: FlaskClient, made: Made
) -> None:
    refused = client.post(
        f"/groups/{made.group_id}/cycles",
        data={
            "objective": "Sticker trial",
            "questions-0-question": "Q",
            "questions-0-prediction": "P",
            "happened_on": tomorrow(),
        },
    )
    assert refused.status_code == 422
    assert REFUSED in refused.text
    assert "/when?change=1#happened_on" in refused.text  # the summary links to its question


def test_a_cycle_opened_tomorrow_is_refused_on_its_question_page_beside_the_date(
    client: FlaskClient, made: Made
) -> None:
    at = start(client, made.group_id).replace("/objective", "/when")
    refused = client.post(at, data={"happened_on": tomorrow()})
    assert refused.status_code == 422
    assert REFUSED in refused.text
    assert 'id="happened_on-error"' in refused.text


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
def test_a_story_of_change_told_earlier_says_when_it_was_told(
    app: Flask, client: FlaskClient, ann: UUID, htmx: bool
) -> None:
    s = services_of(app)
    group = s.app.form_group("Adult social care", "Stories of change", str(ann)).id
    panel = s.app.open_cycle(group, plan(), str(ann), "most_significant_change", NOVEMBER_1).id
    s.caught_up(events_in(app))
    posted = client.post(
        f"/cycles/{panel}/stories",
        data={
            "story_form-from_group": str(group),
            "story_form-title": "Home for tea",
            "story_form-teller": "Mrs P",
            "story_form-text": "Dad came home",
            "story_form-why": "Dignity",
            "story_form-happened_on": "2025-11-02",
        },
        headers=HX if htmx else {},
    )
    body = posted.text if htmx else client.get(posted.headers["Location"]).text
    assert posted.status_code == (200 if htmx else 303)
    assert "happened on 2 November 2025, recorded on " in body


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
def test_an_entry_dated_before_its_cycle_was_opened_is_refused_beside_the_date(
    app: Flask, client: FlaskClient, acting: Made, htmx: bool
) -> None:
    before = events_in(app)
    refused = client.post(
        f"/cycles/{acting.cycle_id}/entries",
        data={
            "act_form-kind": "observation",
            "act_form-text": "Seen the week before",
            "act_form-happened_on": "2025-10-27",
        },
        headers=HX if htmx else {},
    )
    assert refused.status_code == 422
    errors = re.search(r'id="act_form-happened_on-error"[^>]*>(.*?)</p>', refused.text, re.S)
    assert errors is not None, refused.text
    assert BEFORE_OPENING in errors.group(1)
    assert "Seen the week before" in refused.text  # what was typed is kept
    assert events_in(app) == before
