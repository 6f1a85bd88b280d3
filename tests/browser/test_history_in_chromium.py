"""The back and forward buttons on boosted pages: after a link followed by htmx, after a
form post that led to a page, and when htmx no longer keeps the page and asks for it."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.site import Site
from tests.browser.steps import form_group, open_cycle, post_from_journal, sign_in

pytestmark = pytest.mark.browser

ANN = "Ann Facilitator"
GROUP = "Ward 7 discharges"
OBSERVATION = "Four of nine letters left before noon; two waited on pharmacy."
LEARNING = "Letters waiting on pharmacy need their own step."
CYCLE = "Cycle 1: Discharge letters go out before noon"
TITLE = f"Cycle 1 · {GROUP} · Learnloop"  # the page's title, said when htmx puts it in place


def forget_the_history(page: Page) -> None:
    """Empty htmx's copies of the pages visited: going back must ask the server again."""
    page.evaluate("sessionStorage.removeItem('htmx-history-cache')")


def a_whole_page(page: Page, heading: str) -> None:
    """The page has its heading, and one header, main and footer: not a fragment alone,
    nor a page inside a page; the first Tab reaches the skip link."""
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    for part in ("header.site", "main", "footer.site"):
        expect(page.locator(part)).to_have_count(1)
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()


def test_back_and_forward_after_a_boosted_link_show_the_pages_as_they_were(
    page: Page, site: Site, console_errors: list[str]
) -> None:
    sign_in(page, site.url, ANN)
    group_url = form_group(page, GROUP)
    cycle_url = open_cycle(page)
    post_from_journal(page, "Record what happened", "/entries")  # blank: refused, no matter
    page.get_by_label("What you did or saw").fill(OBSERVATION)
    post_from_journal(page, "Record what happened", "/entries")
    page.locator("nav.crumbs").get_by_role("link", name=GROUP).click()
    a_whole_page(page, GROUP)

    # htmx kept the cycle page as it was left, the swapped-in observation with it.
    page.go_back()
    expect(page).to_have_url(cycle_url)
    a_whole_page(page, CYCLE)
    expect(page.locator("#observations")).to_contain_text(OBSERVATION)
    page.go_forward()
    expect(page).to_have_url(group_url)
    a_whole_page(page, GROUP)

    # Kept no longer (say the visit was long ago): htmx asks the server, which answers with
    # the whole page, not the fragment it gives htmx's other requests.
    forget_the_history(page)
    page.go_back()
    expect(page).to_have_url(cycle_url)
    a_whole_page(page, CYCLE)
    expect(page.locator("#observations")).to_contain_text(OBSERVATION)
    # And the page restored works: a post swaps the journal in place again.
    page.get_by_label("What you did or saw").fill("A second observation.")
    post_from_journal(page, "Record what happened", "/entries")
    expect(page.locator("#journal-heading")).to_be_focused()
    expect(page.locator("#announcer")).to_have_text("Observation recorded")
    assert [e for e in console_errors if "status of 422" not in e] == [], console_errors


def test_back_after_a_decision_posted_and_followed_to_the_cycle_page(
    page: Page, site: Site, console_errors: list[str]
) -> None:
    sign_in(page, site.url, ANN)
    form_group(page, GROUP)
    cycle_url = open_cycle(page)
    page.get_by_label("What you did or saw").fill(OBSERVATION)
    post_from_journal(page, "Record what happened", "/entries")
    page.get_by_label("What we learned").fill(LEARNING)
    post_from_journal(page, "Record learning", "/reflections")
    # The decision is a plain form: htmx boosts it, follows the redirect and shows the page.
    page.get_by_label("Adopt and implement", exact=False).check()
    page.get_by_label("Why").fill("Half the letters went before noon.")
    page.get_by_role("button", name="Record decision").click()
    expect(page.locator("#decision")).to_contain_text("Decided to adopt")
    expect(page.locator("#announcer")).to_have_text(f"Decision recorded. {TITLE}")
    expect(page).to_have_url(cycle_url)

    # Back: the same address, and htmx keeps one copy of a page per address, the newest:
    # the cycle as it stands, decided (not a form that would be refused); its title is said,
    # the decision not again.
    page.go_back()
    expect(page).to_have_url(cycle_url)
    a_whole_page(page, CYCLE)
    expect(page.locator("#decision")).to_contain_text("Decided to adopt")
    expect(page.get_by_role("button", name="Record decision")).to_have_count(0)
    expect(page.locator("#announcer")).to_have_text(TITLE)  # which page, not the decision

    # Forward, with no copy kept: the server's whole page, decided.
    forget_the_history(page)
    page.go_forward()
    expect(page).to_have_url(cycle_url)
    a_whole_page(page, CYCLE)
    expect(page.locator("#decision")).to_contain_text("Decided to adopt")
    assert console_errors == [], console_errors
