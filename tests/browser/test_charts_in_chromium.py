"""Charts in the browser: a published series pasted in and its signal named in words, the
run chart swapped in by htmx, a team note reached by keyboard; the group's charts loaded
beside a cycle when scrolled to (and a page of their own without JavaScript); and the
dashboard's sparkline with its variation in words."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Request, expect

from domain.clock import today
from tests.browser.site import Site
from tests.browser.steps import (
    Measure,
    assert_not_reloaded,
    define_measure,
    form_group,
    mark_the_window,
    open_cycle,
    screenshot,
    sign_in,
    wait_for_swap,
)

pytestmark = pytest.mark.browser

NAME = "Ann Facilitator"
SERIES = Path(__file__).parents[1] / "data" / "runcharts" / "qicharts2-cdi-amager-hvidovre.json"
CDI = Measure(
    name="Hospital-acquired C. difficile infections",
    definition="New C. difficile infections found 48 hours or more after admission",
    unit="count per month",
    better="Down is better",
    period="Each month",
)
# Worked out by hand: the median of the 24 baseline months is 19, and from August 2014
# (index 21, value 17) every one of the last 15 months is below it; the baseline's mean
# (about 19.5) leaves the same 15 months below it on the SPC chart.
SHIFT = "15 points in a row below the {} from August 2014 to October 2015: a shift"
IMPROVEMENT = "evidence of improvement"
SEE_CHARTS = "See the group's measures charted over this cycle"
DAILY = Measure(
    name="Discharges before noon",
    definition="Patients home before 12:00 from Ward 7",
    unit="patients",
    better="Up is better",
    period="Each day",
)


def spreadsheet_rows() -> str:
    """The published series as Excel pastes two columns: a date and a value, tab-separated."""
    series = json.loads(SERIES.read_text(encoding="utf-8"))
    return "\n".join(f"{x}\t{v}" for x, v in zip(series["x"], series["values"], strict=True))


def test_a_published_series_pasted_in_has_its_signal_named_in_words(
    page: Page, site: Site, console_errors: list[str], screenshots: Path
) -> None:
    sign_in(page, site.url, NAME)
    form_group(page, "Infection control")
    define_measure(page, CDI)
    page.get_by_label("Rows from a spreadsheet").fill(spreadsheet_rows())
    page.get_by_role("button", name="Record the rows").click()
    expect(page.get_by_role("status").filter(has_text="36 points recorded.")).to_be_visible()
    lines = page.locator("#lines")
    lines.locator("summary", has_text="Freeze the baseline").click()
    lines.get_by_label("The first how many points").fill("24")
    lines.get_by_label("Why this baseline").fill("The 24 months before the cleaning programme")
    lines.get_by_role("button", name="Freeze the baseline").click()
    expect(lines).to_contain_text("Baseline frozen on the points up to October 2014")
    chart = page.locator("#chart")
    expect(chart.get_by_role("heading", name="SPC chart")).to_be_visible()
    said = chart.locator(".chart-signals li").filter(has_text=SHIFT.format("mean"))
    expect(said).to_be_visible()
    expect(said).to_contain_text(IMPROVEMENT)

    mark_the_window(page)
    chart.get_by_role("link", name="Run chart").click()
    wait_for_swap(page)
    assert_not_reloaded(page)
    chart = page.locator("#chart")
    expect(chart.get_by_role("heading", name="Run chart")).to_be_visible()
    said = chart.locator(".chart-signals li").filter(has_text=SHIFT.format("median"))
    expect(said).to_be_visible()
    svg = chart.locator("svg.chart-svg")
    expect(svg).to_have_attribute("role", "img")
    expect(svg.locator("title")).to_have_text(f"{CDI.name} ({CDI.unit})")
    expect(svg.locator("desc")).to_contain_text("median 19")
    expect(svg.locator("desc")).to_contain_text(SHIFT.format("median"))
    expect(chart.get_by_role("img", name=f"{CDI.name} ({CDI.unit})")).to_be_visible()
    screenshot(page, screenshots, "measure-cdi", widths=(1280, 390))

    chart.get_by_role("link", name="August 2014").click()
    expect(page.get_by_role("heading", name=f"{CDI.name}: August 2014")).to_be_visible()
    page.get_by_label("Note", exact=True).fill("The new cleaning programme began this month")
    page.get_by_role("button", name="Add the note").click()
    expect(page.locator("#point .entries")).to_contain_text("The new cleaning programme")
    page.get_by_role("link", name=f"Back to {CDI.name}").click()
    note = page.locator("#chart .chart-annotations").get_by_role(
        "link", name="Note: The new cleaning programme began this month"
    )
    expect(note).to_have_count(1)
    reach_by_tab(page, "Note: The new cleaning programme began this month")
    page.keyboard.press("Enter")
    row = page.locator("tr:target")
    expect(row).to_be_visible()  # its folded table opened to show it
    expect(row).to_contain_text("August 2014")
    expect(row).to_contain_text("The new cleaning programme began this month")
    assert console_errors == []


def reach_by_tab(page: Page, name: str, presses: int = 400) -> None:
    """Press Tab from the top of the page until the link named `name` has the focus."""
    page.locator("body").focus()
    for _ in range(presses):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent.trim()")
        if focused == name:
            return
    raise AssertionError(f"{name!r} was not reached in {presses} presses of Tab")


def test_a_cycle_page_loads_the_groups_charts_when_scrolled_to_and_the_dashboard_sparks(
    page: Page, site: Site, browser: Browser, console_errors: list[str]
) -> None:
    sign_in(page, site.url, NAME)
    group = form_group(page)
    define_measure(page, DAILY)
    for recorded, (days_ago, value) in enumerate(((2, 3), (1, 5), (0, 4)), start=1):
        record_one(page, (today() - timedelta(days=days_ago)).isoformat(), value)
        expect(page.locator("#chart table.data tbody tr")).to_have_count(recorded)
    page.goto(group)
    asked: list[Request] = []
    page.on("request", lambda r: asked.append(r) if r.url.endswith("/measures") else None)
    page.set_viewport_size({"width": 1024, "height": 480})  # the section below the fold
    cycle = open_cycle(page)
    # Opened afresh, as from a link: the charts wait until the section is scrolled to.
    # (Just after "Open cycle" they load at once: that boosted swap happens scrolled down.)
    page.goto("about:blank")
    asked.clear()
    page.goto(cycle)
    mark_the_window(page)
    section = page.locator("#measures-over-cycle")
    expect(section.get_by_role("link", name=SEE_CHARTS)).to_be_attached()
    assert asked == [], "the charts were asked for before the section was scrolled to"
    section.scroll_into_view_if_needed()
    expect(section.get_by_role("heading", name="The group's measures so far")).to_be_visible()
    assert [r.headers.get("hx-request") for r in asked] == ["true"]
    assert_not_reloaded(page)
    mark = section.locator(".chart-annotations").get_by_role("link", name="Cycle 1 opened")
    expect(mark).to_have_attribute("href", cycle.removeprefix(site.url))
    expect(section.get_by_role("img", name=f"{DAILY.name} ({DAILY.unit})")).to_be_visible()

    no_js = browser.new_context(
        java_script_enabled=False, storage_state=page.context.storage_state()
    )
    try:
        plain = no_js.new_page()
        plain.goto(cycle)
        link = plain.get_by_role("link", name=SEE_CHARTS)
        expect(link).to_have_attribute("href", cycle.removeprefix(site.url) + "/measures")
        link.click()
        expect(
            plain.get_by_role("heading", name="Measures over cycle 1", exact=False)
        ).to_be_visible()
        expect(plain.get_by_role("link", name="Cycle 1 opened")).to_be_visible()
    finally:
        no_js.close()

    page.get_by_role("link", name="Dashboard").click()
    measure = page.locator("li.measure").filter(has_text=DAILY.name)
    expect(measure.get_by_role("img", name=DAILY.name)).to_be_visible()
    expect(measure.locator(".spc-mark")).to_contain_text("Common cause variation")
    assert console_errors == []


def record_one(page: Page, day: str, value: float) -> None:
    """On the measure page: record one value for `day` with the one-value form."""
    data = page.locator("#data")
    data.get_by_label("Date", exact=True).fill(day)
    data.get_by_label("Value", exact=True).fill(str(value))
    data.get_by_role("button", name="Record the value").click()
