"""A cycle's requests for help show a page at a time, newest first, each with its answer
form; a group's page lists its newest open ones and says how many more there are."""

import re
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient

from projections.queries import HELP_PAGE
from tests.web.conftest import HX, Made, services_of
from tests.web.test_journal_paging import link

N = HELP_PAGE
ASKED = 2 * N + 3  # two full pages and a short one


@pytest.fixture
def much_help(app: Flask, made: Made, ann: UUID) -> Made:
    """A cycle with more requests for help than a page holds; the oldest one answered."""
    s = services_of(app)
    asked = [s.app.ask_for_help(made.cycle_id, f"Help {n:03d}?", str(ann)) for n in range(ASKED)]
    last = s.app.answer_help(asked[0].id, "Ask pharmacy.", str(ann))
    s.caught_up(last.notification_id)
    return made


def asked(body: str) -> list[int]:
    """The requests for help on a page (or fragment), in the order shown."""
    return [int(n) for n in re.findall(r"Help (\d{3})\?", body)]


def test_the_newest_page_shows_newest_first_each_with_its_answer_form(
    client: FlaskClient, much_help: Made
) -> None:
    body = client.get(f"/cycles/{much_help.cycle_id}").text
    assert asked(body) == list(range(ASKED - 1, ASKED - N - 1, -1))
    assert body.count("Send answer") == N
    assert f"Earlier requests for help ({ASKED - N} more)" in body
    assert "Newest requests for help" not in body


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_the_earlier_link_reaches_every_older_request_once(
    client: FlaskClient, much_help: Made, htmx: bool
) -> None:
    body = client.get(f"/cycles/{much_help.cycle_id}").text
    pages = [asked(body)]
    while (earlier := link(body, "requests", "Earlier requests for help")) is not None:
        assert "help_before=" in earlier
        answer = client.get(earlier, headers=HX if htmx else {})
        assert answer.status_code == 200
        body = answer.text
        assert 'id="requests-page"' in body
        pages.append(asked(body))
        assert link(body, "requests", "Newest requests for help") == (
            f"/cycles/{much_help.cycle_id}"
        )
    assert [len(p) for p in pages] == [N, N, ASKED - 2 * N]
    assert [n for p in pages for n in p] == list(range(ASKED - 1, -1, -1))
    assert "Ask pharmacy." in body  # the oldest page shows its answer


def test_paging_help_keeps_the_journal_where_it_is(client: FlaskClient, much_help: Made) -> None:
    first = client.get(f"/cycles/{much_help.cycle_id}?act_before=99").text
    earlier = link(first, "requests", "Earlier requests for help")
    assert earlier is not None
    assert "act_before=99" in earlier
    assert "help_before=" in earlier


@pytest.mark.parametrize("cursor", ["", "abc", "0", str(UUID(int=0)), "12;drop", "٣"])
def test_a_malformed_or_unknown_help_cursor_shows_the_newest(
    client: FlaskClient, much_help: Made, cursor: str
) -> None:
    answer = client.get(f"/cycles/{much_help.cycle_id}", query_string={"help_before": cursor})
    assert answer.status_code == 200
    assert asked(answer.text) == list(range(ASKED - 1, ASKED - N - 1, -1))


def test_the_group_page_lists_the_newest_open_requests_and_how_many_are_open(
    client: FlaskClient, much_help: Made
) -> None:
    body = client.get(f"/groups/{much_help.group_id}").text
    # The oldest was answered, so it is no longer open.
    assert asked(body) == list(range(ASKED - 1, ASKED - N - 1, -1))
    assert f"The newest {N} of {ASKED - 1} open requests." in body
    assert f"/groups/{much_help.group_id}/timeline?kind=help" in body
