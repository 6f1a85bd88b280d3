"""The full cycle through the web layer: each new route, plain and with htmx."""

import re
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.builders import plan
from tests.conftest import join, register, sign_in
from tests.web.conftest import HX, Made, events_in, services_of

QUESTION = "Home by 11?"
ACTING_QUESTION = "Fewer falls?"


def entry_ids(html: str) -> list[str]:
    return re.findall(r'id="entry-([0-9a-f-]{36})"', html)


@pytest.mark.parametrize(
    ("path", "data", "shows"),
    [
        (
            "entries",
            {
                "act_form-kind": "problem",
                "act_form-question": ACTING_QUESTION,
                "act_form-text": "Porters late",
            },
            "Porters late",
        ),
        (
            "comparisons",
            {
                "compare_form-question": ACTING_QUESTION,
                "compare_form-outcome": "partly",
                "compare_form-text": "One of two went",
            },
            "Partly confirmed",
        ),
        ("reflections", {"reflection_form-text": "Book porters early"}, "Book porters early"),
        ("mistakes", {"mistake_form-text": "We forgot nights"}, "We forgot nights"),
        ("help", {"help_form-text": "Who books porters?"}, "Who books porters?"),
    ],
    ids=["act", "compare", "learn", "mistake", "help"],
)
@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
def test_each_journal_post_shows_its_entry_in_the_journal(
    client: FlaskClient, acting: Made, path: str, data: dict[str, str], shows: str, htmx: bool
) -> None:
    url = f"/cycles/{acting.cycle_id}/{path}"
    posted = client.post(url, data=data, headers=HX if htmx else {})
    if htmx:
        assert posted.status_code == 200
        assert posted.text.lstrip().startswith('<section id="journal"')
        body = posted.text
    else:
        assert posted.status_code == 303
        body = client.get(posted.headers["Location"]).text
    assert shows in body


def test_a_journal_swap_keeps_what_was_typed_in_the_other_forms(
    client: FlaskClient, made: Made
) -> None:
    posted = client.post(
        f"/cycles/{made.cycle_id}/reflections",
        data={
            "reflection_form-text": "Learned",
            "mistake_form-text": "Half-typed mistake",
            "help_form-text": "Half-typed request",
        },
        headers=HX,
    )
    assert "Half-typed mistake</textarea>" in posted.text
    assert "Half-typed request</textarea>" in posted.text
    assert 'name="reflection_form-text"' in posted.text
    assert "Learned</textarea>" not in posted.text  # the saved form starts empty again


def test_a_comment_and_an_answer_appear_under_what_they_are_on(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    entry = made.entry_ids(app)[0]
    posted = client.post(
        f"/cycles/{made.cycle_id}/comments?on={entry.hex}",
        data={f"c{entry.hex}-text": "Which patient?"},
        headers=HX,
    )
    assert posted.status_code == 200
    assert "Which patient?" in posted.text
    on_plan = client.post(
        f"/cycles/{made.cycle_id}/comments?on=plan",
        data={"cplan-text": "Clear plan"},
        headers=HX,
    )
    assert on_plan.text.lstrip().startswith('<section id="plan"')
    assert "Clear plan" in on_plan.text


def test_a_blank_comment_is_refused_next_to_it_and_writes_nothing(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    before = events_in(app)
    posted = client.post(
        f"/cycles/{made.cycle_id}/comments?on=plan", data={"cplan-text": " "}, headers=HX
    )
    assert posted.status_code == 422
    assert "Enter your comment." in posted.text
    assert events_in(app) == before


def test_help_is_answered_and_only_its_asker_can_close_it(
    client: FlaskClient, app: Flask, made: Made, ann: UUID
) -> None:
    s = services_of(app)
    bob = register(s.app, "Bob Member")
    join(s.app, made.group_id, bob, "member", ann)
    asked = s.app.ask_for_help(made.cycle_id, "Who signs?", str(bob))
    s.caught_up(asked.notification_id)
    rid = asked.id
    answered = client.post(f"/help/{rid}/answers", data={f"a{rid.hex}-text": "Jo"}, headers=HX)
    assert "Jo" in answered.text
    refused = client.post(f"/help/{rid}/close", headers=HX)
    assert refused.status_code == 422
    assert "Only Bob Member, who asked, can close this." in refused.text
    closed = sign_in(app.test_client(), bob).post(f"/help/{rid}/close", headers=HX)
    assert closed.status_code == 200
    assert '<span class="badge">closed</span>' in closed.text


def test_a_set_up_task_is_marked_done_in_the_plan_section(client: FlaskClient, made: Made) -> None:
    posted = client.post(
        f"/groups/{made.group_id}/cycles",
        data={
            "objective": "Test",
            "questions-0-question": "Q",
            "questions-0-prediction": "P",
            "tasks-0-text": "Print the checklist",
            "tasks-0-owner": "Bea",
            "tasks-0-due": "2026-12-01",
        },
    )
    page = client.get(posted.headers["Location"]).text
    task = re.search(r"/tasks/([0-9a-f]+)/done", page)
    assert task is not None
    done = client.post(posted.headers["Location"] + f"/tasks/{task.group(1)}/done", headers=HX)
    assert done.text.lstrip().startswith('<section id="plan"')
    assert "done (Ann Facilitator)" in done.text


def test_a_task_with_a_bad_due_date_is_refused(client: FlaskClient, made: Made) -> None:
    posted = client.post(
        f"/groups/{made.group_id}/cycles",
        data={
            "objective": "Test",
            "questions-0-question": "Q",
            "questions-0-prediction": "P",
            "tasks-0-text": "Print",
            "tasks-0-due": "next Tuesday",
        },
    )
    assert posted.status_code == 422
    assert "Give the due date as a date" in posted.text


def test_adopting_closes_the_cycle_and_later_entries_get_a_409_keeping_the_text(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    decided = client.post(
        f"/cycles/{made.cycle_id}/decision",
        data={"decision_form-decision": "adopt", "decision_form-reason": "It works"},
    )
    assert decided.status_code == 303
    page = client.get(f"/cycles/{made.cycle_id}").text
    assert "Decided to adopt" in page
    assert 'id="act_form"' not in page
    before = events_in(app)
    late = client.post(
        f"/cycles/{made.cycle_id}/mistakes",
        data={"mistake_form-text": "My late note"},
        headers=HX,
    )
    assert late.status_code == 409
    assert "This cycle is closed: Ann Facilitator decided to adopt it." in late.text
    assert "My late note" in late.text
    assert events_in(app) == before


def test_deciding_twice_is_a_409_naming_the_first_decision(
    client: FlaskClient, made: Made
) -> None:
    data = {"decision_form-decision": "adopt", "decision_form-reason": "It works"}
    client.post(f"/cycles/{made.cycle_id}/decision", data=data)
    again = client.post(
        f"/cycles/{made.cycle_id}/decision",
        data={"decision_form-decision": "abandon", "decision_form-reason": "No"},
    )
    assert again.status_code == 409
    assert "Ann Facilitator already decided to adopt this cycle." in again.text


@pytest.mark.parametrize(
    ("path", "closed"),
    [
        ("decision", "Decided to adopt"),
        ("scale-up", "This cycle is closed: it was adopted."),
        ("adapt", "This cycle is closed: it was adopted."),
    ],
)
def test_a_decision_that_lost_the_race_is_refused_with_the_decision_that_won_shown(
    client: FlaskClient, app: Flask, made: Made, ann: UUID, path: str, closed: str
) -> None:
    plan = {
        "cites": [str(made.entry_ids(app)[1])],
        "objective": "Next",
        "questions-0-question": QUESTION,
        "questions-0-prediction": "Yes",
    }
    data = {
        "decision": {"decision_form-decision": "abandon", "decision_form-reason": "No"},
        "scale-up": {**plan, "change": "It worked", "scale": "Ward 7"},
        "adapt": {**plan, "change": "Change it"},
    }[path]
    # Another process recorded the winning decision; this one's read model has not seen it.
    services_of(app).app.decide(made.cycle_id, "adopt", "It works", str(ann))
    before = events_in(app)
    lost = client.post(f"/cycles/{made.cycle_id}/{path}", data=data)
    assert lost.status_code == 409
    assert "Ann Facilitator already decided to adopt this cycle." in lost.text
    assert closed in lost.text  # the page shows the cycle as it now is: decided
    assert "Record decision" not in lost.text
    assert "and open cycle 2" not in lost.text  # no scale-up or adapt form offered again
    assert events_in(app) == before


def test_a_revision_that_lost_the_race_is_rebased_on_the_plan_that_won(
    client: FlaskClient, app: Flask, made: Made, ann: UUID
) -> None:
    learning = made.entry_ids(app)[1]
    # Another process saved version 2; this one's read model has not seen it.
    theirs = plan("Their objective", "Bay C", [(QUESTION, "Yes")])
    services_of(app).app.revise_plan(made.cycle_id, 1, theirs, "Theirs", [learning], str(ann))
    mine = {
        "based_on": "1",
        "cites": [str(learning)],
        "objective": "My objective",
        "questions-0-question": QUESTION,
        "questions-0-prediction": "No",
        "change": "Mine",
    }
    lost = client.post(f"/cycles/{made.cycle_id}/revisions", data=mine)
    assert lost.status_code == 409
    assert "Their objective" in lost.text  # the plan that won, shown beside what was typed
    assert "My objective" in lost.text
    assert '<input id="based_on" name="based_on" type="hidden" value="2">' in lost.text
    again = client.post(f"/cycles/{made.cycle_id}/revisions", data={**mine, "based_on": "2"})
    assert again.status_code == 303


def test_adapting_opens_the_next_cycle_linked_both_ways(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    learning = made.entry_ids(app)[1]
    assert "Adapt — revise the plan" in client.get(f"/cycles/{made.cycle_id}").text
    form = client.get(f"/cycles/{made.cycle_id}/adapt")
    assert form.status_code == 200
    assert "Criteria-led discharge" in form.text  # starts from this cycle's plan
    assert form.text.count("What changes, and why") == 1  # one question, not a reason and a change
    assert 'name="reason"' not in form.text
    posted = client.post(
        f"/cycles/{made.cycle_id}/adapt",
        data={
            "change": "TTOs the night before: pharmacy was the hold-up",
            "cites": [str(learning)],
            "objective": "Discharge with TTOs ready",
            "questions-0-question": QUESTION,
            "questions-0-prediction": "Both of two",
        },
    )
    assert posted.status_code == 303
    second = client.get(posted.headers["Location"]).text
    assert "Cycle 2: Discharge with TTOs ready" in second
    assert "← Cycle 1" in second
    first = client.get(f"/cycles/{made.cycle_id}").text
    assert "Decided to adapt" in first
    assert "TTOs the night before: pharmacy was the hold-up" in first  # the decision's reason
    assert "Cycle 2 →" in first
    history = client.get(posted.headers["Location"] + "/history").text
    assert "adapted from cycle 1" in history
    assert "TTOs the night before: pharmacy was the hold-up" in history  # and what changed
    assert "Order drugs the day before" in history


def test_adapting_without_citing_learning_is_refused(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    before = events_in(app)
    posted = client.post(
        f"/cycles/{made.cycle_id}/adapt",
        data={
            "change": "What",
            "objective": "Next",
            "questions-0-question": "Q",
            "questions-0-prediction": "P",
        },
    )
    assert posted.status_code == 422
    assert "Tick the reflection or observation" in posted.text
    assert events_in(app) == before


def test_an_amendment_keeps_the_original_visible(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    entry = made.entry_ids(app)[0]
    url = f"/cycles/{made.cycle_id}/entries/{entry}/correct"
    assert "Pharmacy held one patient" in client.get(url).text
    posted = client.post(
        url,
        data={
            "based_on": "1",
            "action": "amend",
            "text": "Pharmacy held two patients",
            "reason": "Miscounted",
        },
    )
    assert posted.status_code == 303
    page = client.get(f"/cycles/{made.cycle_id}").text
    assert "Pharmacy held two patients" in page
    assert "Original: <q>Pharmacy held one patient</q>" in page
    assert '<span class="badge">amended</span>' in page


def test_a_correction_of_an_entry_someone_just_corrected_is_a_409_keeping_the_text(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    entry = made.entry_ids(app)[0]
    url = f"/cycles/{made.cycle_id}/entries/{entry}/correct"
    first = {"based_on": "1", "action": "amend", "text": "First fix", "reason": "A"}
    assert client.post(url, data=first).status_code == 303
    second = client.post(url, data={**first, "text": "My second fix", "reason": "B"})
    assert second.status_code == 409
    assert "Someone corrected this entry while you were editing" in second.text
    assert "My second fix" in second.text
    assert '<input id="based_on" name="based_on" type="hidden" value="2">' in second.text


def test_a_correction_that_lost_the_race_is_rebased_on_the_version_that_won(
    client: FlaskClient, app: Flask, made: Made, ann: UUID
) -> None:
    entry = made.entry_ids(app)[0]
    # Another process amended it; this one's read model has not seen it.
    services_of(app).app.amend_entry(made.cycle_id, entry, 1, "Their fix", "A", str(ann))
    url = f"/cycles/{made.cycle_id}/entries/{entry}/correct"
    mine = {"based_on": "1", "action": "amend", "text": "My fix", "reason": "B"}
    lost = client.post(url, data=mine)
    assert lost.status_code == 409
    assert "Their fix" in lost.text
    assert "My fix" in lost.text
    assert '<input id="based_on" name="based_on" type="hidden" value="2">' in lost.text
    assert client.post(url, data={**mine, "based_on": "2"}).status_code == 303


def test_a_withdrawn_entry_is_struck_through_and_no_longer_citable(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    entry = made.entry_ids(app)[0]
    client.post(
        f"/cycles/{made.cycle_id}/entries/{entry}/correct",
        data={"based_on": "1", "action": "withdraw", "reason": "Wrong ward"},
    )
    page = client.get(f"/cycles/{made.cycle_id}").text
    assert re.search(rf'class="entry kind-observation withdrawn" id="entry-{entry}"', page)
    assert (
        str(entry)
        not in client.get(f"/cycles/{made.cycle_id}/revise")
        .text.split('class="checklist"')[1]
        .split("</ul>")[0]
    )


def test_the_group_page_shows_aim_changes_people_ramps_and_open_help(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    url = f"/groups/{made.group_id}"
    aim = client.post(
        f"{url}/aim",
        data={"aim_form-aim": "90% home before noon", "aim_form-reason": "Target"},
        headers=HX,
    )
    assert aim.text.lstrip().startswith('<section id="aim"')
    assert "90% home before noon" in aim.text
    assert "How the aim changed (2 versions)" in aim.text
    invited = client.post(
        f"{url}/invitations",
        data={"invite_form-email": "bea@example.org", "invite_form-role": "sponsor"},
        headers=HX,
    )
    assert invited.text.lstrip().startswith('<section id="people"')
    assert "Invitation for <strong>bea@example.org</strong> made" in invited.text
    assert "bea@example.org as sponsor" in invited.text
    bad = client.post(
        f"{url}/invitations",
        data={"invite_form-email": "not an email", "invite_form-role": "member"},
        headers=HX,
    )
    assert bad.status_code == 422
    assert "Give an email address" in bad.text
    services_of(app).caught_up(
        services_of(app).app.ask_for_help(made.cycle_id, "Need a porter", "Bob").notification_id
    )
    page = client.get(url).text
    assert "Ramp 1" in page
    assert "Open requests for help" in page
    assert "Need a porter" in page
    # The group page names its people; the people page is where they are looked after.
    assert 'Ann Facilitator <span class="badge">facilitator</span>' in page
    assert f'<a href="{url}/people">Invite people, change roles and sharing</a>' in page
    assert "Invite</button>" not in page
    people = client.get(f"{url}/people").text
    assert 'Ann Facilitator</strong> <span class="badge">facilitator</span>' in people
    assert "bea@example.org as sponsor" in people
    assert "Invite</button>" in people


def test_unknown_help_requests_and_entries_are_404(client: FlaskClient, made: Made) -> None:
    nothing = UUID(int=0)
    assert client.post(f"/help/{nothing}/answers", data={}).status_code == 404
    assert client.get(f"/cycles/{made.cycle_id}/entries/{nothing}/correct").status_code == 404
