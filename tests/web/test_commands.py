"""Posting forms: with htmx a fragment comes back, without it a redirect; the effect is visible."""

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import HX, Made, events_in


def plan(objective: str = "Criteria-led discharge") -> dict[str, str]:
    return {
        "objective": objective,
        "plan_text": "Bay B on Monday",
        "questions-0-question": "Will nurses discharge by 11?",
        "questions-0-prediction": "Yes, one of two",
    }


def test_forming_a_group_redirects_to_its_page_which_shows_it(client: FlaskClient) -> None:
    posted = client.post("/groups", data={"name": "Ward 7", "aim": "Home before noon"})
    assert posted.status_code == 303
    page = client.get(posted.headers["Location"])
    assert "Ward 7" in page.text
    assert "Home before noon" in page.text
    assert "No cycles yet" in page.text


def test_forming_a_group_with_htmx_redirects_htmx_to_its_page(client: FlaskClient) -> None:
    posted = client.post("/groups", data={"name": "Ward 7", "aim": "Aim"}, headers=HX)
    assert posted.status_code == 200
    assert posted.headers["HX-Location"].startswith("/groups/")


def test_opening_a_cycle_shows_its_plan_right_away(client: FlaskClient, made: Made) -> None:
    posted = client.post(f"/groups/{made.group_id}/cycles", data=plan("Second round"))
    assert posted.status_code == 303
    page = client.get(posted.headers["Location"])
    assert "Cycle 2: Second round" in page.text
    assert "Will nurses discharge by 11?" in page.text


def test_an_observation_posted_with_htmx_returns_the_journal_with_it(
    client: FlaskClient, acting: Made
) -> None:
    posted = client.post(
        f"/cycles/{acting.cycle_id}/entries",
        data={"act_form-kind": "observation", "act_form-text": "Porters were late"},
        headers=HX,
    )
    assert posted.status_code == 200
    assert posted.text.lstrip().startswith('<section id="journal"')
    assert "Porters were late" in posted.text


def test_an_observation_posted_without_javascript_redirects_back_to_the_cycle(
    client: FlaskClient, acting: Made
) -> None:
    posted = client.post(
        f"/cycles/{acting.cycle_id}/entries",
        data={"act_form-kind": "observation", "act_form-text": "Porters late"},
    )
    assert posted.status_code == 303
    assert posted.headers["Location"].endswith(f"/cycles/{acting.cycle_id}#journal")
    assert "Porters late" in client.get(posted.headers["Location"]).text


def test_a_reflection_appears_in_the_journal(client: FlaskClient, made: Made) -> None:
    posted = client.post(
        f"/cycles/{made.cycle_id}/reflections",
        data={"reflection_form-text": "Discharge checklists help"},
        headers=HX,
    )
    assert posted.status_code == 200
    assert "Discharge checklists help" in posted.text
    assert "Phase: reflect" in posted.text


def revision(app: Flask, made: Made) -> dict[str, object]:
    return {
        **plan("Criteria-led discharge with drugs ordered early"),
        "based_on": "1",
        "change": "Order TTOs the day before",
        "cites": [str(made.entry_ids(app)[1])],
    }


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_a_revision_returns_to_the_cycle_which_marks_the_new_version_once(
    client: FlaskClient, app: Flask, made: Made, htmx: bool
) -> None:
    url = f"/cycles/{made.cycle_id}"
    posted = client.post(f"{url}/revisions", data=revision(app, made), headers=HX if htmx else {})
    landing = posted.headers["HX-Location"] if htmx else posted.headers["Location"]
    assert (posted.status_code, landing) == ((200 if htmx else 303), url)
    cycle = client.get(landing).text
    assert "Version 2 — just saved" in cycle
    assert f'href="{url}/history#version-2"' in cycle
    assert "Version 2 — just saved" not in client.get(url).text  # said once, not on reload


def test_a_revision_shows_in_the_history_with_diff_author_and_cited_learning(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    reflection = made.entry_ids(app)[1]
    before = events_in(app)
    posted = client.post(f"/cycles/{made.cycle_id}/revisions", data=revision(app, made))
    assert posted.status_code == 303
    history = client.get(f"/cycles/{made.cycle_id}/history").text
    assert "Version 2" in history
    assert "<ins> with drugs ordered early</ins>" in history
    assert "Ann Facilitator" in history
    assert "Order drugs the day before" in history  # the cited reflection's text
    assert f"/library/{reflection}" in history  # the learning, and what it led to
    assert events_in(app) == before + 1
