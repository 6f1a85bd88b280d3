"""Every form carries a submission key: sent again, it records nothing and answers the same;
a command once recorded is never answered with an error page."""

import re
import sqlite3
import threading
from typing import Any
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.conftest import sign_in
from tests.web.conftest import HX, Made, events_in, services_of
from web.pages import cycle as cycle_pages

KEY = "k" * 24
OBSERVATION = {"act_form-kind": "observation", "act_form-text": "Bay B waited for porters"}


def test_every_form_on_the_cycle_page_carries_its_own_submission_key(
    client: FlaskClient, made: Made
) -> None:
    page = client.get(f"/cycles/{made.cycle_id}").text
    posting = page.count('method="post"') - page.count("/signout")
    keys = re.findall(r'name="submission" value="([^"]+)"', page)
    assert len(keys) == posting > 3
    assert len(set(keys)) == len(keys)


def test_a_post_sent_again_records_nothing_and_answers_as_the_first(
    client: FlaskClient, app: Flask, acting: Made
) -> None:
    url = f"/cycles/{acting.cycle_id}/entries"
    first = client.post(url, data={**OBSERVATION, "submission": KEY})
    before = events_in(app)
    again = client.post(url, data={**OBSERVATION, "submission": KEY})
    assert (again.status_code, again.headers["Location"]) == (303, first.headers["Location"])
    assert events_in(app) == before
    assert client.get(first.headers["Location"]).text.count("Bay B waited for porters") == 1


def test_a_form_left_on_the_page_and_sent_with_other_text_is_a_new_submission(
    client: FlaskClient, app: Flask, acting: Made
) -> None:
    url = f"/cycles/{acting.cycle_id}/entries"
    client.post(url, data={**OBSERVATION, "submission": KEY})
    client.post(url, data={**OBSERVATION, "act_form-text": "Pharmacy late", "submission": KEY})
    page = client.get(f"/cycles/{acting.cycle_id}").text
    assert "Bay B waited for porters" in page
    assert "Pharmacy late" in page


def test_a_new_cycle_sent_twice_opens_one_cycle_and_goes_to_it_both_times(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    data = {
        "objective": "Second round",
        "questions-0-question": "Home by 11?",
        "questions-0-prediction": "Yes",
        "submission": KEY,
    }
    first = client.post(f"/groups/{made.group_id}/cycles", data=data)
    before = events_in(app)
    again = client.post(f"/groups/{made.group_id}/cycles", data=data)
    assert again.headers["Location"] == first.headers["Location"]
    assert events_in(app) == before


def test_a_revision_sent_again_is_not_refused_as_stale(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    data = _revision(app, made)
    first = client.post(f"/cycles/{made.cycle_id}/revisions", data=data)
    before = events_in(app)
    again = client.post(f"/cycles/{made.cycle_id}/revisions", data=data)
    assert (first.status_code, again.status_code) == (303, 303)
    assert events_in(app) == before


def test_a_revision_sent_to_two_processes_at_once_is_answered_as_recorded_by_both(
    client: FlaskClient, app: Flask, made: Made, ann: UUID, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The twin (a retry a load balancer sent to another process) is recorded after this
    # one found no record of the key, and before it loaded the cycle: this one then sees
    # its own revision as someone else's and would refuse it as made on a stale basis.
    data = _revision(app, made)
    url = f"/cycles/{made.cycle_id}/revisions"
    twin = sign_in(app.test_client(), ann)
    application = services_of(app).app
    revise = application.revise_plan
    answers: list[TestResponse] = []

    def after_the_twin(*args: Any) -> Any:
        if not twin_sent.is_set():
            twin_sent.set()
            sent = threading.Thread(target=lambda: answers.append(twin.post(url, data=data)))
            sent.start()
            sent.join()
        return revise(*args)

    twin_sent = threading.Event()
    monkeypatch.setattr(application, "revise_plan", after_the_twin)
    first = client.post(url, data=data)
    assert (first.status_code, answers[0].status_code) == (303, 303)
    assert first.headers["Location"] == answers[0].headers["Location"]
    assert application.repository.get(made.cycle_id).plan_version == 2


def _revision(app: Flask, made: Made) -> dict[str, Any]:
    """A revision of the plan's first version, citing the reflection, with a key."""
    return {
        "objective": "Drugs ordered early",
        "questions-0-question": "Home by 11?",
        "questions-0-prediction": "One of two",
        "based_on": "1",
        "change": "Order TTOs the day before",
        "cites": [str(made.entry_ids(app)[1])],
        "submission": KEY,
    }


def test_a_damaged_submission_key_is_refused_and_records_nothing(
    client: FlaskClient, app: Flask, acting: Made
) -> None:
    before = events_in(app)
    posted = client.post(
        f"/cycles/{acting.cycle_id}/entries", data={**OBSERVATION, "submission": "<script>"}
    )
    assert posted.status_code == 422
    assert "damaged on its way here" in posted.text
    assert "<script>" not in posted.text
    assert events_in(app) == before


@pytest.fixture
def lagging(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    """The read model cannot catch up (its database is busy) after a command is recorded."""

    def busy(*args: object, **kwargs: object) -> None:
        raise TimeoutError("the read model is locked")

    monkeypatch.setattr(services_of(app).runner, "catch_up", busy)


def test_a_recorded_command_whose_read_model_lags_is_answered_as_saved(
    client: FlaskClient, app: Flask, acting: Made, lagging: None
) -> None:
    before = events_in(app)
    posted = client.post(f"/cycles/{acting.cycle_id}/entries", data=OBSERVATION)
    assert posted.status_code == 303
    assert events_in(app) == before + 1
    page = client.get(posted.headers["Location"])
    assert page.status_code == 200
    assert "still catching up" in page.text
    assert "still catching up" not in client.get(posted.headers["Location"]).text


def test_with_htmx_a_lagging_read_model_is_said_beside_the_swapped_fragment(
    client: FlaskClient, app: Flask, acting: Made, lagging: None
) -> None:
    posted = client.post(f"/cycles/{acting.cycle_id}/entries", data=OBSERVATION, headers=HX)
    assert posted.status_code == 200
    assert 'id="updating" role="status" hx-swap-oob="true"' in posted.text
    assert "still catching up" in posted.text


def test_an_invitation_sent_again_makes_no_second_and_says_its_link_was_shown_once(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    data = {"invite_form-email": "bea@example.org", "invite_form-role": "member"}
    url = f"/groups/{made.group_id}/invitations"
    first = client.post(url, data={**data, "submission": KEY}, headers=HX)
    assert "/invitations/" in first.text
    before = events_in(app)
    again = client.post(url, data={**data, "submission": KEY}, headers=HX)
    assert again.status_code == 200
    assert events_in(app) == before
    assert "/invitations/" not in again.text
    assert "its link was shown then; it cannot be shown again" in again.text


def test_a_recorded_post_whose_page_cannot_be_read_is_sent_to_it_not_given_an_error(
    client: FlaskClient, app: Flask, acting: Made, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The command is recorded; then reading the page it lands on fails as a connection
    # that died in an outage just over does (the next request opens a fresh one).
    real = cycle_pages.cycle_view
    failures: list[str] = []

    def dying(*args: Any, **kwargs: Any) -> Any:
        if not failures:
            failures.append("once")
            raise sqlite3.OperationalError("disk I/O error")
        return real(*args, **kwargs)

    monkeypatch.setattr(cycle_pages, "cycle_view", dying)
    before = events_in(app)
    answer = client.post(
        f"/cycles/{acting.cycle_id}/entries", data={**OBSERVATION, "submission": KEY}, headers=HX
    )
    assert answer.status_code == 200
    assert answer.headers["HX-Location"].startswith(f"/cycles/{acting.cycle_id}")
    assert events_in(app) == before + 2  # the entry, and the receipt of its submission
    page = client.get(f"/cycles/{acting.cycle_id}").text
    assert page.count("Bay B waited for porters") == 1
