"""The plan's rows in a real browser: "Add another" on the questions page of opening a cycle
swaps in a row by htmx, keeping what was typed, and the cycle opens with every row."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.site import Site
from tests.browser.steps import (
    Plan,
    after_the_questions,
    assert_not_reloaded,
    form_group,
    mark_the_window,
    sign_in,
    to_the_questions,
    wait_for_swap,
)

pytestmark = pytest.mark.browser

STICKERS = "Is the sticker format workable?"
FOURTH = "Do porters see the sticker?"
PLAN = Plan(objective="Try a discharge sticker for one shift", question=STICKERS, prediction="")


def test_add_another_question_swaps_in_a_fourth_row_keeping_what_was_typed(
    page: Page, site: Site
) -> None:
    sign_in(page, site.url, "Ann Facilitator")
    form_group(page)
    to_the_questions(page, PLAN)
    page.get_by_label("Question 1", exact=True).fill(STICKERS)
    exploratory = "Exploratory — we are finding out; no prediction (question 1)"
    page.get_by_label(exploratory).check()
    expect(page.get_by_label("Question 4", exact=True)).to_have_count(0)
    here = urlsplit(page.url).path

    mark_the_window(page)
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Add another question").click()
    response = posted.value
    assert response.status == 200, response.text()[:500]
    assert urlsplit(response.url).path == here  # the page's own address, not another
    assert response.request.headers.get("hx-request") == "true", "not sent by htmx"
    wait_for_swap(page)
    assert_not_reloaded(page)

    expect(page.get_by_label("Question 4", exact=True)).to_be_visible()
    expect(page.get_by_label("Question 1", exact=True)).to_have_value(STICKERS)
    expect(page.get_by_label(exploratory)).to_be_checked()
    page.get_by_label("Question 4", exact=True).fill(FOURTH)
    page.get_by_label("Prediction for question 4", exact=True).fill("Most will")
    after_the_questions(page, PLAN)
    plan = page.locator("#plan")
    expect(plan).to_contain_text(f"{STICKERS} — exploratory")
    expect(plan).to_contain_text(f"{FOURTH} — predicted: Most will")
