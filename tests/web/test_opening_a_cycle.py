"""Opening a cycle a question a page, then "Check your answers": nothing is recorded
until the check page's button, each page is checked by the plan's own rules, and every
page works without JavaScript (a post, then a 303 to the next)."""

import re
from uuid import UUID

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import make_app
from tests.web.conftest import HX, Made, events_in
from tests.web.opening import ANSWERS, answer_all, check_form, start
from tests.web.test_error_summary import drawn
from web.cycle_drafts import DraftStore


def test_each_page_asks_one_thing_and_nothing_is_recorded_until_the_plan_is_checked(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    before = events_in(app)
    first = client.get(f"/groups/{made.group_id}/cycles/new")
    assert "<h1>Which method will the group follow?</h1>" in first.text
    assert "question 1 of 7" in first.text
    check = answer_all(client, made.group_id)
    assert events_in(app) == before
    page = client.get(check).text
    assert "<h1>Check your plan before you open the cycle</h1>" in page
    for shown in (
        "Criteria-led discharge on Bay C",
        "Will patients go home before 11am? — we predict: Two in three, because Bay B managed it",
        "What holds a discharge up? — exploratory: no prediction",
        "Agree the criteria — Dr Shah",
        "2 November 2026",
    ):
        assert shown in page
    opened = client.post(f"/groups/{made.group_id}/cycles", data=check_form(page))
    assert opened.status_code == 303
    cycle = client.get(opened.location).text
    assert "Cycle 2: Criteria-led discharge on Bay C" in cycle
    assert events_in(app) > before


def test_a_page_refused_names_its_own_problems_only_and_keeps_nothing(
    client: FlaskClient, made: Made
) -> None:
    at = start(client, made.group_id)
    refused = client.post(at, data={"objective": "  "})
    assert refused.status_code == 422
    page = drawn(refused.text)
    assert page.title.startswith("Error: What is this cycle for?")
    assert page.links == ["#objective"]  # not the questions, asked on a later page
    again = client.get(at)
    assert "error-summary" not in again.text  # nothing was kept, so nothing is refused yet


def test_a_question_without_a_prediction_is_refused_on_the_questions_page(
    client: FlaskClient, made: Made
) -> None:
    at = start(client, made.group_id)
    at = str(client.post(at, data=ANSWERS["objective"]).location)
    refused = client.post(at, data={"questions-0-question": "Will it work?"})
    assert refused.status_code == 422
    assert drawn(refused.text).links == ["#questions-0-prediction"]
    assert 'value="Will it work?"' in refused.text  # what was typed is given back


def test_change_goes_to_the_question_and_back_to_the_check_page(
    client: FlaskClient, made: Made
) -> None:
    check = answer_all(client, made.group_id)
    change = re.search(r'href="([^"]+/objective\?change=1)"', client.get(check).text)
    assert change, "no Change link for the objective"
    page = client.get(change[1]).text
    assert 'value="Criteria-led discharge on Bay C"' in page
    assert f'class="back-link" href="{check[check.index("/groups") :]}"' in page
    sent = client.post(change[1], data={"objective": "Criteria-led discharge on Bays C and D"})
    assert sent.status_code == 303
    assert sent.location == check[check.index("/groups") :]
    assert "Criteria-led discharge on Bays C and D" in client.get(check).text


def test_back_goes_to_the_page_before_with_its_answer_kept(
    client: FlaskClient, made: Made
) -> None:
    at = start(client, made.group_id)
    questions = str(client.post(at, data=ANSWERS["objective"]).location)
    back = re.search(r'class="back-link" href="([^"]+)"', client.get(questions).text)
    assert back
    assert back[1] == at
    assert 'value="Criteria-led discharge on Bay C"' in client.get(back[1]).text


def test_the_first_page_sent_twice_makes_one_draft(client: FlaskClient, made: Made) -> None:
    page = client.get(f"/groups/{made.group_id}/cycles/new").text
    key = re.search(r'name="submission" value="([^"]+)"', page)
    assert key
    sent = [
        client.post(
            f"/groups/{made.group_id}/cycles/new", data={"method": "pdsa", "submission": key[1]}
        )
        for _ in range(2)
    ]
    assert sent[0].location == sent[1].location


def test_opening_sent_twice_opens_one_cycle_and_the_draft_then_leads_to_it(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    check = answer_all(client, made.group_id)
    plan = check_form(client.get(check).text)
    first = client.post(f"/groups/{made.group_id}/cycles", data=plan)
    recorded = events_in(app)
    again = client.post(f"/groups/{made.group_id}/cycles", data=plan)
    assert again.status_code == 303
    assert again.location == first.location
    assert events_in(app) == recorded
    back = client.get(check)
    assert back.status_code == 303
    assert back.location == first.location


def test_a_refused_plan_is_shown_on_the_check_page_linking_to_the_question_to_change(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    before = events_in(app)
    refused = client.post(
        f"/groups/{made.group_id}/cycles",
        data={"objective": " ", "questions-0-question": "Will it work?"},
    )
    assert refused.status_code == 422
    assert events_in(app) == before
    links = drawn(refused.text).links
    assert len(links) == 2
    assert re.fullmatch(r"/groups/[^/]+/cycles/new/[^/]+/objective\?change=1#objective", links[0])
    assert links[1].endswith("/questions?change=1#questions-0-prediction")
    # The question page it links to shows the same problem beside its field.
    page = client.get(links[1].split("#")[0])
    assert drawn(page.text).links == ["#questions-0-prediction"]
    assert 'value="Will it work?"' in page.text


def test_add_another_question_on_its_page_draws_one_more_row_keeping_what_was_typed(
    client: FlaskClient, made: Made
) -> None:
    at = start(client, made.group_id)
    at = str(client.post(at, data=ANSWERS["objective"]).location)
    for headers in ({}, HX):
        grown = client.post(
            at,
            data={"questions-0-question": "Will it work?", "more": "questions"},
            headers=headers,
        )
        assert grown.status_code == 200
        assert 'name="questions-3-question"' in grown.text
        assert 'value="Will it work?"' in grown.text


def test_someone_elses_draft_is_not_found(app: Flask, made: Made, ann: UUID) -> None:
    store = DraftStore(app.extensions["learnloop"].engine)
    draft = store.start(ann, made.group_id, [("objective", "Private")])
    with store.engine.connect() as conn:
        assert store.find(conn, draft, ann, made.group_id) is not None
        other = UUID(int=7)
        assert store.find(conn, draft, other, made.group_id) is None
        assert store.find(conn, draft, ann, UUID(int=8)) is None


def test_an_unknown_draft_or_page_is_not_found(client: FlaskClient, made: Made) -> None:
    check = answer_all(client, made.group_id)
    assert client.get(check.replace("/check", "/nonsense")).status_code == 404
    assert client.get(f"/groups/{made.group_id}/cycles/new/nodraft/objective").status_code == 404


def test_the_group_page_offers_to_continue_an_unfinished_plan_until_it_is_opened(
    client: FlaskClient, made: Made
) -> None:
    at = start(client, made.group_id)
    questions = str(client.post(at, data=ANSWERS["objective"]).location)
    page = client.get(f"/groups/{made.group_id}").text
    link = re.search(r'<a href="([^"]+)">Continue “Criteria-led discharge on Bay C”</a>', page)
    assert link, "no link to the unfinished plan"
    assert link[1] == questions  # the first question not yet answered
    check = answer_all(client, made.group_id)
    client.post(f"/groups/{made.group_id}/cycles", data=check_form(client.get(check).text))
    after = client.get(f"/groups/{made.group_id}").text
    assert after.count("Continue “Criteria-led discharge on Bay C”") == 1  # the first, still
    assert "Your unfinished plans" in after


def test_a_plan_discarded_is_gone_from_the_group_page_and_its_pages(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    before = events_in(app)
    check = answer_all(client, made.group_id)
    assert (
        "Continue “Criteria-led discharge on Bay C”" in client.get(f"/groups/{made.group_id}").text
    )
    gone = client.post(check.replace("/check", "/discard"))
    assert gone.status_code == 303
    assert gone.location == f"/groups/{made.group_id}"
    assert "Criteria-led discharge on Bay C" not in client.get(f"/groups/{made.group_id}").text
    assert client.get(check).status_code == 404
    assert events_in(app) == before


def test_a_draft_started_twice_with_one_key_is_one_draft_as_first_made(
    database_url: str,
) -> None:
    app = make_app(database_url)
    store = DraftStore(app.extensions["learnloop"].engine)
    ann, group = UUID(int=1), UUID(int=2)
    try:
        first = store.start(ann, group, [("method", "pdsa")], key="k" * 24)
        again = store.start(ann, group, [("method", "after_action_review")], key="k" * 24)
        assert again == first
        with store.engine.connect() as conn:
            found = store.find(conn, first, ann, group)
        assert found is not None
        assert found.answers == [("method", "pdsa")]
    finally:
        app.extensions["learnloop"].close()
