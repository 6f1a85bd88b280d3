"""Past views to the minute: ?as_of= is a moment typed in UK time, and the page shows the
group as it was recorded by then (what Learnloop knew at that moment)."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

import eventsourcing.domain
import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.builders import plan
from tests.conftest import make_app, register, sign_in
from tests.web.conftest import Clock, services_of


@dataclass
class Ward:
    """A group recorded at known moments, and a client signed in as its facilitator."""

    group_id: UUID
    cycle_id: UUID
    client: FlaskClient


@pytest.fixture
def recorded_clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """The clock every event's recorded time is read from, moved by hand."""
    moved = Clock()
    monkeypatch.setattr(eventsourcing.domain, "datetime_now_with_tzinfo", moved)
    return moved


@pytest.fixture
def ward_app(database_url: str) -> Iterator[Flask]:
    """The web app on each database in turn."""
    app = make_app(database_url)
    yield app
    services_of(app).close()


def ward(app: Flask, clock: Clock, when: datetime) -> Ward:
    """Ward 7 formed at `when` (UTC), its cycle opened at +30 minutes, an observation at +45
    and a reflection recorded at +61 minutes 20 seconds."""
    s = services_of(app)
    clock.now = when
    ann = register(s.app, "Ann Facilitator")
    group = s.app.form_group("Ward 7", "Home before noon", str(ann)).id
    clock.advance(minutes=30)
    cycle = s.app.open_cycle(group, plan("Criteria-led discharge"), str(ann)).id
    clock.advance(minutes=15)
    s.app.record_observation(cycle, "Pharmacy held one patient", str(ann))
    clock.advance(minutes=16, seconds=20)
    s.caught_up(
        s.app.record_reflection(cycle, "Order drugs the day before", str(ann)).notification_id
    )
    return Ward(group, cycle, sign_in(app.test_client(), ann))


def test_a_past_view_to_the_minute_shows_what_was_recorded_before_that_minute(
    ward_app: Flask, recorded_clock: Clock
) -> None:
    made = ward(ward_app, recorded_clock, datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    before = made.client.get(f"/cycles/{made.cycle_id}?as_of=2026-12-01T10:01").text
    after = made.client.get(f"/cycles/{made.cycle_id}?as_of=2026-12-01T10:02").text
    assert "Order drugs the day before" not in before  # recorded at 10:01:20
    assert "Order drugs the day before" in after
    assert "as it was recorded at 10:02am on 1 December 2026, UK time," in after
    assert 'type="datetime-local" id="as_of" name="as_of" value="2026-12-01T10:02"' in after


def test_a_moment_typed_in_summer_is_uk_time_and_the_page_says_so(
    ward_app: Flask, recorded_clock: Clock
) -> None:
    made = ward(ward_app, recorded_clock, datetime(2026, 7, 1, 8, 0, tzinfo=UTC))
    # The reflection was recorded at 09:01:20 UTC, which was 10:01:20 in the UK (BST).
    before = made.client.get(f"/groups/{made.group_id}/timeline?as_of=2026-07-01T10:01").text
    after = made.client.get(f"/groups/{made.group_id}/timeline?as_of=2026-07-01T10:02").text
    assert "Order drugs the day before" not in before
    assert "Order drugs the day before" in after
    assert "as it was recorded at 10:02am on 1 July 2026, UK time (09:02 UTC)," in after


def test_a_day_alone_means_the_end_of_that_day_in_the_uk(
    ward_app: Flask, recorded_clock: Clock
) -> None:
    made = ward(ward_app, recorded_clock, datetime(2026, 7, 1, 8, 0, tzinfo=UTC))
    page = made.client.get(f"/cycles/{made.cycle_id}?as_of=2026-07-01").text
    assert "Order drugs the day before" in page
    assert "as it was recorded at the end of 1 July 2026, UK time (23:00 UTC)," in page


def test_the_banner_says_which_past_it_is_and_that_nothing_can_be_recorded(
    ward_app: Flask, recorded_clock: Clock
) -> None:
    made = ward(ward_app, recorded_clock, datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    page = made.client.get(f"/groups/{made.group_id}?as_of=2026-12-01T17:22").text
    assert (
        "A past view: as it was recorded by then</strong> (what Learnloop knew at that moment)"
        in page
    )
    assert "as it was recorded at 5:22pm on 1 December 2026, UK time," in page
    assert "nothing can be recorded here" in page
    assert "See this page as it was at (UK time)" in page
    assert 'id="past-recorded" name="past" value="recorded" checked>' in page
    assert '<strong>Ann Facilitator</strong> <span class="badge">facilitator</span>' in page
    assert f'href="/groups/{made.group_id}/timeline?as_of=2026-12-01T17:22"' in page  # stays then


def test_a_moment_of_today_is_a_past_view_of_that_moment(
    ward_app: Flask, recorded_clock: Clock
) -> None:
    made = ward(ward_app, recorded_clock, datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    page = made.client.get(f"/groups/{made.group_id}?as_of=2999-01-01T09:00").text
    assert "A past view: as it was recorded by then" in page
    assert "1 January 2999" not in page  # a moment to come is shown as now
    assert "Open a new ramp" not in page  # the past is read-only
    assert "Open a new ramp" in made.client.get(f"/groups/{made.group_id}").text


def test_a_moment_before_the_group_was_formed_says_when_it_was_and_links_there(
    ward_app: Flask, recorded_clock: Clock
) -> None:
    made = ward(ward_app, recorded_clock, datetime(2026, 12, 1, 9, 0, 15, 500, tzinfo=UTC))
    for path in (f"/groups/{made.group_id}", f"/cycles/{made.cycle_id}"):
        page = made.client.get(f"{path}?as_of=2026-12-01T09:00")
        assert page.status_code == 200
        assert "Ward 7 had not been formed yet" in page.text
        assert "Ward 7 was formed at 9:00:15am on 1 December 2026, UK time." in page.text
        assert "mistyped address" not in page.text
    link = f"/groups/{made.group_id}?as_of=2026-12-01T09:00:16"
    assert f'href="{link}"' in page.text
    then = made.client.get(link).text
    assert "Home before noon" in then  # the group just after it was formed
    assert "Criteria-led discharge" not in then  # its cycle came later


def test_a_moment_before_the_cycle_was_opened_says_when_it_was_and_links_there(
    ward_app: Flask, recorded_clock: Clock
) -> None:
    made = ward(ward_app, recorded_clock, datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    page = made.client.get(f"/cycles/{made.cycle_id}?as_of=2026-12-01T09:15")
    assert page.status_code == 200
    assert "Cycle 1 had not been opened yet" in page.text
    assert "“Criteria-led discharge”, was opened at 9:30am on 1 December 2026, UK time." in (
        page.text
    )
    link = f"/cycles/{made.cycle_id}?as_of=2026-12-01T09:30:01"
    assert f'href="{link}"' in page.text
    assert f'href="/groups/{made.group_id}?as_of=2026-12-01T09:15"' in page.text
    then = made.client.get(link).text
    assert "Cycle 1: Criteria-led discharge" in then
    assert "Pharmacy held one patient" not in then  # observed at 09:45


def test_each_timeline_entry_links_to_the_group_just_after_it(
    ward_app: Flask, recorded_clock: Clock
) -> None:
    made = ward(ward_app, recorded_clock, datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    timeline = made.client.get(f"/groups/{made.group_id}/timeline").text
    opened = f"/groups/{made.group_id}?as_of=2026-12-01T09:30:01"
    assert f'href="{opened}"' in timeline
    assert "see the group then, just after 9:30am on 1 December 2026 UK time" in timeline
    then = made.client.get(opened).text
    assert "Criteria-led discharge" in then  # opened at exactly 09:30:00, so included
    assert 'value="2026-12-01T09:30:01" step="1"' in then  # the form keeps the second
    assert "as it was recorded at 9:30:01am on 1 December 2026" in then


@pytest.mark.parametrize(
    "typed",
    ["yesterday", "2026-12-01T25:00", "2026-02-30", "2026-12-01 10:00", "9999-12-31", "0"],
)
def test_a_moment_that_is_not_one_is_refused_with_words_not_a_stack_trace(
    client: FlaskClient, app: Flask, ann: UUID, typed: str
) -> None:
    s = services_of(app)
    formed = s.app.form_group("Ward 7", "Home before noon", str(ann))
    s.caught_up(formed.notification_id)
    page = client.get(f"/groups/{formed.id}", query_string={"as_of": typed})
    assert page.status_code == 400
    assert "Give the moment in UK time as YYYY-MM-DDTHH:MM (for example" in page.text
    assert "Traceback" not in page.text
