"""The whole slice in a real browser: htmx, the CSP and CSRF working together."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, Response, expect

pytestmark = pytest.mark.browser

NAME = "Ann Facilitator"
OBJECTIVE = "Discharge letters go out before noon"
QUESTION = "Will a noon checklist speed up letters?"
PREDICTION = "Half of letters before noon in week one"
OBSERVATION = "Only two of nine letters left before noon; the checklist sat in a drawer."
REFLECTION = "The checklist needs to live on the ward round trolley, not in a drawer."
CHANGE = "Move the checklist onto the trolley, because it was never seen in the drawer."
REVISED_OBJECTIVE = "Discharge letters go out before noon from the trolley"


def say_who_you_are(page: Page, base_url: str) -> None:
    """Open the site and give the name shown beside everything recorded."""
    page.goto(base_url + "/")
    page.get_by_role("link", name="Say who you are", exact=True).click()
    page.get_by_label("Your name").fill(NAME)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text(f"Recording as {NAME}")).to_be_visible()


def open_first_cycle(page: Page) -> None:
    """Form a pilot group, then open its first cycle with one question and prediction."""
    expect(page.get_by_role("heading", name="Form a pilot group")).to_be_visible()
    page.get_by_label("Group name").fill("Ward 7 discharges")
    page.get_by_label("Aim", exact=False).fill("80% of discharges before noon by March")
    page.get_by_role("button", name="Form group").click()
    expect(page.get_by_role("heading", name="Ward 7 discharges", level=1)).to_be_visible()

    page.get_by_role("link", name="Open the first cycle").click()
    expect(page.get_by_role("heading", name="Open a cycle")).to_be_visible()
    page.get_by_label("Objective of this cycle").fill(OBJECTIVE)
    page.get_by_label("Question", exact=True).first.fill(QUESTION)
    page.get_by_label("Prediction", exact=True).first.fill(PREDICTION)
    page.get_by_label("Plan — who, what, where, when").fill("Sister Lee, weekdays, one week.")
    page.get_by_role("button", name="Open cycle").click()
    expect(page.get_by_role("heading", name=f"Cycle 1: {OBJECTIVE}")).to_be_visible()


def post_from_journal(page: Page, button: str, path_end: str) -> Response:
    """Mark the window, click a journal button, and return the htmx response it got.

    A full page load would make a new window without the mark, so `assert_not_reloaded`
    afterwards shows that htmx, not the browser, handled the form.
    """
    page.evaluate("window.__stay = 'x'")
    with page.expect_response(
        lambda r: r.request.method == "POST" and r.url.endswith(path_end)
    ) as posted:
        page.get_by_role("button", name=button).click()
    response = posted.value
    headers = response.request.headers
    assert headers.get("hx-request") == "true", "the form was not sent by htmx"
    assert "hx-boosted" not in headers, "htmx sent a boosted page request, not a fragment one"
    body = response.text()
    assert "<html" not in body, "the server answered with a whole page, not the fragment"
    assert body.lstrip().startswith('<section id="journal"')
    return response


def assert_not_reloaded(page: Page) -> None:
    """The mark set before the click is still there: the page was never reloaded."""
    assert page.evaluate("window.__stay") == "x", "the page was reloaded"


def without_refusal(console_errors: list[str], refused: Response) -> list[str]:
    """The errors, less Chromium's own log line for the 422 the test asked for."""
    return [
        e
        for e in console_errors
        if not (f"status of {refused.status} " in e and f"'url': '{refused.url}'" in e)
    ]


def test_a_team_member_runs_the_slice_by_clicking_and_htmx_swaps_fragments(
    page: Page, live_server: str, console_errors: list[str], tmp_path: Path
) -> None:
    say_who_you_are(page, live_server)
    open_first_cycle(page)
    cycle_url = page.url
    journal = page.locator("#journal")

    page.get_by_label("Observation").fill(OBSERVATION)
    response = post_from_journal(page, "Record observation", "/observations")
    assert response.status == 200
    expect(journal.locator("#observations")).to_contain_text(OBSERVATION)
    expect(journal.locator("#observations")).to_contain_text(NAME)
    expect(page.get_by_label("Observation")).to_have_value("")
    assert_not_reloaded(page)
    assert page.url == cycle_url

    page.get_by_label("Reflection").fill(REFLECTION)
    response = post_from_journal(page, "Record reflection", "/reflections")
    assert response.status == 200
    expect(journal.locator("#reflections")).to_contain_text(REFLECTION)
    expect(journal.locator("#phase")).to_contain_text("reflect")
    assert_not_reloaded(page)
    assert page.url == cycle_url
    # For a person to look at: LEARNLOOP_SCREENSHOTS=/some/dir keeps it there.
    shots = Path(os.environ.get("LEARNLOOP_SCREENSHOTS") or tmp_path)
    page.screenshot(path=str(shots / "cycle.png"), full_page=True)

    page.get_by_role("link", name="Revise the plan").click()
    expect(page.get_by_role("heading", name="Revise the plan of cycle 1")).to_be_visible()
    page.get_by_label(f"Reflection by {NAME}: {REFLECTION}").check()
    page.get_by_label("What changed, and why").fill(CHANGE)
    page.get_by_label("Objective of this cycle").fill(REVISED_OBJECTIVE)
    page.get_by_role("button", name="Save revision").click()

    expect(page.get_by_role("heading", name="How the plan of cycle 1 changed")).to_be_visible()
    assert page.url.endswith("/history")
    version = page.locator("#version-2")
    expect(version.get_by_role("heading", name="Version 2")).to_be_visible()
    expect(version.locator(".meta")).to_contain_text(f"Revised by {NAME}")
    expect(version.locator(".change")).to_contain_text(CHANGE)
    expect(version.locator(".cited")).to_contain_text(REFLECTION)
    expect(version.locator("ins").first).to_contain_text("trolley")
    assert console_errors == []


def test_a_blank_observation_is_refused_beside_the_field_without_a_reload(
    page: Page, live_server: str, console_errors: list[str]
) -> None:
    say_who_you_are(page, live_server)
    open_first_cycle(page)
    page.get_by_label("Observation").fill(OBSERVATION)
    post_from_journal(page, "Record observation", "/observations")
    expect(page.locator("#observations")).to_contain_text(OBSERVATION)

    # Only spaces: blank once trimmed.
    page.get_by_label("Observation").fill("   ")
    response = post_from_journal(page, "Record observation", "/observations")

    assert response.status == 422
    observation = page.get_by_label("Observation")
    field = page.locator(".field", has=observation)
    expect(field.locator(".errors")).to_have_text("Observation cannot be blank.")
    expect(observation).to_have_attribute("aria-invalid", "true")
    expect(observation).to_have_attribute("aria-describedby", "observation_form-text-errors")
    expect(page.locator("#observations li")).to_have_count(1)
    assert_not_reloaded(page)
    assert without_refusal(console_errors, response) == []


def test_a_refused_observation_keeps_the_reflection_being_typed(
    page: Page, live_server: str, console_errors: list[str]
) -> None:
    say_who_you_are(page, live_server)
    open_first_cycle(page)
    page.get_by_label("Observation").fill(OBSERVATION)
    post_from_journal(page, "Record observation", "/observations")
    expect(page.locator("#observations")).to_contain_text(OBSERVATION)

    page.get_by_label("Reflection").fill(REFLECTION)
    page.get_by_label("Observation").fill("")
    response = post_from_journal(page, "Record observation", "/observations")

    assert response.status == 422
    expect(page.locator("#observation_form-text-errors")).to_be_visible()
    expect(page.get_by_label("Reflection")).to_have_value(REFLECTION, timeout=1_000)
    assert_not_reloaded(page)
    assert without_refusal(console_errors, response) == []
