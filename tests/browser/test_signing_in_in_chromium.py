"""Signing in in a real browser: back to the page you were going to, even from htmx."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.site import Site
from tests.browser.steps import (
    SLICE_PLAN,
    form_group,
    mark_the_window,
    open_cycle,
    sign_in,
    sign_out,
    signed_in_as,
    type_sign_in,
    without_refusals,
)

pytestmark = pytest.mark.browser

ANN = "Ann Facilitator"
UNSENT = "Two of nine letters left before noon."


def start(page: Page, site: Site) -> str:
    """Ann signs in, forms a group and opens a cycle; return the cycle's URL."""
    sign_in(page, site.url, ANN)
    form_group(page)
    return open_cycle(page, SLICE_PLAN)


def test_a_visitor_to_a_cycle_signs_in_and_lands_on_that_cycle(
    page: Page, site: Site, console_errors: list[str]
) -> None:
    cycle_url = start(page, site)
    cycle_path = urlsplit(cycle_url).path
    sign_out(page)

    page.goto(cycle_url)
    expect(page).to_have_url(f"{site.url}/signin?next={cycle_path}")
    expect(page.locator("header.site")).not_to_contain_text("Signed in as")
    expect(page.get_by_text(SLICE_PLAN.objective)).to_have_count(0)  # nothing of the group

    # A wrong password first: refused on the page, still on the way to the cycle.
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        type_sign_in(page, ANN, password="not the password")
    refused = posted.value
    assert refused.status == 422
    expect(page.get_by_role("alert")).to_contain_text(
        "That email and password do not match an account."
    )
    expect(page).to_have_url(re.compile(re.escape(f"/signin?next={cycle_path}") + "$"))

    type_sign_in(page, ANN)
    signed_in_as(page, ANN)
    expect(page).to_have_url(cycle_url)
    expect(page.get_by_role("heading", name=f"Cycle 1: {SLICE_PLAN.objective}")).to_be_visible()
    # Chromium logs the refused sign-in (422) as a failed load; nothing else went wrong.
    assert without_refusals(console_errors, refused) == []


class FormExpiredInsteadOfSignInError(AssertionError):
    """A post without a session was refused as an expired form (400), not sent to sign in."""


def test_an_htmx_post_after_signing_out_elsewhere_goes_to_the_sign_in_page(
    page: Page, site: Site, console_errors: list[str]
) -> None:
    cycle_url = start(page, site)
    cycle_path = urlsplit(cycle_url).path
    page.get_by_label("What kind of entry").select_option(label="Observation")
    page.get_by_label("What you did or saw").fill(UNSENT)
    # Signed out in another tab, or the session ended: the cookies are gone.
    page.context.clear_cookies()

    mark_the_window(page)
    with page.expect_response(
        lambda r: r.request.method == "POST" and urlsplit(r.url).path.endswith("/entries")
    ) as posted:
        page.locator("#journal").get_by_role("button", name="Record what happened").click()
    refused = posted.value
    assert refused.request.headers.get("hx-request") == "true", "the form was not sent by htmx"
    if refused.status == 400 and "Form expired" in refused.text():
        raise FormExpiredInsteadOfSignInError(
            "the session's CSRF token went with the cookies, and the CSRF check answered "
            "before the sign-in check could"
        )
    assert refused.status == 401, refused.status
    assert refused.headers.get("hx-redirect") == f"/signin?next={cycle_path}"

    # The whole page goes to sign in: no sign-in form swapped into the journal.
    expect(page).to_have_url(f"{site.url}/signin?next={cycle_path}")
    expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    expect(page.locator("#journal")).to_have_count(0)
    expect(page.locator("form")).to_have_count(1)
    assert page.evaluate("window.__stay") is None, "htmx swapped in place of going to the page"

    type_sign_in(page, ANN)
    signed_in_as(page, ANN)
    expect(page).to_have_url(cycle_url)
    expect(page.locator("#observations")).to_have_count(0)  # nothing was recorded
    # Chromium logs the 401 as a failed resource load: that, and nothing else.
    assert len(console_errors) == 1, console_errors
    assert without_refusals(console_errors, refused) == []
