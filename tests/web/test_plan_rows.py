"""The plan form's rows: numbered labels, "Add another", and exploratory questions."""

import re
from collections import Counter
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.plan import MAX_QUESTIONS
from tests.builders import entry_ids, plan
from tests.web.conftest import HX, Made, events_in, services_of
from tests.web.opening import start
from tests.web.test_refusals import error_for

STICKERS = "Is the sticker format workable?"


def labels(html: str) -> list[str]:
    """The text of every label on the page, tags and spacing taken out."""
    found = re.findall(r"<label\b[^>]*>(.*?)</label>", html, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", text).split()) for text in found]


def asking(client: FlaskClient, made: Made, slug: str) -> str:
    """The address of one question page of a new draft (the first page answered)."""
    return start(client, made.group_id).replace("/objective", f"/{slug}")


@pytest.mark.parametrize("slug", ["questions", "tasks"])
def test_every_label_on_a_plan_rows_page_is_unique_and_numbered(
    client: FlaskClient, made: Made, slug: str
) -> None:
    page = labels(client.get(asking(client, made, slug)).text)
    assert [label for label, n in Counter(page).items() if n > 1] == []
    if slug == "questions":
        expected = {"Question 2", "Prediction for question 2", "Why you predict this (question 2)"}
    else:
        expected = {"Task 3", "Owner of task 3", "Due date of task 3"}
    assert expected <= set(page)
    assert [label for label in page if label in ("Question", "Task")] == []


def test_add_another_without_javascript_draws_one_more_row_keeping_what_was_typed(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    before = events_in(app)
    posted = client.post(
        asking(client, made, "questions"),
        data={
            "questions-0-question": STICKERS,
            "questions-0-kind": "exploratory",
            "more": "questions",
        },
    )
    assert posted.status_code == 200
    assert 'name="questions-3-question"' in posted.text
    assert 'name="questions-4-question"' not in posted.text
    assert "Question 4" in labels(posted.text)
    assert f'value="{STICKERS}"' in posted.text
    assert re.search(
        r'value="exploratory"[^>]*checked|checked[^>]*value="exploratory"', posted.text
    )
    assert events_in(app) == before


def test_add_another_task_grows_the_tasks_alone(client: FlaskClient, made: Made) -> None:
    posted = client.post(asking(client, made, "tasks"), data={"more": "tasks"})
    assert 'name="tasks-3-text"' in posted.text
    assert 'name="questions-3-question"' not in posted.text


def test_add_another_with_htmx_answers_with_the_form_holding_the_new_row(
    client: FlaskClient, made: Made
) -> None:
    posted = client.post(
        asking(client, made, "questions"),
        data={"questions-0-question": STICKERS, "more": "questions"},
        headers=HX,
    )
    assert posted.status_code == 200
    assert not posted.text.lstrip().startswith("<!DOCTYPE")
    fieldset = re.search(r'<fieldset class="questions[^"]*" id="questions">', posted.text)
    assert fieldset is not None
    assert 'name="questions-3-question"' in posted.text[fieldset.start() :]
    assert 'hx-select="#questions"' in posted.text


def test_add_another_stops_at_the_plans_limit_and_says_it(client: FlaskClient, made: Made) -> None:
    rows = {f"questions-{n}-question": f"Q{n}?" for n in range(MAX_QUESTIONS)}
    posted = client.post(asking(client, made, "questions"), data={**rows, "more": "questions"})
    assert f'name="questions-{MAX_QUESTIONS}-question"' not in posted.text
    assert "Add another question" not in posted.text
    assert f"A plan holds up to {MAX_QUESTIONS} questions." in posted.text


def test_an_exploratory_question_opens_a_cycle_and_the_plan_says_so(
    client: FlaskClient, made: Made
) -> None:
    posted = client.post(
        f"/groups/{made.group_id}/cycles",
        data={
            "objective": "Sticker trial",
            "questions-0-question": STICKERS,
            "questions-0-kind": "exploratory",
        },
    )
    assert posted.status_code == 303
    shown = client.get(posted.headers["Location"]).text
    assert "<em>exploratory:</em> we are finding out, no prediction" in shown


def test_an_exploratory_question_with_a_prediction_typed_is_refused_by_the_prediction(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    before = events_in(app)
    posted = client.post(
        asking(client, made, "questions"),
        data={
            "questions-0-question": STICKERS,
            "questions-0-kind": "exploratory",
            "questions-0-prediction": "Yes",
        },
    )
    assert posted.status_code == 422
    assert "Question 1 is exploratory" in error_for(posted.text, "questions-0-prediction")
    assert 'value="Yes"' in posted.text
    assert events_in(app) == before


@pytest.fixture
def exploring(app: Flask, ann: UUID) -> Made:
    """A cycle in its act phase whose one question is exploratory."""
    s = services_of(app)
    group = s.app.form_group("Ward 7", "Discharges before noon", str(ann))
    opened = s.app.open_cycle(
        group.id, plan("Sticker trial", questions=[(STICKERS, "", "", "exploratory")]), str(ann)
    )
    s.caught_up(s.app.record_observation(opened.id, "Stickers fell off", "Bob").notification_id)
    return Made(group.id, opened.id)


def test_what_was_found_for_an_exploratory_question_is_recorded_with_no_outcome(
    client: FlaskClient, exploring: Made
) -> None:
    data = {"compare_form-question": STICKERS, "compare_form-text": "Workable if bigger"}
    posted = client.post(f"/cycles/{exploring.cycle_id}/comparisons", data=data)
    assert posted.status_code == 303
    shown = client.get(posted.headers["Location"]).text
    assert "Workable if bigger" in shown
    assert f"{STICKERS} (exploratory)" in shown


def test_an_outcome_for_an_exploratory_question_is_refused_by_the_outcome(
    client: FlaskClient, exploring: Made
) -> None:
    data = {
        "compare_form-question": STICKERS,
        "compare_form-outcome": "confirmed",
        "compare_form-text": "Workable",
    }
    posted = client.post(f"/cycles/{exploring.cycle_id}/comparisons", data=data, headers=HX)
    assert posted.status_code == 422
    assert "no prediction to confirm" in error_for(posted.text, "compare_form-outcome")


def test_the_revision_history_shows_a_question_turned_exploratory(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    s = services_of(app)
    learning = entry_ids(s.app, made.cycle_id)
    revised = s.app.revise_plan(
        made.cycle_id,
        1,
        plan("Criteria-led discharge", "Bay B", [("Home by 11?", "", "", "exploratory")]),
        "We cannot predict yet: we are finding out",
        learning[-1:],
        "Ann",
    )
    s.caught_up(revised.notification_id)
    history = client.get(f"/cycles/{made.cycle_id}/history").text
    assert "exploratory: no prediction" in history
    assert "predicted: One of two" in history


def test_add_another_task_on_the_revision_form_keeps_the_change_and_records_nothing(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    before = events_in(app)
    posted = client.post(
        f"/cycles/{made.cycle_id}/revisions",
        data={
            "based_on": "1",
            "objective": "Criteria-led discharge",
            "questions-0-question": "Home by 11?",
            "questions-0-prediction": "One of two",
            "change": "Pharmacy first",
            "more": "tasks",
        },
    )
    assert posted.status_code == 200
    assert 'name="tasks-3-text"' in posted.text
    assert "Pharmacy first" in posted.text
    assert events_in(app) == before
