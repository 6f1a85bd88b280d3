"""A measure in the browser: defined from its group, rows pasted (a bad one refused in
place, the text kept), a CSV file uploaded by htmx, each swapped in without a reload."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.site import Site
from tests.browser.steps import assert_not_reloaded, form_group, mark_the_window, sign_in

pytestmark = pytest.mark.browser

NAME = "Ann Facilitator"


def define_a_measure(page: Page) -> None:
    """From the group page: the measures, and a weekly percentage defined."""
    page.get_by_role("link", name="Measures — the numbers the group counts").click()
    expect(page.get_by_text("No measures yet.")).to_be_visible()
    page.get_by_label("Name", exact=True).fill("Discharges before noon")
    page.get_by_label("Operational definition").fill("Home before 12:00 over all discharges")
    page.get_by_label("Unit").fill("%")
    page.get_by_role("button", name="Define the measure").click()  # which way is better?
    expect(page.get_by_text("Say whether up or down is better, or neither.")).to_be_visible()
    page.get_by_label("Up is better").check()
    page.get_by_label("Each week").check()
    page.get_by_label("A percentage of a numerator over a denominator").check()
    page.get_by_role("button", name="Define the measure").click()
    expect(page.get_by_role("heading", name="Discharges before noon", level=1)).to_be_visible()


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
    expect(page.get_by_label("Rows from a spreadsheet")).to_have_value(
        "03/11/2025\t3\t20\nsoon\t5\t22"
    )
    csv = tmp_path / "discharges.csv"
    csv.write_bytes("Week,Before noon,Discharges\r\n03/11/2025,3,20\r\n".encode("utf-8-sig"))
    page.get_by_label("CSV file").set_input_files(csv)
    page.get_by_role("button", name="Record the file").click()
    expect(page.get_by_role("status").filter(has_text="1 point recorded.")).to_be_visible()
    chart = page.locator("#chart")
    expect(chart).to_contain_text("week of 3 November 2025")  # swapped in out of band
    expect(chart).to_contain_text("3 of 20")
    assert_not_reloaded(page)
    # The browser logs each refusal's 422 as a resource that failed to load: nothing else.
    assert [e for e in console_errors if "status of 422" not in e] == []
