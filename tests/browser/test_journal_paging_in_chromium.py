"""A long journal in a real browser: htmx swaps one list's page, leaving the drafts alone."""

from uuid import UUID

import pytest
from playwright.sync_api import Page, expect

from projections.queries import ENTRY_PAGE
from tests.browser.site import Site
from tests.browser.steps import (
    assert_not_reloaded,
    form_group,
    mark_the_window,
    open_cycle,
    sign_in,
    wait_for_swap,
)

pytestmark = pytest.mark.browser

NAME = "Ann Facilitator"
OLDER = 5
DRAFT = "Half-typed: the porters came at ten"


def test_earlier_entries_swap_in_the_older_page_and_keep_what_was_typed(
    page: Page, site: Site, console_errors: list[str]
) -> None:
    sign_in(page, site.url, NAME)
    form_group(page)
    cycle_url = open_cycle(page)
    cycle_id = UUID(cycle_url.rsplit("/", 1)[-1])
    app = site.services.app
    for n in range(ENTRY_PAGE + OLDER):
        last = app.record_observation(cycle_id, f"Seen {n:03d}.", str(site.accounts[NAME]))
    site.services.caught_up(last.notification_id)
    page.goto(cycle_url)
    entries = page.locator("#observations li.entry")
    expect(entries).to_have_count(ENTRY_PAGE)
    page.get_by_label("What you did or saw").fill(DRAFT)

    mark_the_window(page)
    page.get_by_role("link", name=f"Earlier entries ({OLDER} more)").click()
    wait_for_swap(page)
    expect(entries).to_have_count(OLDER)
    expect(entries.first).to_contain_text("Seen 000.")
    expect(page.get_by_label("What you did or saw")).to_have_value(DRAFT)

    mark_the_window(page)
    page.get_by_role("link", name="Newest entries").click()
    wait_for_swap(page)
    expect(entries).to_have_count(ENTRY_PAGE)
    expect(entries.last).to_contain_text(f"Seen {ENTRY_PAGE + OLDER - 1:03d}.")
    expect(page.get_by_label("What you did or saw")).to_have_value(DRAFT)
    assert_not_reloaded(page)
    assert console_errors == []
