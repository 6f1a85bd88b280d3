"""Pages show a bounded part of a long history: comment threads, the plan section swapped
alone, the entries a revision offers to cite."""

from uuid import UUID

from flask import Flask
from flask.testing import FlaskClient

from domain.cycle import Cycle
from projections.queries.cycles import CITABLE, COMMENT_PAGE
from tests.builders import entry_ids, plan
from tests.web.conftest import HX, events_in, services_of


def test_a_long_thread_shows_its_newest_comments_and_points_to_the_rest(
    app: Flask, client: FlaskClient, ann: UUID
) -> None:
    s = services_of(app)
    group = s.app.form_group("Ward 7", "Home before noon", str(ann)).id
    cycle = s.app.open_cycle(group, plan(), str(ann)).id
    for n in range(COMMENT_PAGE + 3):
        s.app.comment(cycle, "plan", f"Comment number {n:02d}", str(ann))
    s.caught_up(events_in(app))
    page = client.get(f"/cycles/{cycle}").text
    shown = [n for n in range(COMMENT_PAGE + 3) if f"Comment number {n:02d}" in page]
    assert shown == list(range(3, COMMENT_PAGE + 3))  # the newest, oldest first
    assert "3 earlier comments" in page
    assert f"Comment ({COMMENT_PAGE + 3})" in page
    timeline = client.get(f"/groups/{group}/timeline?kind=comments").text
    assert "Comment number 00" in timeline


def test_a_plan_comment_swaps_the_plan_alone_and_a_refused_task_says_why(
    app: Flask, client: FlaskClient, ann: UUID
) -> None:
    s = services_of(app)
    group = s.app.form_group("Ward 7", "Home before noon", str(ann)).id
    cycle = s.app.open_cycle(group, plan(tasks=[("Print the sheet", "Bea", "")]), str(ann)).id
    opened: Cycle = s.app.repository.get(cycle)
    task = opened.plan.tasks[0].id
    s.caught_up(events_in(app))
    commented = client.post(
        f"/cycles/{cycle}/comments?on=plan", data={"cplan-text": "Looks right"}, headers=HX
    )
    assert commented.status_code == 200
    assert commented.text.lstrip().startswith('<section id="plan"')
    assert "Looks right" in commented.text
    s.app.record_observation(cycle, "Done", str(ann))
    s.app.record_reflection(cycle, "Learned", str(ann))
    s.app.decide(cycle, "adopt", "Keep it", str(ann))
    s.caught_up(events_in(app))
    refused = client.post(f"/cycles/{cycle}/tasks/{task}/done", headers=HX)
    assert refused.status_code == 409
    assert refused.text.lstrip().startswith('<section id="plan"')
    assert "This cycle is closed" in refused.text


def test_a_revision_offers_the_newest_entries_to_cite_and_keeps_an_older_one_ticked(
    app: Flask, client: FlaskClient, ann: UUID
) -> None:
    s = services_of(app)
    group = s.app.form_group("Ward 7", "Home before noon", str(ann)).id
    cycle = s.app.open_cycle(group, plan(), str(ann)).id
    for n in range(CITABLE + 5):
        s.app.record_observation(cycle, f"Observation {n:03d}", str(ann))
    s.caught_up(events_in(app))
    form = client.get(f"/cycles/{cycle}/revise").text
    assert f"The newest {CITABLE} of {CITABLE + 5} entries are offered" in form
    assert "Observation 000" not in form
    assert f"Observation {CITABLE + 4:03d}" in form
    oldest = entry_ids(s.app, cycle)[0]  # "Observation 000", too old to be offered
    sent = client.post(
        f"/cycles/{cycle}/revisions",
        data={"based_on": "1", "objective": "", "cites": str(oldest)},
    )
    assert sent.status_code == 422  # refused for the blank objective, not for the tick
    assert "Observation 000" in sent.text
    assert "is not part of this cycle" not in sent.text
