"""Past views to the minute: ?as_of= is a moment typed in UK time, and the page shows the
group as it was recorded by then (what Learnloop knew at that moment)."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from uuid import UUID

import eventsourcing.domain
import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.cycle import Cycle
from domain.when import Happened
from tests.builders import plan
from tests.conftest import make_app, register, sign_in
from tests.web.conftest import Clock, services_of
from tests.web.hostile_values import MEASURE


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


# As it had happened by then: by the dates the team gave, including what was recorded later


def backfilled(app: Flask, clock: Clock) -> Ward:
    """Ward 7 formed on 1 December 2026, entering a ramp it ran in November 2025: the cycle
    opened on 3 November, an observation seen on 4 November at 9:30, a reflection learned on
    7 November; and a second observation recorded with no date (so, on 1 December 2026)."""
    s = services_of(app)
    clock.now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    ann = str(register(s.app, "Ann Facilitator"))
    group = s.app.form_group("Ward 7", "Home before noon", ann).id
    clock.advance(minutes=5)
    ask = plan("Criteria-led discharge")
    cycle = s.app.open_cycle(group, ask, ann, happened=Happened(date(2025, 11, 3))).id
    clock.advance(minutes=5)
    s.app.record_observation(cycle, "Two of five home by 11", ann, NOV_4_AT_0930)
    s.app.record_observation(cycle, "Seen as it was entered", ann)
    clock.advance(minutes=5)
    last = s.app.record_reflection(cycle, "Pharmacy holds the TTOs", ann, NOV_7)
    s.caught_up(last.notification_id)
    return Ward(group, cycle, sign_in(app.test_client(), UUID(ann)))


NOV_4_AT_0930 = Happened(date(2025, 11, 4), time(9, 30))
NOV_7 = Happened(date(2025, 11, 7))
AS_HAPPENED = "A past view: as it had happened by then</strong> (by the dates things happened"


def test_as_it_had_happened_a_ramp_entered_later_shows_on_the_days_it_ran(
    ward_app: Flask, recorded_clock: Clock
) -> None:
    made = backfilled(ward_app, recorded_clock)
    page = made.client.get(f"/cycles/{made.cycle_id}?as_of=2025-11-05&past=happened").text
    assert AS_HAPPENED in page
    assert "as it had happened by the end of 5 November 2025, UK time," in page
    assert "Two of five home by 11" in page
    assert "Pharmacy holds the TTOs" not in page  # learned on 7 November
    assert "Seen as it was entered" not in page  # no date: it happened when recorded
    assert 'id="past-happened" name="past" value="happened" checked>' in page
    group = made.client.get(f"/groups/{made.group_id}?as_of=2025-11-05&past=happened").text
    assert "Criteria-led discharge" in group
    assert "Home before noon" in group  # the group is the frame of the view


def test_as_it_was_recorded_then_the_group_did_not_exist_yet_and_the_page_offers_the_other(
    ward_app: Flask, recorded_clock: Clock
) -> None:
    made = backfilled(ward_app, recorded_clock)
    page = made.client.get(f"/cycles/{made.cycle_id}?as_of=2025-11-05").text
    assert "Ward 7 had not been formed yet" in page
    assert "A past view: as it was recorded by then" in page
    other = f"/cycles/{made.cycle_id}?as_of=2025-11-05&amp;past=happened"
    assert f'href="{other}">See it as it had happened by then</a>' in page
    back = made.client.get(other.replace("&amp;", "&")).text
    assert f'href="/cycles/{made.cycle_id}?as_of=2025-11-05">See it as it was recorded' in back


def test_as_it_had_happened_before_a_cycle_was_opened_says_on_which_day_it_was(
    ward_app: Flask, recorded_clock: Clock
) -> None:
    made = backfilled(ward_app, recorded_clock)
    page = made.client.get(f"/cycles/{made.cycle_id}?as_of=2025-11-02T12:00&past=happened")
    assert page.status_code == 200
    assert "Cycle 1 had not been opened yet" in page.text
    assert "“Criteria-led discharge”, was opened on 3 November 2025." in page.text
    assert "Nothing in it had happened by 12:00pm on 2 November 2025." in page.text
    link = f"/cycles/{made.cycle_id}?as_of=2025-11-04T00:00&amp;past=happened"
    assert f'href="{link}">See the cycle as it was just after it was opened' in page.text


def test_the_timeline_links_what_was_dated_earlier_to_the_group_as_it_had_happened(
    ward_app: Flask, recorded_clock: Clock
) -> None:
    made = backfilled(ward_app, recorded_clock)
    timeline = made.client.get(f"/groups/{made.group_id}/timeline").text
    seen = f"/groups/{made.group_id}?as_of=2025-11-04T09:30:01&amp;past=happened"
    assert f'href="{seen}"' in timeline
    assert "see the group as it had happened by 9:30:01am on 4 November 2025 UK time" in timeline
    opened = f"/groups/{made.group_id}?as_of=2025-11-04T00:00&amp;past=happened"
    assert "see the group as it had happened by the end of 3 November 2025" in timeline
    assert f'href="{opened}"' in timeline
    assert timeline.count(">as it had happened</a>") == 3  # not the undated, nor the group's
    assert timeline.count(">see the group then</a>") == 5


def test_the_timeline_as_it_had_happened_keeps_its_kind_of_past_on_filtering_and_paging(
    ward_app: Flask, recorded_clock: Clock
) -> None:
    made = backfilled(ward_app, recorded_clock)
    page = made.client.get(f"/groups/{made.group_id}/timeline?as_of=2025-11-05&past=happened")
    assert page.status_code == 200
    assert "Two of five home by 11" in page.text
    assert "Pharmacy holds the TTOs" not in page.text
    assert '<input type="hidden" name="past" value="happened">' in page.text


def test_points_show_as_they_had_happened_by_their_periods_whenever_recorded(
    ward_app: Flask, recorded_clock: Clock
) -> None:
    made = backfilled(ward_app, recorded_clock)
    s = services_of(ward_app)
    ann: str = s.app.repository.get(made.group_id).formed_by
    measure = s.app.define_measure(made.group_id, MEASURE, ann).id
    rows = "2025-10-01,12\n2025-11-01,9\n2025-12-01,4"
    s.caught_up(s.app.import_points(measure, rows, "paste", ann).notification_id)
    november = made.client.get(f"/groups/{made.group_id}/timeline?as_of=2025-11-05&past=happened")
    assert "recorded 2 values of “Falls at night” (pasted), from October 2025 to November" in (
        november.text
    )
    group = made.client.get(f"/groups/{made.group_id}?as_of=2025-11-05&past=happened").text
    assert "Falls at night</a>: 9 in November 2025" in group
    october = made.client.get(f"/groups/{made.group_id}?as_of=2025-10-31&past=happened").text
    assert "Falls at night</a>: 12 in October 2025" in october
    today = made.client.get(f"/groups/{made.group_id}").text
    assert "Falls at night</a>: 4 in December 2025" in today


def test_a_kind_of_past_that_is_not_one_is_refused_with_words(
    ward_app: Flask, recorded_clock: Clock
) -> None:
    made = backfilled(ward_app, recorded_clock)
    page = made.client.get(f"/groups/{made.group_id}?as_of=2025-11-05&past=imagined")
    assert page.status_code == 400
    assert "A past view is as it was recorded by then (past=recorded) or as it had" in page.text


def test_an_entry_stored_before_its_cycle_opened_still_loads_and_waits_for_its_cycle(
    ward_app: Flask, recorded_clock: Clock
) -> None:
    made = backfilled(ward_app, recorded_clock)
    s = services_of(ward_app)
    cycle: Cycle = s.app.repository.get(made.cycle_id)
    cycle.opened = None  # as an older snapshot: the rule cannot say
    cycle.record_reflection("Dated before the cycle", "ann", Happened(date(2025, 10, 20)))
    s.caught_up(s.app.save(cycle)[-1].notification.id)
    reloaded: Cycle = s.app.repository.get(made.cycle_id)  # its events still load
    assert reloaded.opened == "2025-11-03"
    before = made.client.get(f"/groups/{made.group_id}/timeline?as_of=2025-10-25&past=happened")
    assert before.status_code == 200
    assert "Dated before the cycle" not in before.text  # its cycle had not been opened yet
    after = made.client.get(f"/cycles/{made.cycle_id}?as_of=2025-11-03T12:00&past=happened")
    assert "Dated before the cycle" in after.text
