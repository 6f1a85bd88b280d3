"""The first slice in a real browser: htmx, the CSP and CSRF working together."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.site import Site
from tests.browser.steps import (
    SLICE_PLAN,
    assert_not_reloaded,
    form_group,
    open_cycle,
    post_from_journal,
    save_revision,
    screenshot,
    sign_in,
    without_refusals,
)

pytestmark = pytest.mark.browser

NAME = "Ann Facilitator"
OBSERVATION = "Only two of nine letters left before noon; the checklist sat in a drawer."
REFLECTION = "The checklist needs to live on the ward round trolley, not in a drawer."
HELP = "Who can get us a trolley with a clip for the checklist?"
CHANGE = "Move the checklist onto the trolley, because it was never seen in the drawer."
REVISED_OBJECTIVE = "Discharge letters go out before noon from the trolley"


def start(page: Page, site: Site) -> str:
    """Sign in, form a group and open its first cycle; return the cycle's URL."""
    sign_in(page, site.url, NAME)
    form_group(page)
    return open_cycle(page, SLICE_PLAN)


def record_observation(page: Page, text: str = OBSERVATION) -> None:
    """Record what was seen, through the act form."""
    page.get_by_label("What kind of entry").select_option(label="Observation")
    page.get_by_label("What you did or saw").fill(text)
    response = post_from_journal(page, "Record what happened", "/entries")
    assert response.status == 200
    expect(page.locator("#observations")).to_contain_text(text)


def test_a_team_member_runs_the_slice_by_clicking_and_htmx_swaps_fragments(
    page: Page, site: Site, console_errors: list[str], screenshots: Path
) -> None:
    cycle_url = start(page, site)
    journal = page.locator("#journal")

    record_observation(page)
    expect(journal.locator("#observations")).to_contain_text(NAME)
    expect(journal.locator("#observations .kind")).to_have_text(["Observation"])
    expect(page.get_by_label("What you did or saw")).to_have_value("")
    expect(journal.locator("#phase")).to_contain_text("act")
    assert_not_reloaded(page)
    assert page.url == cycle_url

    page.get_by_label("What we learned").fill(REFLECTION)
    response = post_from_journal(page, "Record learning", "/reflections")
    assert response.status == 200
    expect(journal.locator("#reflections")).to_contain_text(REFLECTION)
    expect(journal.locator("#phase")).to_contain_text("reflect")
    # Reflecting has begun, so the act form is gone: what was seen is now reflected on.
    expect(page.get_by_label("What you did or saw")).to_have_count(0)
    assert_not_reloaded(page)
    assert page.url == cycle_url
    screenshot(page, screenshots, "slice-cycle")

    page.get_by_role("link", name="Revise the plan", exact=True).click()
    expect(page.get_by_role("heading", name="Revise the plan of cycle 1")).to_be_visible()
    page.get_by_label(f"Learning by {NAME}: {REFLECTION}").check()
    page.get_by_label("What changed, and why").fill(CHANGE)
    page.get_by_label("Objective of this cycle").fill(REVISED_OBJECTIVE)
    save_revision(page, 1, 2)
    assert "/history" in page.url
    version = page.locator("#version-2")
    expect(version.get_by_role("heading", name="Version 2")).to_be_visible()
    expect(version.locator(".meta")).to_contain_text(f"Revised by {NAME}")
    expect(version.locator(".change")).to_contain_text(CHANGE)
    expect(version.locator(".cited")).to_contain_text(REFLECTION)
    expect(version.locator("ins").first).to_contain_text("trolley")
    assert console_errors == []


def test_a_blank_entry_is_refused_beside_the_field_without_a_reload(
    page: Page, site: Site, console_errors: list[str]
) -> None:
    start(page, site)
    record_observation(page)

    # Only spaces: blank once trimmed.
    page.get_by_label("What kind of entry").select_option(label="Problem")
    page.get_by_label("What you did or saw").fill("   ")
    response = post_from_journal(page, "Record what happened", "/entries")

    assert response.status == 422
    text = page.get_by_label("What you did or saw")
    field = page.locator(".field", has=text)
    expect(field.locator(".error-message")).to_have_text("Error: Enter what you did or saw.")
    expect(text).to_have_attribute("aria-invalid", "true")
    expect(text).to_have_attribute("aria-describedby", "act_form-text-error")
    # The refused form keeps its choices.
    expect(page.get_by_label("What kind of entry")).to_have_value("problem")
    expect(page.locator("#observations li.entry")).to_have_count(1)
    assert_not_reloaded(page)
    assert without_refusals(console_errors, response) == []


def test_a_refused_entry_keeps_the_learning_and_help_being_typed(
    page: Page, site: Site, console_errors: list[str]
) -> None:
    start(page, site)
    record_observation(page)

    page.get_by_label("What we learned").fill(REFLECTION)
    page.get_by_label("What help do you need?").fill(HELP)
    page.get_by_label("What you did or saw").fill("")
    response = post_from_journal(page, "Record what happened", "/entries")

    assert response.status == 422
    expect(page.locator("#act_form-text-error")).to_be_visible()
    expect(page.get_by_label("What we learned")).to_have_value(REFLECTION, timeout=1_000)
    expect(page.get_by_label("What help do you need?")).to_have_value(HELP, timeout=1_000)
    assert_not_reloaded(page)
    assert without_refusals(console_errors, response) == []


def test_a_recorded_entry_keeps_the_drafts_in_the_other_journal_forms(
    page: Page, site: Site, console_errors: list[str]
) -> None:
    start(page, site)
    record_observation(page)

    page.get_by_label("What we learned").fill(REFLECTION)
    page.get_by_label("What help do you need?").fill(HELP)
    entry = page.locator("#observations li.entry").first
    entry.locator("summary", has_text="Comment").click()
    entry.get_by_label("Comment").fill("Which drawer?")
    page.get_by_label("What kind of entry").select_option(label="Action taken")
    page.get_by_label("What you did or saw").fill("Put the checklist on the trolley.")
    response = post_from_journal(page, "Record what happened", "/entries")

    assert response.status == 200
    expect(page.locator("#observations li.entry")).to_have_count(2)
    # The recorded form starts afresh; every other draft comes back as it was typed.
    expect(page.get_by_label("What you did or saw")).to_have_value("")
    expect(page.get_by_label("What we learned")).to_have_value(REFLECTION, timeout=1_000)
    expect(page.get_by_label("What help do you need?")).to_have_value(HELP, timeout=1_000)
    first = page.locator("#observations li.entry").first
    expect(first.get_by_label("Comment")).to_have_value("Which drawer?", timeout=1_000)
    assert_not_reloaded(page)
    assert console_errors == []
