"""A measure in the browser: defined from its group, rows pasted (a bad one refused in
place, the text kept), a CSV file uploaded by htmx, each swapped in without a reload."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.site import Site
from tests.browser.steps import (
    Measure,
    assert_not_reloaded,
    choose_measure_kinds,
    fill_measure,
    form_group,
    mark_the_window,
    sign_in,
    to_the_measures,
)

pytestmark = pytest.mark.browser

NAME = "Ann Facilitator"


DISCHARGES = Measure(
    name="Discharges before noon",
    definition="Home before 12:00 over all discharges",
    unit="%",
    better="Up is better",
    period="Each week",
    ratio=True,
)


def define_a_measure(page: Page) -> None:
    """From the group page: the measures, and a weekly percentage defined (once refused
    for want of which way is better)."""
    to_the_measures(page)
    expect(page.get_by_text("No measures yet.")).to_be_visible()
    fill_measure(page, DISCHARGES)
    page.get_by_role("button", name="Define the measure").click()  # which way is better?
    said = "Say whether up or down is better, or neither."
    expect(page.locator("#error-summary").get_by_role("link", name=said)).to_be_visible()
    expect(page.locator("#better-error")).to_have_text(f"Error: {said}")  # above the radios
    choose_measure_kinds(page, DISCHARGES)


def test_rows_are_pasted_refused_in_place_and_a_file_uploaded_without_a_reload(
    page: Page, site: Site, console_errors: list[str], tmp_path: Path
) -> None:
    sign_in(page, site.url, NAME)
    form_group(page)
    define_a_measure(page)
    mark_the_window(page)
    rows = page.get_by_label("Rows from a spreadsheet")
    rows.fill("03/11/2025\t3\t20\nsoon\t5\t22")
    page.get_by_role("button", name="Record the rows").click()
    expect(page.get_by_role("alert")).to_contain_text("Line 2, date: “soon” is not a date")
    # The focus is on what says why (the error summary, or the first message).
    expect(page.locator("#data :focus")).to_contain_text("Line 2, date")
    expect(page.get_by_label("Rows from a spreadsheet")).to_have_value(
        "03/11/2025\t3\t20\nsoon\t5\t22"
    )
    csv = tmp_path / "discharges.csv"
    csv.write_bytes("Week,Before noon,Discharges\r\n03/11/2025,3,20\r\n".encode("utf-8-sig"))
    page.get_by_label("CSV file").set_input_files(csv)
    page.get_by_role("button", name="Record the file").click()
    expect(page.get_by_role("status").filter(has_text="1 point recorded.")).to_be_visible()
    expect(page.locator("#data-heading")).to_be_focused()
    expect(page.locator("#announcer")).to_have_text("Rows from the file recorded")
    chart = page.locator("#chart")
    expect(chart).to_contain_text("week of 3 November 2025")  # swapped in out of band
    expect(chart).to_contain_text("3 of 20")
    assert_not_reloaded(page)
    # The browser logs each refusal's 422 as a resource that failed to load: nothing else.
    assert [e for e in console_errors if "status of 422" not in e] == []
