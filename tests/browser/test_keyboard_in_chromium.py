"""A whole cycle with the keyboard alone: Tab, Shift+Tab, Enter, Space, arrows and typing.

Every stop shows the focus; after each htmx swap the focus is on the updated region's
heading (or, refused, on what says why) and the live region says what happened; the first
Tab on each new page reaches the skip link; and the back button works on boosted pages.
"""

import re

import pytest
from playwright.sync_api import Page, Response, expect

from tests.browser.keyboard import (
    first_tab_reaches_the_skip_link,
    focus_moved_to,
    focused,
    press_button,
    tab_to,
    type_in,
)
from tests.browser.site import Site
from tests.browser.steps import CHECK_YOUR_PLAN, OPENING, email_of, without_refusals
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

ANN = "Ann Facilitator"
GROUP = "Ward 7 discharges"
OBJECTIVE = "Discharge letters go out before noon"
QUESTION = "Will a noon checklist speed up letters?"
OBSERVATION = "Four of nine letters left before noon; two waited on pharmacy."
COMPARISON = "Four of nine is short of half: pharmacy still holds letters."
LEARNING = "Letters waiting on pharmacy need their own step."
# A refused form focuses its error summary, or (before there is one) its first message.
REFUSAL = "#error-summary"


def sign_in_by_keyboard(page: Page, site: Site) -> None:
    """From the sign-in page: skip link first, then email, password and Enter."""
    page.goto(site.url + "/")
    expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    first_tab_reaches_the_skip_link(page)
    type_in(page, "Email", email_of(ANN))
    type_in(page, "Password", PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Pilot groups", level=1)).to_be_visible()


def open_a_cycle_by_keyboard(page: Page) -> Response:
    """Form a group and open its first cycle a question a page: a question sent without
    its prediction is refused, focus on why; a question row is added on the way; then it
    is opened from the check page. Returns the refusal (Chromium logs its 422)."""
    type_in(page, "Group name", GROUP)
    type_in(page, "Aim", "80% of discharges before noon by March")
    press_button(page, "Form group")
    expect(page.get_by_role("heading", name=GROUP, level=1)).to_be_visible()
    first_tab_reaches_the_skip_link(page)
    press_button(page, "Open the first cycle")
    method, objective, questions, *rest = OPENING
    expect(page.get_by_role("heading", name=method, level=1)).to_be_visible()
    first_tab_reaches_the_skip_link(page)
    next_question(page, objective)
    type_in(page, "Objective of this cycle", OBJECTIVE)
    next_question(page, questions)
    type_in(page, "Question 1", QUESTION)
    with page.expect_response(lambda r: r.request.method == "POST") as refused:
        press_button(page, "Continue")
    assert refused.value.status == 422, refused.value.status
    expect(page.locator(REFUSAL)).to_be_focused()
    expect(page.locator(REFUSAL)).to_contain_text("Add your prediction for question 1")
    type_in(page, "Prediction for question 1", "Half of letters before noon in week one")
    # "Add another" swaps the questions in with one more row: the focus goes to its field.
    press_button(page, "Add another question")
    focus_moved_to(page, "#questions-3-question", "Question 4 added")
    assert focused(page)["ring"], "the new question's field shows no focus"
    for heading in (*rest, CHECK_YOUR_PLAN):
        next_question(page, heading)
    press_button(page, "Open the cycle")
    expect(page.get_by_role("heading", name=f"Cycle 1: {OBJECTIVE}", level=1)).to_be_visible()
    first_tab_reaches_the_skip_link(page)
    return refused.value


def next_question(page: Page, heading: str) -> None:
    """Tab to "Continue", press Enter, and arrive on the page asking `heading`, a new
    page whose first Tab reaches the skip link."""
    press_button(page, "Continue")
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    first_tab_reaches_the_skip_link(page)


def act_by_keyboard(page: Page) -> Response:
    """A blank observation is refused, focus on why; then one is recorded. Returns the
    refusal (Chromium logs its 422)."""
    with page.expect_response(lambda r: r.request.method == "POST") as refused:
        press_button(page, "Record what happened")
    assert refused.value.status == 422, refused.value.status
    expect(page.locator(REFUSAL).first).to_be_focused()
    expect(page.locator(REFUSAL).first).to_contain_text("Enter what you did or saw.")
    # The summary heads the form, the field's own message follows the field.
    summary = focused(page)["id"] == "error-summary"
    tab_to(page, "What you did or saw", back=not summary, exact=True)
    page.keyboard.type(OBSERVATION)
    press_button(page, "Record what happened")
    focus_moved_to(page, "#journal-heading", "Observation recorded")
    expect(page.locator("#observations")).to_contain_text(OBSERVATION)
    return refused.value


def reflect_by_keyboard(page: Page) -> None:
    """Compare with the prediction ("Partly confirmed" by arrow key), then record learning."""
    tab_to(page, "Confirmed", exact=True)  # the outcome radios: the first, none chosen yet
    page.keyboard.press("ArrowDown")  # moves to "Partly confirmed" and chooses it
    expect(page.get_by_label("Partly confirmed")).to_be_checked()
    type_in(page, "What actually happened", COMPARISON)
    press_button(page, "Record comparison")
    focus_moved_to(page, "#journal-heading", "Comparison with the prediction recorded")
    expect(page.locator("#phase")).to_contain_text("reflect")
    type_in(page, "What we learned", LEARNING)
    press_button(page, "Record learning")
    focus_moved_to(page, "#journal-heading", "Learning recorded")
    expect(page.locator("#reflections")).to_contain_text(LEARNING)


def decide_by_keyboard(page: Page) -> None:
    """Adopt, chosen with Space: a plain post that leads back to the cycle page."""
    tab_to(page, "Adopt and implement")
    page.keyboard.press("Space")
    expect(page.get_by_label("Adopt and implement", exact=False)).to_be_checked()
    type_in(page, "Why", "Half the letters went before noon.")
    press_button(page, "Record decision")
    expect(page.locator("#decision")).to_contain_text("Decided to adopt")
    # A new page in place of the old: the words flashed to it, then its title.
    said = re.compile(rf"^Decision recorded\. Cycle 1 · {GROUP} · Learnloop$")
    expect(page.locator("#announcer")).to_have_text(said)
    first_tab_reaches_the_skip_link(page)


def test_a_whole_cycle_with_the_keyboard_alone_keeps_the_focus_in_view_and_says_what_happened(
    page: Page, site: Site, console_errors: list[str]
) -> None:
    sign_in_by_keyboard(page, site)
    unpredicted = open_a_cycle_by_keyboard(page)
    cycle_url = page.url
    refused = act_by_keyboard(page)
    reflect_by_keyboard(page)
    decide_by_keyboard(page)
    assert page.url.startswith(cycle_url)
    assert without_refusals(console_errors, unpredicted, refused) == []
