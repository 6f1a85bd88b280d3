"""Every page, as a whole page and as the fragment htmx asks for."""

import pytest
from flask.testing import FlaskClient

from tests.web.conftest import HX, Made


def test_the_group_list_says_so_when_there_are_no_groups(client: FlaskClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "No pilot groups yet" in page.text
    assert "<html" in page.text


def test_the_group_list_as_an_htmx_request_is_the_form_fragment_alone(
    client: FlaskClient,
) -> None:
    fragment = client.get("/", headers=HX)
    assert fragment.status_code == 200
    assert "<html" not in fragment.text
    assert 'id="group-form"' in fragment.text


def test_a_boosted_request_gets_the_whole_page(client: FlaskClient, made: Made) -> None:
    page = client.get(f"/cycles/{made.cycle_id}", headers={**HX, "HX-Boosted": "true"})
    assert "<html" in page.text
    assert "Criteria-led discharge" in page.text


@pytest.mark.parametrize(
    ("path", "whole", "fragment_marker"),
    [
        ("/groups/{g}", "Ward 7", 'id="cycles"'),
        ("/groups/{g}/cycles/new", "Which method will the group follow?", 'id="question-form"'),
        ("/cycles/{c}", "Plan <small>version 1", 'id="journal"'),
        ("/cycles/{c}/revise", "Revise the plan of cycle 1", 'id="revision-form"'),
        ("/cycles/{c}/history", "How the plan of cycle 1 changed", 'id="history"'),
    ],
)
def test_each_page_renders_whole_and_as_a_fragment(
    client: FlaskClient, made: Made, path: str, whole: str, fragment_marker: str
) -> None:
    url = path.format(g=made.group_id, c=made.cycle_id)
    page = client.get(url)
    fragment = client.get(url, headers=HX)
    assert (page.status_code, fragment.status_code) == (200, 200)
    assert whole in page.text
    assert "<html" in page.text
    assert fragment_marker in fragment.text
    assert "<html" not in fragment.text


@pytest.mark.parametrize(
    "path",
    [
        "/groups/00000000-0000-0000-0000-000000000000",
        "/cycles/00000000-0000-0000-0000-000000000000",
        "/cycles/00000000-0000-0000-0000-000000000000/history",
        "/cycles/not-a-uuid",
    ],
)
def test_unknown_ids_get_a_friendly_404(client: FlaskClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 404
    assert "Traceback" not in page.text
    assert "Back to the groups" in page.text


def test_the_cycle_page_offers_no_reflection_form_before_an_observation(
    client: FlaskClient, made: Made
) -> None:
    fresh = client.post(
        f"/groups/{made.group_id}/cycles",
        data={
            "objective": "Second test",
            "questions-0-question": "Q?",
            "questions-0-prediction": "P",
        },
    )
    page = client.get(fresh.headers["Location"])
    assert 'id="act_form"' in page.text
    assert 'id="reflection_form"' not in page.text
    assert "Reflect once something has been observed" in page.text
