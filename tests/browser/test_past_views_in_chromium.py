"""A past view chosen from the timeline in a real browser: the link just after an event,
then another moment typed into the page's date-and-time field; and a ramp entered later
than it ran, seen as it had happened by then and as it was recorded by then."""

from datetime import UTC, date, datetime, time
from pathlib import Path
from uuid import UUID

import eventsourcing.domain
import pytest
from playwright.sync_api import Page, expect

from domain.when import Happened
from tests.browser.site import Site
from tests.browser.steps import phone_width_problems, screenshot, sign_in
from tests.builders import plan
from tests.web.conftest import Clock

pytestmark = pytest.mark.browser

NAME = "Ann Facilitator"


def recorded_on_the_first(site: Site) -> UUID:
    """Ward 7 as recorded on 1 December 2026 (UK time is UTC then): formed at 09:00, its
    cycle opened at 09:30, an observation at 09:45 and the learning at 10:01:20."""
    s, ann, clock = site.services, str(site.accounts[NAME]), Clock()
    clock.now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(eventsourcing.domain, "datetime_now_with_tzinfo", clock)
        group = s.app.form_group("Ward 7", "Home before noon", ann).id
        clock.advance(minutes=30)
        cycle = s.app.open_cycle(group, plan("Criteria-led discharge"), ann).id
        clock.advance(minutes=15)
        s.app.record_observation(cycle, "Pharmacy held one patient", ann)
        clock.advance(minutes=16, seconds=20)
        s.caught_up(
            s.app.record_reflection(cycle, "Order drugs the day before", ann).notification_id
        )
    return group


def test_a_past_view_is_chosen_from_the_timeline_then_moved_to_another_minute(
    page: Page, site: Site, console_errors: list[str], screenshots: Path
) -> None:
    group = recorded_on_the_first(site)
    sign_in(page, site.url, NAME)
    page.goto(f"{site.url}/groups/{group}/timeline")
    page.get_by_role(
        "link", name="see the group then, just after 9:30am on 1 December 2026"
    ).click()

    expect(page).to_have_url(f"{site.url}/groups/{group}?as_of=2026-12-01T09:30:01")
    banner = page.get_by_role("note")
    expect(banner).to_contain_text("A past view: as it was recorded by then")
    expect(banner).to_contain_text("as it was recorded at 9:30:01am on 1 December 2026, UK time")
    cycle = page.locator("#cycles li", has_text="Cycle 1: Criteria-led discharge")
    expect(cycle.locator(".phase")).to_have_text("plan")  # nothing observed yet
    moment = page.get_by_label("See this page as it was at (UK time)")
    expect(moment).to_have_value("2026-12-01T09:30:01")

    moment.fill("2026-12-01T10:02")
    page.get_by_role("button", name="Show").click()
    expect(banner).to_contain_text("as it was recorded at 10:02am on 1 December 2026, UK time")
    expect(cycle.locator(".phase")).to_have_text("reflect")  # the learning, at 10:01:20
    expect(page).to_have_url(f"{site.url}/groups/{group}?as_of=2026-12-01T10%3A02&past=recorded")
    screenshot(page, screenshots, "past-view-group")
    page.set_viewport_size({"width": 375, "height": 800})
    assert phone_width_problems(page) == ([], [])  # the date-and-time field fits a phone
    assert console_errors == []


def backfilled_today(site: Site) -> UUID:
    """Ward 7, formed today, entering the ramp it ran in November 2025: the cycle opened on
    3 November, an observation seen on 4 November at 9:30, the learning on 7 November."""
    s, ann = site.services, str(site.accounts[NAME])
    group = s.app.form_group("Ward 7", "Home before noon", ann).id
    opened = Happened(date(2025, 11, 3))
    cycle = s.app.open_cycle(group, plan("Criteria-led discharge"), ann, happened=opened).id
    seen = Happened(date(2025, 11, 4), time(9, 30))
    s.app.record_observation(cycle, "Two of five home by 11", ann, seen)
    learned = s.app.record_reflection(
        cycle, "Pharmacy holds the TTOs", ann, Happened(date(2025, 11, 7))
    )
    s.caught_up(learned.notification_id)
    return group


def test_a_ramp_entered_later_is_seen_as_it_had_happened_and_as_it_was_recorded(
    page: Page, site: Site, console_errors: list[str], screenshots: Path
) -> None:
    group = backfilled_today(site)
    sign_in(page, site.url, NAME)
    page.goto(f"{site.url}/groups/{group}/timeline")
    page.get_by_role(
        "link", name="see the group as it had happened by the end of 3 November 2025"
    ).click()

    expect(page).to_have_url(f"{site.url}/groups/{group}?as_of=2025-11-04T00:00&past=happened")
    banner = page.get_by_role("note")
    expect(banner).to_contain_text("A past view: as it had happened by then")
    cycle = page.locator("#cycles li", has_text="Cycle 1: Criteria-led discharge")
    expect(cycle.locator(".phase")).to_have_text("plan")  # opened that day, nothing seen yet
    expect(page.get_by_label("As it had happened by then")).to_be_checked()

    page.get_by_role("link", name="See it as it was recorded by then").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ward 7 had not been formed yet")
    expect(banner).to_contain_text("A past view: as it was recorded by then")

    page.goto(f"{site.url}/groups/{group}")  # today: the moment form chooses the past too
    page.get_by_label("See this page as it was at (UK time)").fill("2025-11-05T17:00")
    page.get_by_label("As it had happened by then").check()
    page.get_by_role("button", name="Show").click()
    expect(banner).to_contain_text("as it had happened by 5:00pm on 5 November 2025, UK time")
    expect(cycle.locator(".phase")).to_have_text("act")  # seen on the 4th, learned on the 7th
    screenshot(page, screenshots, "past-view-as-happened")
    assert console_errors == []
