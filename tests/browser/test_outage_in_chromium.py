"""The database out of reach, seen in a real browser: htmx keeps the page and what was
typed, says why nothing happened, and the same form sent again records it once."""

import threading
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from werkzeug.serving import make_server

from tests.browser.site import Site
from tests.browser.steps import (
    assert_not_reloaded,
    form_group,
    mark_the_window,
    open_cycle,
    sign_in,
    wait_for_swap,
)
from tests.conftest import make_app, register
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


@pytest.fixture
def site(postgres_behind_proxy: tuple[str, Proxy]) -> Iterator[Site]:  # noqa: F811
    """The app on PostgreSQL through the proxy, with CSRF on, served on a free local port."""
    app = make_app(postgres_behind_proxy[0], WTF_CSRF_ENABLED=True)
    services = app.extensions["learnloop"]
    registered = {NAME: register(services.app, NAME)}
    services.runner.catch_up()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield Site(f"http://127.0.0.1:{server.server_port}", app, registered)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        services.close()


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
    expect(page.locator("#observations")).to_contain_text(DRAFT)
    expect(page.get_by_text(UNREACHABLE)).to_have_count(0)
    assert page.locator("#journal").inner_text().count(DRAFT) == 1
    assert_not_reloaded(page)
    # The browser reports each 503 it got; nothing else may go wrong.
    assert [e for e in console_errors if "503" not in e and "responseError" not in e] == []
