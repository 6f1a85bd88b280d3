"""The database out of reach, seen in a real browser: htmx keeps the page and what was
typed, says why nothing happened, and the same form sent again records it once."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import serving
from tests.browser.site import Site
from tests.browser.steps import (
    assert_not_reloaded,
    form_group,
    mark_the_window,
    open_cycle,
    sign_in,
    wait_for_swap,
)
from tests.faults.fixtures import postgres_behind_proxy  # noqa: F401 (a fixture)
from tests.faults.proxy import Proxy

pytestmark = pytest.mark.browser

NAME = "Ann Facilitator"
DRAFT = "Porters came at ten, not at nine"
UNREACHABLE = "Learnloop can't reach its database just now."


@pytest.fixture
def proxy(postgres_behind_proxy: tuple[str, Proxy]) -> Proxy:  # noqa: F811
    """The proxy between the site and its PostgreSQL database."""
    return postgres_behind_proxy[1]


RECOVERY_MS = 30_000


@pytest.fixture
def site(postgres_behind_proxy: tuple[str, Proxy]) -> Iterator[Site]:  # noqa: F811
    """The app on PostgreSQL through the proxy, with CSRF on, served on a free local port."""
    with serving(postgres_behind_proxy[0], [NAME]) as served:
        yield served


def test_a_post_during_a_cut_keeps_the_text_says_why_and_records_once_when_sent_again(
    page: Page, site: Site, proxy: Proxy, console_errors: list[str]
) -> None:
    sign_in(page, site.url, NAME)
    form_group(page)
    cycle_url = open_cycle(page)
    form = page.locator("#act_form")
    form.get_by_label("What you did or saw").fill(DRAFT)
    mark_the_window(page)

    proxy.cut()
    form.get_by_role("button", name="Record what happened").click()
    expect(form.get_by_role("alert")).to_contain_text(UNREACHABLE)
    expect(form.get_by_label("What you did or saw")).to_have_value(DRAFT)
    page.locator("nav.crumbs").get_by_role("link", name="Ward 7 discharges").click()
    expect(page.locator("#main > .alert[role=alert]")).to_contain_text(UNREACHABLE)
    expect(page).to_have_url(cycle_url)

    proxy.restore()
    form.get_by_role("button", name="Record what happened").click()
    wait_for_swap(page)
    # The first write after a cut waits while the store's pool connects again: seconds on
    # a loaded machine. What is checked is that it lands, once, not how soon.
    expect(page.locator("#observations")).to_contain_text(DRAFT, timeout=RECOVERY_MS)
    expect(page.get_by_text(UNREACHABLE)).to_have_count(0)
    assert page.locator("#journal").inner_text().count(DRAFT) == 1
    assert_not_reloaded(page)
    # The browser reports each 503 it got; nothing else may go wrong.
    assert [e for e in console_errors if "503" not in e and "responseError" not in e] == []
