"""Bad input: a 422 with the message by its field; what was typed is kept, nothing written."""

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import HX, Made, events_in


def summed_up(html: str) -> str:
    """The error summary's text (a refused plan is summed up on the check page, each
    problem linking to the question that asks for it)."""
    return html.split('id="error-summary"')[1].split("</div>")[0]


def error_for(html: str, field_id: str) -> str:
    """The message drawn with a field (above its input), or ''."""
    found = re.search(
        rf'<p class="error-message" id="{re.escape(field_id)}-error">(.*?)</p>', html, re.S
    )
    return found.group(1) if found else ""


@pytest.mark.parametrize("headers", [{}, HX], ids=["plain", "htmx"])
def test_a_blank_objective_is_refused_on_the_check_page_keeping_the_rest(
    client: FlaskClient, app: Flask, made: Made, headers: dict[str, str]
) -> None:
    before = events_in(app)
    posted = client.post(
        f"/groups/{made.group_id}/cycles",
        data={
            "objective": "  ",
            "plan_text": "Bay B, Monday",
            "questions-0-question": "Q kept?",
            "questions-0-prediction": "P kept",
        },
        headers=headers,
    )
    assert posted.status_code == 422
    assert "Enter the objective." in summed_up(posted.text)
    assert "Bay B, Monday" in posted.text
    assert 'value="Q kept?"' in posted.text
    assert events_in(app) == before


def test_an_over_long_field_is_refused_with_its_limit(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    before = events_in(app)
    posted = client.post(
        f"/groups/{made.group_id}/cycles",
        data={"objective": "x" * 301, "questions-0-question": "Q", "questions-0-prediction": "P"},
    )
    assert posted.status_code == 422
    message = "The objective must be at most 300 characters (it has 301)."
    assert message in summed_up(posted.text)
    assert events_in(app) == before


def test_a_plan_without_any_question_is_refused(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    before = events_in(app)
    posted = client.post(f"/groups/{made.group_id}/cycles", data={"objective": "Something"})
    assert posted.status_code == 422
    assert "at least one question" in summed_up(posted.text)
    assert events_in(app) == before


def test_a_question_without_its_prediction_is_refused_next_to_the_prediction(
    client: FlaskClient, made: Made
) -> None:
    posted = client.post(
        f"/groups/{made.group_id}/cycles",
        data={"objective": "Something", "questions-0-question": "Will it work?"},
    )
    assert posted.status_code == 422
    message = "Add your prediction for question 1, or mark it exploratory."
    assert message in summed_up(posted.text)


def test_a_blank_group_name_is_refused(client: FlaskClient, app: Flask) -> None:
    before = events_in(app)
    posted = client.post("/groups", data={"name": "", "aim": "Kept aim"}, headers=HX)
    assert posted.status_code == 422
    assert "Enter the group&#39;s name." in error_for(posted.text, "name")
    assert "Kept aim" in posted.text
    assert events_in(app) == before


def test_a_blank_observation_is_refused_inside_the_journal_fragment(
    client: FlaskClient, app: Flask, acting: Made
) -> None:
    before = events_in(app)
    posted = client.post(
        f"/cycles/{acting.cycle_id}/entries",
        data={"act_form-kind": "observation", "act_form-text": ""},
        headers=HX,
    )
    assert posted.status_code == 422
    assert posted.text.lstrip().startswith('<section id="journal"')
    assert "Enter what you did or saw." in error_for(posted.text, "act_form-text")
    assert events_in(app) == before


def test_a_reflection_before_any_observation_is_refused_with_the_rule(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    posted = client.post(
        f"/groups/{made.group_id}/cycles",
        data={"objective": "New", "questions-0-question": "Q", "questions-0-prediction": "P"},
    )
    cycle_url = posted.headers["Location"]
    before = events_in(app)
    refused = client.post(
        f"{cycle_url}/reflections", data={"reflection_form-text": "Too early"}, headers=HX
    )
    assert refused.status_code == 422
    assert "Record at least one observation from acting before reflecting." in refused.text
    assert events_in(app) == before


def test_a_revision_that_cites_no_learning_is_refused_keeping_the_text(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    before = events_in(app)
    posted = client.post(
        f"/cycles/{made.cycle_id}/revisions",
        data={
            "based_on": "1",
            "objective": "Kept objective",
            "questions-0-question": "Q",
            "questions-0-prediction": "P",
            "change": "Kept change",
        },
    )
    assert posted.status_code == 422
    assert "Tick the reflection or observation" in error_for(posted.text, "cites")
    assert "Kept objective" in posted.text
    assert "Kept change" in posted.text
    assert events_in(app) == before


def test_a_revision_citing_something_not_offered_is_refused(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    before = events_in(app)
    posted = client.post(
        f"/cycles/{made.cycle_id}/revisions",
        data={
            "based_on": "1",
            "objective": "O",
            "questions-0-question": "Q",
            "questions-0-prediction": "P",
            "change": "C",
            "cites": ["00000000-0000-0000-0000-000000000000"],
        },
    )
    assert posted.status_code == 422
    assert "not part of this cycle" in error_for(posted.text, "cites")
    assert events_in(app) == before


def test_a_revision_of_a_plan_someone_else_just_revised_is_a_409_that_keeps_the_text(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    reflection = str(made.entry_ids(app)[1])
    start = events_in(app)
    first = {
        "based_on": "1",
        "objective": "First person's plan",
        "questions-0-question": "Q",
        "questions-0-prediction": "P",
        "change": "First",
        "cites": [reflection],
    }
    assert client.post(f"/cycles/{made.cycle_id}/revisions", data=first).status_code == 303
    second = {**first, "objective": "Second person's plan", "change": "Second person's reason"}
    conflict = client.post(f"/cycles/{made.cycle_id}/revisions", data=second)
    assert conflict.status_code == 409
    assert "while you were editing" in conflict.text
    assert "Second person&#39;s reason" in conflict.text  # their unsaved text, kept
    assert "First person&#39;s plan" in conflict.text  # the newer plan, shown
    assert "Version 2 has: First person&#39;s plan" in conflict.text  # beside their field
    assert '<input id="based_on" name="based_on" type="hidden" value="2">' in conflict.text
    assert events_in(app) == start + 1  # one revision, not two
    # Saving again, now knowingly on top of version 2, goes through.
    again = client.post(f"/cycles/{made.cycle_id}/revisions", data={**second, "based_on": "2"})
    assert again.status_code == 303
    assert events_in(app) == start + 2


def test_the_revise_page_asks_for_learning_first_when_there_is_none(
    client: FlaskClient, made: Made
) -> None:
    posted = client.post(
        f"/groups/{made.group_id}/cycles",
        data={"objective": "New", "questions-0-question": "Q", "questions-0-prediction": "P"},
    )
    page = client.get(posted.headers["Location"] + "/revise")
    assert "Record an observation or a reflection" in page.text
    assert "Save revision" not in page.text
