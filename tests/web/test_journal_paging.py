"""The cycle page shows a page of each journal list, newest last, and pages back by cursor."""

import html
import re
from datetime import datetime
from urllib.parse import quote
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient

from projections.queries import ENTRY_PAGE
from tests.builders import plan
from tests.web.conftest import HX, Made, services_of
from web.moments import just_after

N = ENTRY_PAGE
ACTS = 2 * N + 5  # two full pages and a short one
LEARNINGS = N + 2


@pytest.fixture
def long_journal(app: Flask, ann: UUID) -> Made:
    """A cycle with more act entries and more reflections than a page holds."""
    s = services_of(app)
    group = s.app.form_group("Ward 4", "No missed doses", str(ann))
    cycle = s.app.open_cycle(
        group.id, plan("Dose checklist", questions=[("Fewer misses?", "None")]), str(ann)
    )
    for n in range(ACTS):
        s.app.record_observation(cycle.id, f"Seen {n:03d}.", "Bob")
    for n in range(LEARNINGS):
        last = s.app.record_reflection(cycle.id, f"Learned {n:03d}.", "Bob")
    s.caught_up(last.notification_id)
    return Made(group.id, cycle.id)


def seen(body: str) -> list[int]:
    """The act entries on a page (or fragment), in the order shown."""
    return [int(n) for n in re.findall(r"Seen (\d{3})\.", body)]


def learned(body: str) -> list[int]:
    """The reflections on a page (or fragment), in the order shown."""
    return [int(n) for n in re.findall(r"Learned (\d{3})\.", body)]


def link(body: str, list_id: str, words: str) -> str | None:
    """The href (without its #anchor) of a list's "Earlier entries" or "Newest entries"."""
    found = re.search(rf'<a href="([^"#]*)#{list_id}-page"[^>]*>\s*{words}', body)
    return html.unescape(found.group(1)) if found else None


def test_only_the_newest_page_of_each_list_shows_in_recorded_order(
    client: FlaskClient, long_journal: Made
) -> None:
    page = client.get(f"/cycles/{long_journal.cycle_id}").text
    assert seen(page) == list(range(ACTS - N, ACTS))
    assert learned(page) == list(range(LEARNINGS - N, LEARNINGS))
    assert f"Earlier entries ({ACTS - N} more)" in page
    assert f"Earlier entries ({LEARNINGS - N} more)" in page
    assert "Newest entries" not in page


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_the_earlier_link_reaches_every_older_entry_once(
    client: FlaskClient, long_journal: Made, htmx: bool
) -> None:
    body = client.get(f"/cycles/{long_journal.cycle_id}").text
    pages = [seen(body)]
    while (earlier := link(body, "observations", r"Earlier entries")) is not None:
        assert "act_before=" in earlier
        answer = client.get(earlier, headers=HX if htmx else {})
        assert answer.status_code == 200
        body = answer.text
        # htmx gets the journal alone, holding the list it swaps in (hx-select).
        assert body.lstrip().startswith('<section id="journal"') == htmx
        assert 'id="observations-page"' in body
        pages.append(seen(body))
        # An older page leads back to the newest, and leaves the other list as it was.
        assert link(body, "observations", "Newest entries") == f"/cycles/{long_journal.cycle_id}"
        assert learned(body) == list(range(LEARNINGS - N, LEARNINGS))
    assert [len(p) for p in pages] == [N, N, ACTS - 2 * N]
    assert [n for p in reversed(pages) for n in p] == list(range(ACTS))


def test_each_list_pages_on_its_own_keeping_the_other_where_it_is(
    client: FlaskClient, long_journal: Made
) -> None:
    first = client.get(f"/cycles/{long_journal.cycle_id}").text
    older_acts = link(first, "observations", "Earlier entries")
    assert older_acts is not None
    body = client.get(older_acts).text
    older_learning = link(body, "reflections", "Earlier entries")
    assert older_learning is not None
    assert "act_before=" in older_learning
    body = client.get(older_learning).text
    assert seen(body) == list(range(ACTS - 2 * N, ACTS - N))
    assert learned(body) == list(range(LEARNINGS - N))
    assert "Earlier entries (2 more)" not in body  # the reflections are all shown now
    assert link(body, "reflections", "Earlier entries") is None


@pytest.mark.parametrize(
    "cursor",
    ["", "abc", "0", "-3", "1.5", " 12", "1_0", "١٢", "9" * 30, str(2**31), "12;drop"],
)
@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_a_malformed_cursor_shows_the_newest(
    client: FlaskClient, long_journal: Made, cursor: str, htmx: bool
) -> None:
    answer = client.get(
        f"/cycles/{long_journal.cycle_id}",
        query_string={"act_before": cursor, "reflect_before": cursor},
        headers=HX if htmx else {},
    )
    assert answer.status_code == 200
    assert seen(answer.text) == list(range(ACTS - N, ACTS))
    assert learned(answer.text) == list(range(LEARNINGS - N, LEARNINGS))
    assert "Newest entries" not in answer.text


def test_a_cursor_before_everything_shows_an_empty_page_and_the_way_back(
    client: FlaskClient, long_journal: Made
) -> None:
    body = client.get(f"/cycles/{long_journal.cycle_id}?act_before=1").text
    assert seen(body) == []
    assert "Nothing recorded yet" not in body  # the journal is not empty, the page is
    assert link(body, "observations", "Newest entries") == f"/cycles/{long_journal.cycle_id}"


def test_comments_and_corrections_show_for_the_entries_shown(
    client: FlaskClient, app: Flask, long_journal: Made, ann: UUID
) -> None:
    s = services_of(app)
    ids = long_journal.entry_ids(app)
    newest, oldest = ids[ACTS - 1], ids[0]
    s.app.comment(long_journal.cycle_id, newest.hex, "Note on the newest", str(ann))
    s.app.comment(long_journal.cycle_id, oldest.hex, "Note on the oldest", str(ann))
    s.app.comment(long_journal.cycle_id, "plan", "Note on the plan", str(ann))
    s.app.amend_entry(long_journal.cycle_id, newest, 1, "Seen 999.", "Typo", str(ann))
    last = s.app.amend_entry(long_journal.cycle_id, oldest, 1, "Seen 998.", "Typo", str(ann))
    s.caught_up(last.notification_id)

    first = client.get(f"/cycles/{long_journal.cycle_id}").text
    assert "Note on the newest" in first
    assert f"Original: <q>Seen {ACTS - 1:03d}.</q>" in first
    assert "Note on the plan" in first
    assert "Note on the oldest" not in first  # its entry is on another page
    assert "Original: <q>Seen 000.</q>" not in first

    oldest_page = client.get(f"/cycles/{long_journal.cycle_id}?act_before={N // 2}").text
    assert "Note on the oldest" in oldest_page
    assert "Original: <q>Seen 000.</q>" in oldest_page
    assert "Note on the newest" not in oldest_page
    assert "Note on the plan" in oldest_page


def test_which_forms_show_follows_the_whole_journal_not_the_page_shown(
    client: FlaskClient, long_journal: Made
) -> None:
    # Neither list has anything before seq 1, yet the cycle has acted and learned.
    body = client.get(f"/cycles/{long_journal.cycle_id}?act_before=1&reflect_before=1").text
    assert seen(body) == learned(body) == []
    assert 'id="compare_form"' in body
    assert 'id="reflection_form"' in body
    assert "Reflect once something has been observed" not in body
    assert "Adapt — revise the plan" in body
    assert "Decide once you have compared" not in body


def test_a_journal_post_shows_the_newest_page(client: FlaskClient, long_journal: Made) -> None:
    posted = client.post(
        f"/cycles/{long_journal.cycle_id}/reflections?reflect_before=5",
        data={"reflection_form-text": "Learned 500."},
        headers=HX,
    )
    assert posted.status_code == 200
    assert learned(posted.text) == [*range(LEARNINGS - N + 1, LEARNINGS), 500]


def test_a_past_view_pages_back_at_the_same_moment(
    client: FlaskClient, app: Flask, long_journal: Made
) -> None:
    last: datetime = services_of(app).app.repository.get(long_journal.cycle_id).modified_on
    moment = just_after(last)  # to the second, as the timeline links to it
    body = client.get(f"/cycles/{long_journal.cycle_id}?as_of={moment}").text
    assert seen(body) == list(range(ACTS - N, ACTS))
    earlier = link(body, "observations", "Earlier entries")
    assert earlier is not None
    assert f"as_of={quote(moment)}" in earlier
    older = client.get(earlier).text
    assert "A past view:" in older
    assert seen(older) == list(range(ACTS - 2 * N, ACTS - N))
    assert link(older, "observations", "Newest entries") == (
        f"/cycles/{long_journal.cycle_id}?as_of={quote(moment)}"
    )
