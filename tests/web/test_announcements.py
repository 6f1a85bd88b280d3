"""What the page says once a post is recorded: a header for htmx's swaps, a flash across a
redirect; nothing for a refusal (the focus goes to what says why). And the whole page for
htmx restoring one from history."""

import json

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.web.conftest import HX, Made
from web import forms
from web.forms.fields import Worded

ANNOUNCE = "HX-Trigger-After-Settle"


def said(response: TestResponse) -> str:
    """The words htmx is told to say once the swap has settled."""
    header = response.headers.get(ANNOUNCE)
    assert header is not None, "no words for the live region"
    words: str = json.loads(header)["learnloop:announce"]
    return words


def test_an_observation_swapped_in_by_htmx_is_said_as_recorded(
    client: FlaskClient, acting: Made
) -> None:
    posted = client.post(
        f"/cycles/{acting.cycle_id}/entries",
        data={"act_form-kind": "observation", "act_form-text": "One round was late"},
        headers=HX,
    )
    assert posted.status_code == 200
    assert said(posted) == "Observation recorded"


def test_an_action_says_its_own_kind(client: FlaskClient, acting: Made) -> None:
    posted = client.post(
        f"/cycles/{acting.cycle_id}/entries",
        data={"act_form-kind": "action", "act_form-text": "Moved the checklist"},
        headers=HX,
    )
    assert said(posted) == "Action recorded"


def test_a_refused_post_says_nothing_aloud(client: FlaskClient, acting: Made) -> None:
    posted = client.post(
        f"/cycles/{acting.cycle_id}/entries",
        data={"act_form-kind": "observation", "act_form-text": ""},
        headers=HX,
    )
    assert posted.status_code == 422
    assert ANNOUNCE not in posted.headers


def test_add_another_says_which_row_it_added(client: FlaskClient, made: Made) -> None:
    posted = client.post(
        f"/groups/{made.group_id}/cycles",
        data={"objective": "O", "more": "questions"},
        headers=HX,
    )
    assert said(posted) == "Question 4 added"


def test_a_comment_on_the_plan_is_said_as_added(client: FlaskClient, made: Made) -> None:
    posted = client.post(
        f"/cycles/{made.cycle_id}/comments?on=plan",
        data={"cplan-text": "Which bay goes first?"},
        headers=HX,
    )
    assert posted.status_code == 200
    assert said(posted) == "Comment added"


def test_a_post_that_redirects_hands_its_words_to_the_page_it_leads_to(
    client: FlaskClient, made: Made
) -> None:
    posted = client.post(
        f"/cycles/{made.cycle_id}/decision",
        data={"decision_form-decision": "adopt", "decision_form-reason": "It worked"},
    )
    assert posted.status_code == 303
    assert ANNOUNCE not in posted.headers  # a redirect's headers do not reach htmx
    page = client.get(posted.headers["Location"]).text
    assert 'id="announcer" aria-live="polite"' in page
    assert 'data-announce="Decision recorded"' in page
    again = client.get(posted.headers["Location"]).text
    assert "data-announce" not in again  # said once


def test_htmx_restoring_a_page_from_history_gets_the_whole_page(
    client: FlaskClient, made: Made
) -> None:
    url = f"/cycles/{made.cycle_id}"
    fragment = client.get(url, headers=HX).text
    assert "<html" not in fragment  # the same address gives htmx's other requests a part
    restored = client.get(url, headers={**HX, "HX-History-Restore-Request": "true"})
    assert "<html" in restored.text
    assert 'id="journal"' in restored.text
    assert "HX-History-Restore-Request" in restored.headers["Vary"]


def test_every_worded_form_has_its_words() -> None:
    """A Worded form without words would fail after its command was recorded."""
    worded = [
        form
        for form in vars(forms).values()
        if isinstance(form, type) and issubclass(form, Worded) and form is not Worded
    ]
    assert len(worded) > 20
    assert [form.__name__ for form in worded if not getattr(form, "said", "")] == []
