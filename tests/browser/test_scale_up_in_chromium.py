"""Adopt and scale up in a real browser: from a cycle's page to the next cycle at the larger
scale, and the ramp's scale growing on the group's page."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.site import Site
from tests.browser.steps import (
    Plan,
    form_group,
    open_cycle,
    record_act,
    record_comparison,
    record_learning,
    sign_in,
)

pytestmark = pytest.mark.browser

ANN = "Ann Facilitator"
GROUP = "General medicine catheter group"
PLAN = Plan(
    objective="Nurses remove catheters that meet the criteria without waiting for a resident",
    question="Will nurses remove catheters that are no longer needed?",
    prediction="Yes, as soon as a patient meets the criteria",
    scale="1 nurse, 1 shift on Ward 7",
)
SEEN = "Two catheters removed on the shift, both from patients who met the criteria."
FOUND = "Both came out the morning the patients met the criteria."
LEARNING = "One nurse can apply the criteria on one shift without a resident's help."
WHY = "It worked for one nurse on one shift: every nurse on Ward 7 tries it for a week."
LARGER = "Ward 7, every nurse, 1 week"


def test_adopt_and_scale_up_opens_the_next_cycle_at_the_larger_scale_and_the_ramp_shows_it(
    page: Page, site: Site, console_errors: list[str]
) -> None:
    sign_in(page, site.url, ANN)
    form_group(page, GROUP)
    cycle_1 = open_cycle(page, PLAN)
    expect(page.locator("#plan")).to_contain_text(PLAN.scale)
    record_act(page, "Observation", SEEN, question=PLAN.question)
    record_comparison(page, PLAN.question, "Confirmed", FOUND)
    record_learning(page, LEARNING)

    page.get_by_role(
        "link", name="Adopt and scale up — test it at a larger scale in cycle 2"
    ).click()
    expect(page.get_by_role("heading", name="Adopt and scale up: plan cycle 2")).to_be_visible()
    scale = page.get_by_label("Scale — how many, for how long")
    expect(scale).to_have_value(PLAN.scale)  # starts from this cycle's plan
    scale.fill(LARGER)
    page.get_by_label(f"Learning by {ANN}: {LEARNING}").check()
    page.get_by_label("Why scale up — what did this cycle show, and what grows?").fill(WHY)
    page.get_by_role("button", name="Scale up and open cycle 2").click()

    expect(page.get_by_role("heading", name=f"Cycle 2: {PLAN.objective}")).to_be_visible()
    expect(page.locator("#plan")).to_contain_text(LARGER)
    expect(page.locator("#plan")).to_contain_text(PLAN.question)  # the same change, carried on
    expect(page.get_by_role("link", name="← Cycle 1")).to_have_attribute(
        "href", cycle_1.removeprefix(site.url)
    )

    page.locator("nav.crumbs").get_by_role("link", name=GROUP).click()
    ramp = page.locator(".ramp-scale")
    expect(ramp).to_have_text(f"Scale: {PLAN.scale} → {LARGER}")
    expect(page.get_by_role("heading", name="Ramp 1", exact=True)).to_be_visible()  # goes on
    assert console_errors == []
