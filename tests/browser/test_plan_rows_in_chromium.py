"""The plan form's rows in a real browser: "Add another" swaps in a row, keeping what was typed."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.site import Site
from tests.browser.steps import form_group, post_by_htmx, sign_in

pytestmark = pytest.mark.browser

STICKERS = "Is the sticker format workable?"
FOURTH = "Do porters see the sticker?"


def test_add_another_question_swaps_in_a_fourth_row_keeping_what_was_typed(
    page: Page, site: Site
) -> None:
    sign_in(page, site.url, "Ann Facilitator")
    form_group(page)
    page.get_by_role("link", name="Open the first cycle").click()
    page.get_by_label("Objective of this cycle").fill("Try a discharge sticker for one shift")
    expect(page.get_by_label("Question 1", exact=True)).to_have_count(1)
    page.get_by_label("Question 1", exact=True).fill(STICKERS)
    exploratory = "Exploratory — we are finding out; no prediction (question 1)"
    page.get_by_label(exploratory).check()
    expect(page.get_by_label("Question 4", exact=True)).to_have_count(0)

    add = page.get_by_role("button", name="Add another question")
    response = post_by_htmx(page, add, "/cycles", fragment="plan-form")

    assert response.status == 200
    expect(page.get_by_label("Question 4", exact=True)).to_be_visible()
    expect(page.get_by_label("Question 1", exact=True)).to_have_value(STICKERS)
    expect(page.get_by_label(exploratory)).to_be_checked()
    expect(page.get_by_label("Objective of this cycle")).to_have_value(
        "Try a discharge sticker for one shift"
    )
    page.get_by_label("Question 4", exact=True).fill(FOURTH)
    page.get_by_label("Prediction for question 4", exact=True).fill("Most will")
    page.get_by_role("button", name="Open cycle").click()
    plan = page.locator("#plan")
    expect(plan).to_contain_text(f"{STICKERS} — exploratory")
    expect(plan).to_contain_text(f"{FOURTH} — predicted: Most will")
