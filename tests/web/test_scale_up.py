"""Adopt offers two choices through the web: scale up (the ramp goes on) or implement."""

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.web.conftest import HX, Made, events_in

NEXT_PLAN = {
    "objective": "Criteria-led discharge",
    "questions-0-question": "Home by 11?",
    "questions-0-prediction": "Most of the ward",
}


def scale_up(client: FlaskClient, app: Flask, made: Made, htmx: bool, scale: str) -> TestResponse:
    return client.post(
        f"/cycles/{made.cycle_id}/scale-up",
        data={
            **NEXT_PLAN,
            "change": "Worked in Bay B: the whole ward next",
            "cites": [str(made.entry_ids(app)[1])],
            "scale": scale,
        },
        headers=HX if htmx else {},
    )


def test_the_cycle_offers_both_adopt_choices(client: FlaskClient, made: Made) -> None:
    page = client.get(f"/cycles/{made.cycle_id}").text
    assert "Adopt and scale up — test it at a larger scale in cycle 2" in page
    assert "Adopt and implement — keep the change; the ramp ends" in page
    form = client.get(f"/cycles/{made.cycle_id}/scale-up").text
    assert "Adopt and scale up: plan cycle 2" in form
    assert "Criteria-led discharge" in form  # starts from this cycle's plan
    assert "Scale up and open cycle 2" in form


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_scaling_up_opens_the_next_cycle_and_the_ramp_shows_the_scale_growing(
    client: FlaskClient, app: Flask, made: Made, htmx: bool
) -> None:
    posted = scale_up(client, app, made, htmx, "Ward 7, 1 week")
    assert posted.status_code == (200 if htmx else 303)
    landing = posted.headers["HX-Location" if htmx else "Location"]
    second = client.get(landing).text
    assert "Cycle 2: Criteria-led discharge" in second
    assert "Ward 7, 1 week" in second
    first = client.get(f"/cycles/{made.cycle_id}").text
    assert "Decided to adopt and scale up" in first
    assert "which tests the change at a larger scale" in first
    group = client.get(f"/groups/{made.group_id}").text
    assert "Scale: not stated → Ward 7, 1 week" in group
    assert "adopted and scaling up" in group
    history = client.get(f"{landing}/history?ramp=1").text
    assert "scale: not stated" in history
    assert "scale: Ward 7, 1 week" in history
    assert "Cycle 2, version 1 — scaled up from cycle 1" in history


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_scaling_up_without_the_new_scale_is_refused_next_to_it_and_writes_nothing(
    client: FlaskClient, app: Flask, made: Made, htmx: bool
) -> None:
    before = events_in(app)
    posted = scale_up(client, app, made, htmx, " ")
    assert posted.status_code == 422
    assert "Enter the scale." in posted.text
    assert "Worked in Bay B: the whole ward next" in posted.text
    assert events_in(app) == before


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_adopting_to_implement_ends_the_ramp(client: FlaskClient, made: Made, htmx: bool) -> None:
    decided = client.post(
        f"/cycles/{made.cycle_id}/decision",
        data={"decision_form-decision": "adopt", "decision_form-reason": "It works"},
        headers=HX if htmx else {},
    )
    assert decided.status_code == (200 if htmx else 303), decided.status_code
    page = client.get(f"/cycles/{made.cycle_id}").text
    assert "Decided to adopt</strong> by" in page
    assert "This closes the ramp." in page
    group = client.get(f"/groups/{made.group_id}").text
    assert "Ramp 1 — adopted" in group
    assert "scale: not stated" in group


def test_the_dashboard_and_timeline_name_a_scale_up(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    assert scale_up(client, app, made, False, "Ward 7, 1 week").status_code == 303
    dashboard = client.get("/dashboard").text
    assert "(0 adopted, 1 adopted and scaled up, 0 adapted, 0 abandoned)" in dashboard
    assert "cycle 2</a> in Plan" in dashboard  # the ramp goes on
    timeline = client.get(f"/groups/{made.group_id}/timeline").text
    assert (
        "adopted the change and scaled it up: “Worked in Bay B: the whole ward next”" in timeline
    )
    assert "carried the plan into cycle 2 (scale: “Ward 7, 1 week”)" in timeline
    assert "ramp finished" not in timeline
