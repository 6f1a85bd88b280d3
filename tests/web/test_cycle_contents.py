"""The cycle page's parts: for a team, the part the cycle is in now first, its form at
the top; for a sponsor, and once the cycle is closed, the natural reading order; the
contents list the parts in the page's order, the current one marked, whatever the phase;
and once past planning the plan's details fold away, the predictions still in view."""

import re
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.builders import plan
from tests.conftest import join, register, sign_in
from tests.web.conftest import HX, Made, services_of

CONTENTS = re.compile(r'<nav class="contents" aria-label="In this cycle">(.*?)</nav>', re.S)
PARTS = ("plan", "act", "reflect", "decision", "help")
READING = ["plan", "act", "reflect", "decision", "help"]
# Where each cycle is, the part first for a team, and the button of the form it needs.
STAGES = {
    "planned": ("act", "Record what happened"),
    "acting": ("reflect", "Record comparison"),
    "learned": ("decision", "Record decision"),
}
FOLDED = '<details class="plan-in-full">'
UNFOLDED = '<details class="plan-in-full" open>'


def cycle_at(app: Flask, made: Made, ann: UUID, stage: str) -> UUID:
    """A cycle of Ann's group: just planned, acted on (one observation), learned from
    (`made`: an observation and a reflection), or decided."""
    s = services_of(app)
    if stage == "decided":
        s.caught_up(s.app.decide(made.cycle_id, "adopt", "It worked", str(ann)).notification_id)
    if stage in ("learned", "decided"):
        return made.cycle_id
    opened = s.app.open_cycle(
        made.group_id, plan("Discharge lounge", questions=[("Sooner?", "By noon")]), str(ann)
    )
    last = opened
    if stage == "acting":
        last = s.app.record_observation(opened.id, "The lounge was full", str(ann))
    s.caught_up(last.notification_id)
    return opened.id


def sponsor_of(app: Flask, made: Made, ann: UUID) -> FlaskClient:
    """A client signed in as a sponsor of Ann's group: reads, records nothing."""
    s = services_of(app)
    sam = register(s.app, "Sam Sponsor")
    s.caught_up(join(s.app, made.group_id, sam, "sponsor", ann))
    return sign_in(app.test_client(), sam)


def comment_on_plan(
    client: FlaskClient, cycle_id: UUID, text: str, headers: dict[str, str] | None = None
) -> TestResponse:
    """Post a comment on the cycle's plan (with htmx if `headers` say so)."""
    return client.post(
        f"/cycles/{cycle_id}/comments?on=plan",
        data={"cplan-on": "plan", "cplan-text": text},
        headers=headers or {},
    )


def page_order(page: str) -> list[str]:
    """The cycle's parts in the order the page draws them."""
    at = {part: page.index(f'id="{part}"') for part in PARTS}
    return sorted(PARTS, key=at.__getitem__)


def contents(page: str) -> list[str]:
    """The targets of the contents' links, in order."""
    found = CONTENTS.search(page)
    assert found is not None, "the cycle page has no contents"
    return re.findall(r'href="#([\w-]+)"', found.group(1))


def current(page: str) -> list[str]:
    found = CONTENTS.search(page)
    assert found is not None
    return re.findall(r'href="#([\w-]+)" aria-current="step"', found.group(1))


@pytest.mark.parametrize("stage", ["planned", "acting", "learned"])
def test_a_member_finds_the_form_for_the_part_the_cycle_is_in_first(
    app: Flask, client: FlaskClient, made: Made, ann: UUID, stage: str
) -> None:
    now, button = STAGES[stage]
    page = client.get(f"/cycles/{cycle_at(app, made, ann, stage)}").text
    rest = [p for p in READING if p != now]
    assert page_order(page) == [now, *rest]
    assert page.index(button) < page.index('id="plan"'), f"{button!r} is below the plan"
    # The first button in the cycle's parts (the site's own, such as Sign out, come before).
    journal = page[page.index('<section id="journal"') :]
    first_button = re.search(r'<button type="submit"[^>]*>([^<]+)</button>', journal)
    assert first_button is not None, "the cycle's parts have no form"
    assert first_button.group(1) == button


@pytest.mark.parametrize("stage", ["planned", "acting", "learned", "decided"])
def test_the_contents_list_the_parts_in_the_pages_order_and_mark_now(
    app: Flask, client: FlaskClient, made: Made, ann: UUID, stage: str
) -> None:
    page = client.get(f"/cycles/{cycle_at(app, made, ann, stage)}").text
    targets = contents(page)
    assert targets == [*page_order(page), "measures-over-cycle"]
    for target in targets:
        assert f'id="{target}"' in page, f"#{target} is not on the {stage} cycle's page"
    assert current(page) == [STAGES.get(stage, ("decision", ""))[0]]


@pytest.mark.parametrize("stage", ["planned", "acting", "learned"])
def test_a_sponsor_reads_the_parts_in_their_natural_order_now_still_marked(
    app: Flask, made: Made, ann: UUID, stage: str
) -> None:
    cycle_id = cycle_at(app, made, ann, stage)
    page = sponsor_of(app, made, ann).get(f"/cycles/{cycle_id}").text
    assert page_order(page) == READING
    assert contents(page) == [*READING, "measures-over-cycle"]
    assert current(page) == [STAGES[stage][0]]


def test_a_closed_cycle_reads_in_its_natural_order_for_its_team_too(
    app: Flask, client: FlaskClient, made: Made, ann: UUID
) -> None:
    page = client.get(f"/cycles/{cycle_at(app, made, ann, 'decided')}").text
    assert page_order(page) == READING
    assert "Decided to adopt" in page


def test_an_observation_posted_with_htmx_answers_with_reflect_first(
    app: Flask, client: FlaskClient, made: Made, ann: UUID
) -> None:
    cycle_id = cycle_at(app, made, ann, "planned")
    posted = client.post(
        f"/cycles/{cycle_id}/entries",
        data={"act_form-kind": "observation", "act_form-text": "The lounge was empty"},
        headers=HX,
    )
    assert posted.status_code == 200
    assert posted.text.lstrip().startswith('<section id="journal"')
    assert page_order(posted.text) == ["reflect", "plan", "act", "decision", "help"]
    assert contents(posted.text) == [*page_order(posted.text), "measures-over-cycle"]
    assert current(posted.text) == ["reflect"]


def test_past_planning_the_plan_folds_its_details_but_not_its_predictions(
    app: Flask, client: FlaskClient, made: Made, ann: UUID
) -> None:
    planned = client.get(f"/cycles/{cycle_at(app, made, ann, 'planned')}").text
    assert UNFOLDED in planned
    acting = client.get(f"/cycles/{cycle_at(app, made, ann, 'acting')}").text
    assert FOLDED in acting
    # What the team reflects against stays in view, above the fold.
    assert acting.index("By noon") < acting.index(FOLDED) < acting.index("Scale")


@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
def test_a_refused_comment_on_the_plan_shows_the_plan_in_full(
    app: Flask, client: FlaskClient, made: Made, ann: UUID, headers: dict[str, str]
) -> None:
    cycle_id = cycle_at(app, made, ann, "acting")
    refused = comment_on_plan(client, cycle_id, "", headers)
    assert refused.status_code == 422
    assert UNFOLDED in refused.text
    assert 'class="error-message"' in refused.text


def test_a_plan_version_just_saved_shows_in_full(
    app: Flask, client: FlaskClient, made: Made, ann: UUID
) -> None:
    cycle_id = cycle_at(app, made, ann, "acting")
    with client.session_transaction() as session:
        session["_flashes"] = [("revised", "1")]
    page = client.get(f"/cycles/{cycle_id}").text
    assert "Version 1 — just saved" in page
    assert UNFOLDED in page


def test_a_comment_on_the_plan_without_htmx_lands_on_the_plan_in_full(
    app: Flask, client: FlaskClient, made: Made, ann: UUID
) -> None:
    cycle_id = cycle_at(app, made, ann, "acting")
    posted = comment_on_plan(client, cycle_id, "Bay B is short of a clerk")
    assert posted.status_code == 303
    assert posted.location.endswith(f"/cycles/{cycle_id}?plan=full#plan")
    page = client.get(posted.location).text
    assert UNFOLDED in page
    assert page.index(UNFOLDED) < page.index("Bay B is short of a clerk")
    assert FOLDED in client.get(f"/cycles/{cycle_id}").text
