"""A cycle's method: chosen when it opens, guiding each step, named wherever its learning shows."""

from uuid import UUID

from flask import Flask
from flask.testing import FlaskClient

from tests.builders import entry_ids, plan
from tests.web.conftest import HX, events_in, services_of


def opening(method: str) -> dict[str, str]:
    return {
        "method": method,
        "objective": "Review the Monday discharges",
        "questions-0-question": "Will half go home before noon?",
        "questions-0-prediction": "Yes",
    }


def test_a_cycle_opened_with_a_method_shows_its_steps_and_is_named_everywhere(
    app: Flask, client: FlaskClient, ann: UUID
) -> None:
    s = services_of(app)
    group = s.app.form_group("Ward 7", "Home before noon", str(ann)).id
    s.caught_up(events_in(app))
    form = client.get(f"/groups/{group}/cycles/new")
    # PDSA unless the group chooses otherwise.
    assert '<input checked id="method-0" name="method" type="radio" value="pdsa">' in form.text
    posted = client.post(f"/groups/{group}/cycles", data=opening("after_action_review"))
    assert posted.status_code == 303
    page = client.get(posted.headers["Location"])
    assert "Following <a" in page.text
    for step in (
        "What was supposed to happen?",
        "What actually happened?",
        "Why were there differences?",
        "What can we learn?",
    ):
        assert f"<strong>{step}</strong>" in page.text
    cycle = UUID(posted.headers["Location"].rsplit("/", 1)[1])
    s.app.record_observation(cycle, "Three went home before noon", str(ann))
    s.app.record_reflection(cycle, "Pharmacy was the bottleneck", str(ann))
    s.caught_up(events_in(app))
    assert "opened cycle 1 (After Action Review)" in client.get(f"/groups/{group}/timeline").text
    assert "(After Action Review)" in client.get("/library?q=bottleneck").text
    assert "After Action Review" in client.get(f"/cycles/{cycle}/history").text


def test_an_unknown_method_is_refused_and_nothing_is_written(
    app: Flask, client: FlaskClient, ann: UUID
) -> None:
    group = services_of(app).app.form_group("Ward 7", "Home before noon", str(ann)).id
    services_of(app).caught_up(events_in(app))
    before = events_in(app)
    posted = client.post(f"/groups/{group}/cycles", data=opening("six_sigma"), headers=HX)
    assert posted.status_code == 422
    assert "Not a valid choice" in posted.text
    assert "Review the Monday discharges" in posted.text  # what was typed comes back
    assert events_in(app) == before


def test_a_pdsa_cycle_offers_neither_peer_assist_nor_stories(
    app: Flask, client: FlaskClient, ann: UUID
) -> None:
    s = services_of(app)
    group = s.app.form_group("Ward 7", "Home before noon", str(ann)).id
    cycle = s.app.open_cycle(group, plan(), str(ann)).id
    s.caught_up(events_in(app))
    page = client.get(f"/cycles/{cycle}").text
    assert "Following <a" in page
    assert "Peer Assist —" not in page
    assert "Stories of change" not in page
    refused = client.post(
        f"/cycles/{cycle}/stories/choice",
        data={"choice_form-story": str(cycle), "choice_form-reasons": "Because"},
    )
    assert refused.status_code == 422


def test_a_story_refused_after_the_panel_chose_gives_back_every_field_typed(
    app: Flask, client: FlaskClient, ann: UUID
) -> None:
    s = services_of(app)
    group = s.app.form_group("Adult social care", "Stories of change", str(ann)).id
    panel = s.app.open_cycle(group, plan(), str(ann), "most_significant_change").id
    told = {"title": "Home", "teller": "Mrs P", "text": "Dad came home", "why": "Dignity"}
    story = s.app.collect_story(panel, group, told, str(ann))
    [chosen] = entry_ids(s.app, story.id)
    s.app.choose_story(panel, chosen, "It changed a life", str(ann))
    s.caught_up(events_in(app))
    before = events_in(app)
    late = {
        "story_form-from_group": str(group),
        "story_form-title": "Late but true",
        "story_form-teller": "Mr Q, a carer",
        "story_form-text": "He sleeps through now",
        "story_form-why": "We both rest",
    }
    refused = client.post(f"/cycles/{panel}/stories", data=late, headers=HX)
    assert refused.status_code == 409
    assert "stories for this period are closed" in refused.text
    for field, typed in late.items():
        if field != "story_form-from_group":  # a choice, not typed text
            assert typed in refused.text
    assert events_in(app) == before


def test_advice_sent_after_the_asking_cycle_closed_is_refused_and_given_back(
    app: Flask, client: FlaskClient, ann: UUID
) -> None:
    s = services_of(app)
    asked = s.app.form_group("Ward 7", "Fewer catheters", str(ann)).id
    asking = s.app.form_group("Ward 3", "Fewer falls", str(ann)).id
    cycle = s.app.open_cycle(asking, plan(), str(ann), "peer_assist").id
    request = s.app.request_advice(cycle, asked, "How did you start?", str(ann)).id
    s.caught_up(events_in(app))
    # Only the group asked answers: through another group of Ann's, it does not exist.
    elsewhere = client.post(
        f"/groups/{asking}/advice/{request}", data={f"adv{request.hex}-text": "Mine"}
    )
    assert elsewhere.status_code == 404
    s.app.record_observation(cycle, "We started anyway", str(ann))
    s.app.record_reflection(cycle, "It worked", str(ann))
    s.app.decide(cycle, "adopt", "Keep it", str(ann))
    s.caught_up(events_in(app))
    before = events_in(app)
    refused = client.post(
        f"/groups/{asked}/advice/{request}",
        data={f"adv{request.hex}-text": "Start with one bay"},
        headers=HX,
    )
    assert refused.status_code == 409
    assert "This cycle is closed" in refused.text
    assert "Start with one bay" in refused.text
    assert events_in(app) == before


def test_a_withdrawn_story_stays_visible_and_the_panel_can_no_longer_choose_it(
    app: Flask, client: FlaskClient, ann: UUID
) -> None:
    s = services_of(app)
    group = s.app.form_group("Adult social care", "Stories of change", str(ann)).id
    panel = s.app.open_cycle(group, plan(), str(ann), "most_significant_change").id
    for title in ("Home for tea", "Quiet nights"):
        told = {"title": title, "teller": "Mrs P", "text": f"{title}, told", "why": "Dignity"}
        s.app.collect_story(panel, group, told, str(ann))
    first, second = entry_ids(s.app, panel)
    s.caught_up(events_in(app))
    page = client.get(f"/cycles/{panel}").text
    assert f"/cycles/{panel}/entries/{first}/correct" in page
    withdrawn = client.post(
        f"/cycles/{panel}/entries/{first}/correct",
        data={"based_on": "1", "action": "withdraw", "reason": "Told twice"},
    )
    assert withdrawn.status_code == 303
    page = client.get(f"/cycles/{panel}").text
    assert 'class="story withdrawn" id="entry-' + str(first) in page
    assert f'value="{second}"' in page  # the panel may still choose the other story
    assert f'value="{first}"' not in page
