"""A part of a page sent with htmx and refused outright (here: too much at once) keeps the
page and what was typed, and says why next to the form; without JavaScript, a refused form
far down a page is still the first thing in view."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.site import Site
from tests.browser.steps import (
    assert_not_reloaded,
    form_group,
    mark_the_window,
    open_cycle,
    sign_in,
)

pytestmark = pytest.mark.browser

NAME = "Ann Facilitator"
TOO_MUCH = "That was too much to send at once"


def test_a_form_too_large_to_send_keeps_the_text_and_says_why(
    page: Page, site: Site, console_errors: list[str]
) -> None:
    sign_in(page, site.url, NAME)
    form_group(page)
    open_cycle(page)
    form = page.locator("#act_form")
    text = form.get_by_label("What you did or saw")
    # Pasted past the field's limit (a script can): the request is over the 1 MiB cap.
    text.evaluate("(area, size) => { area.value = 'x'.repeat(size); }", 1_100_000)
    before = site.services.app.recorder.max_notification_id()
    mark_the_window(page)
    form.get_by_role("button", name="Record what happened").click()
    expect(form.get_by_role("alert")).to_contain_text(TOO_MUCH)
    assert text.evaluate("area => area.value.length") == 1_100_000
    assert site.services.app.recorder.max_notification_id() == before
    assert_not_reloaded(page)
    assert [e for e in console_errors if "413" not in e and "responseError" not in e] == []


def test_without_javascript_a_refused_form_far_down_the_page_opens_at_its_summary(
    page: Page, browser: Browser, site: Site
) -> None:
    sign_in(page, site.url, NAME)
    form_group(page)
    open_cycle(page)
    no_js = browser.new_context(
        java_script_enabled=False,
        storage_state=page.context.storage_state(),
        viewport={"width": 1024, "height": 900},
    )
    try:
        plain = no_js.new_page()
        plain.goto(page.url)
        form = plain.locator("#act_form")
        form.get_by_role("button", name="Record what happened").click()  # nothing typed
        expect(plain).to_have_title(re.compile("^Error: "))
        summary = plain.locator("#error-summary")
        expect(summary).to_be_focused()
        expect(summary).to_be_in_viewport()
        link = summary.get_by_role("link", name="Enter what you did or saw.")
        expect(link).to_have_attribute("href", "#act_form-text")
    finally:
        no_js.close()
