"""Cycles that follow a learning method, in a real browser: chosen by clicking, guiding
each step in the method's own words, and the records of Most Significant Change and
Peer Assist made through their htmx forms, across groups."""

from pathlib import Path
from uuid import UUID

import pytest
from playwright.sync_api import Page, expect

from tests.browser.site import Site
from tests.browser.steps import (
    Plan,
    assert_not_reloaded,
    form_group,
    hand_over,
    open_cycle,
    phone_width_problems,
    post_by_htmx,
    post_from_journal,
    save_revision,
    screenshot,
    shown_anywhere,
    sign_in,
    without_refusals,
)

pytestmark = pytest.mark.browser

ANN = "Ann Facilitator"
BO = "Bo Facilitator"
CY = "Cy Nurse"
WARD_7 = "Ward 7 discharges"
WARD_9 = "Ward 9 discharges"


def plan_for(method: str) -> Plan:
    """A small plan for a cycle that follows `method`."""
    return Plan(
        objective=f"Discharge letters go out before noon ({method})",
        question="Will a noon checklist speed up letters?",
        prediction="Half of letters before noon in week one",
        method=method,
    )


def start(page: Page, site: Site, method: str, group: str = WARD_7) -> str:
    """Ann signs in, forms `group` and opens a cycle following `method`; return its URL."""
    sign_in(page, site.url, ANN)
    form_group(page, group)
    cycle_url = open_cycle(page, plan_for(method))
    expect(page.locator(".method-line")).to_contain_text(f"Following {method}")
    return cycle_url


def fits_a_phone(page: Page, name: str, screenshots: Path) -> None:
    """At 375px wide, with every folded form opened: no sideways scroll, every field labelled."""
    before = page.viewport_size or {"width": 1024, "height": 900}
    page.set_viewport_size({"width": 375, "height": before["height"]})
    overflow, unlabelled = phone_width_problems(page)
    page.set_viewport_size(before)
    screenshot(page, screenshots, name)
    assert overflow == [], f"{name}: wider than 375px: {overflow}"
    assert unlabelled == [], f"{name}: fields without a label: {unlabelled}"


def test_a_facilitator_opens_an_after_action_review_and_each_step_asks_its_question(
    page: Page, site: Site, console_errors: list[str], screenshots: Path
) -> None:
    start(page, site, "After Action Review")
    guides = page.locator("aside.guide")
    # The four questions of an After Action Review, in the order the steps come.
    questions = [
        "What was supposed to happen?",
        "What actually happened?",
        "Why were there differences?",
        "What can we learn?",
    ]
    # The team sees the step the cycle is at (act) first, then the plan and the rest.
    plan_q, act_q, *rest = questions
    expect(guides.locator("strong")).to_have_text([act_q, plan_q, *rest])
    for where, question in zip(("#plan", "#act", "#reflect", "#decision"), questions, strict=True):
        guide = page.locator(where).get_by_role(
            "complementary", name=f"After Action Review: {question}"
        )
        expect(guide).to_be_visible()
    expect(page.locator("#plan aside.guide")).to_contain_text(
        "State the intended result, and what you predict, before you start."
    )
    expect(page.locator("#act aside.guide")).to_contain_text("without blame")
    # Not PDSA's words, and none of the other methods' records.
    expect(page.locator("aside.guide", has_text="Study")).to_have_count(0)
    expect(page.locator("#peer-assist, #stories")).to_have_count(0)
    screenshot(page, screenshots, "method-aar")
    assert console_errors == []


STORIES = [
    (
        "Home for Sunday lunch",
        "Mrs Patel",
        "Her letter was ready at eleven, so she went home before lunch.",
        "She had her family's Sunday lunch for the first time in a month.",
    ),
    (
        "Pharmacy calls us first",
        "Priya, ward pharmacist",
        "Pharmacy now rings the ward when a discharge medicine is ready.",
        "Nobody chases her any more, and she can plan her morning.",
    ),
]
DRAFT_TITLE = "The porter knows"
DRAFT_STORY = "The porters now see the noon list and come before the lunch rush."
REASONS = "It is the change patients notice: going home in time for what matters to them."


def bring_story(page: Page, title: str, teller: str, text: str, why: str) -> None:
    """Bring a story of change to the panel, through the stories form."""
    stories = page.locator("#stories")
    stories.get_by_label("From the group").select_option(label=WARD_7)
    stories.get_by_label("Title", exact=True).fill(title)
    stories.get_by_label("Told by").fill(teller)
    stories.get_by_label("The story — what changed?").fill(text)
    stories.get_by_label("Why it matters to the person who told it").fill(why)
    response = post_from_journal(page, "Bring this story to the panel", "/stories")
    assert response.status == 200, response.text()[:500]
    story = page.locator("#stories li.story", has_text=title)
    expect(story).to_contain_text(text)
    expect(story).to_contain_text(f"Why it matters to {teller}:")
    expect(page.locator("#stories").get_by_label("Title", exact=True)).to_have_value("")


def test_a_panel_collects_stories_and_chooses_the_most_significant_saying_why(
    page: Page, site: Site, console_errors: list[str], screenshots: Path
) -> None:
    cycle_url = start(page, site, "Most Significant Change")
    expect(
        page.locator("#stories").get_by_role("heading", name="Stories of change")
    ).to_be_visible()
    for story in STORIES:
        bring_story(page, *story)
    expect(page.locator("#stories li.story")).to_have_count(2)
    expect(page.locator("#stories")).to_contain_text(f"brought by {ANN} from {WARD_7}")
    reflect = page.locator("#reflect")
    expect(
        reflect.get_by_role("heading", name="The panel chooses the most significant story")
    ).to_be_visible()
    fits_a_phone(page, "method-msc-stories", screenshots)

    # A third story is being typed when the panel chooses, but forgets to say why.
    stories = page.locator("#stories")
    stories.get_by_label("Title", exact=True).fill(DRAFT_TITLE)
    stories.get_by_label("The story — what changed?").fill(DRAFT_STORY)
    reflect.get_by_label(STORIES[0][0]).check()
    refused = post_from_journal(page, "Record the panel's choice", "/stories/choice")
    assert refused.status == 422
    reasons = page.get_by_label("Why the panel chose it")
    field = reflect.locator(".field", has=reasons)
    expect(field.locator(".error-message")).to_have_text("Error: Enter why the panel chose it.")
    expect(reasons).to_have_attribute("aria-invalid", "true")
    expect(reflect.get_by_label(STORIES[0][0])).to_be_checked()  # the choice is kept
    expect(stories.get_by_label("Title", exact=True)).to_have_value(DRAFT_TITLE, timeout=1_000)
    expect(stories.get_by_label("The story — what changed?")).to_have_value(DRAFT_STORY)
    expect(page.locator("#stories li.chosen")).to_have_count(0)

    # Said why: recorded, and the chosen story is marked with the panel's reasons.
    reasons.fill(REASONS)
    response = post_from_journal(page, "Record the panel's choice", "/stories/choice")
    assert response.status == 200, response.text()[:500]
    chosen = page.locator("#stories li.story.chosen")
    expect(chosen).to_have_count(1)
    expect(chosen.get_by_role("heading")).to_contain_text(STORIES[0][0])
    expect(chosen.locator(".badge")).to_have_text("chosen by the panel")
    expect(chosen.locator(".choice")).to_contain_text(REASONS)
    # One choice per cycle: the panel is not asked again, and no more stories are brought.
    expect(page.get_by_role("button", name="Record the panel's choice")).to_have_count(0)
    expect(page.get_by_role("button", name="Bring this story to the panel")).to_have_count(0)
    # The draft story was never sent: it is given back to copy, not silently dropped.
    assert shown_anywhere(page, DRAFT_STORY), "the unsent story vanished when the panel chose"
    assert_not_reloaded(page)
    assert page.url == cycle_url
    screenshot(page, screenshots, "method-msc-chosen")
    assert without_refusals(console_errors, refused) == []


QUESTION = "How did you get pharmacy to have discharge medicines ready by noon?"
ADVICE = "Send pharmacy the noon list at ten, and give them a named ward contact."
CHANGE = "Pharmacy gets the list at ten, as Ward 9 advised."


@pytest.mark.accounts(ANN, BO, CY)
def test_a_peer_assist_cycle_asks_another_group_and_revises_its_plan_citing_the_advice(
    page: Page, second_page: Page, site: Site, console_errors: list[str], screenshots: Path
) -> None:
    ann, bo = page, second_page
    # Bo's group has done it before, and shares its learning organisation-wide.
    sign_in(bo, site.url, BO)
    ward_9_url = form_group(bo, WARD_9)
    site.join(UUID(ward_9_url.rsplit("/", 1)[-1]), CY, "member", by=BO)
    bo.get_by_role("link", name="Invite people, change roles and sharing").click()
    people = bo.locator("#people")
    people.get_by_label("Share this group's learning with everyone in the organisation").check()
    post_by_htmx(bo, people.get_by_role("button", name="Save sharing"), "/sharing", "people")
    expect(bo.locator("#people")).to_contain_text("Shared: everyone who can sign in")
    bo.locator("nav.crumbs").get_by_role("link", name=WARD_9).click()  # back to the group

    # Ann's group, following Peer Assist, asks Ward 9 for advice before planning.
    cycle_url = start(ann, site, "Peer Assist")
    assist = ann.locator("#peer-assist")
    expect(
        assist.get_by_role("heading", name="Peer Assist — advice from groups that have done it")
    ).to_be_visible()
    assist.get_by_label("Ask the group").select_option(label=WARD_9)
    assist.get_by_label("What you would like their advice on").fill(QUESTION)
    response = post_from_journal(ann, "Ask for advice", "/advice-requests")
    assert response.status == 200, response.text()[:500]
    request = ann.locator("#peer-assist .advice-list > li", has_text=QUESTION)
    expect(request).to_contain_text(f"Asked {WARD_9}")
    expect(request).to_contain_text("No advice yet.")
    expect(assist.get_by_label("What you would like their advice on")).to_have_value("")
    fits_a_phone(ann, "method-peer-assist-asked", screenshots)

    # Cy, a member of Ward 9, sees the question on Ward 9's page and gives advice there.
    hand_over(bo, CY)
    asked = bo.locator("#asked-of .advice-list > li", has_text=QUESTION)
    expect(asked).to_contain_text(f"{WARD_7} (cycle 1) asks:")
    fits_a_phone(bo, "method-peer-assist-asked-of", screenshots)
    asked.get_by_label("Your group's advice").fill(ADVICE)
    asked.get_by_role("button", name="Give advice").click()
    expect(bo.locator("#asked-of .advice-list > li", has_text=QUESTION)).to_contain_text(ADVICE)

    # Ann's cycle shows the advice, from whom, and her plan is revised in its light.
    ann.goto(cycle_url)
    given = ann.locator("#peer-assist .advice-list > li", has_text=QUESTION)
    expect(given.locator("li.kind-advice")).to_contain_text(ADVICE)
    expect(given.locator("li.kind-advice")).to_contain_text(f"advice from {WARD_9}: {CY}")
    ann.get_by_role("link", name="Revise the plan", exact=True).click()
    expect(ann.get_by_role("heading", name="Revise the plan of cycle 1")).to_be_visible()
    cites = ann.get_by_role("group", name="Revised in the light of")
    cites.get_by_label(f"Advice from another group by {CY}: {ADVICE}").check()
    ann.get_by_label("What changed, and why").fill(CHANGE)
    save_revision(ann, 1, 2)
    version = ann.locator("#version-2")
    expect(version.locator(".change")).to_contain_text(CHANGE)
    expect(version.locator(".cited")).to_contain_text(ADVICE)
    screenshot(ann, screenshots, "method-peer-assist-history")
    assert console_errors == []


def heading_sizes(page: Page) -> list[tuple[str, float]]:
    """Each heading in <main>, as its tag and its font size in pixels as Chromium draws it."""
    found: list[tuple[str, float]] = page.locator("main").evaluate(
        """main => [...main.querySelectorAll('h1, h2, h3, h4')].map(
               h => [h.tagName, parseFloat(getComputedStyle(h).fontSize)])"""
    )
    return found


@pytest.mark.parametrize("path", ["/methods", "/methods/pdsa"])
def test_the_methods_guide_draws_its_h1_larger_than_any_heading_below_it(
    page: Page, site: Site, console_errors: list[str], screenshots: Path, path: str
) -> None:
    page.goto(site.url + path)
    sizes = heading_sizes(page)
    assert sizes[0][0] == "H1", sizes
    # Clearly the largest: a heading within 15% of the H1's size reads as its equal.
    for tag, size in sizes[1:]:
        assert size <= 0.85 * sizes[0][1], f"{path}: {tag} of {size}px, H1 of {sizes[0][1]}px"
    # Sections' headings are larger than the cards within them.
    assert min(s for t, s in sizes if t == "H2") > max(s for t, s in sizes if t == "H3"), sizes
    if path == "/methods":
        cards = page.locator(".method-use h3")
        expect(cards.first).to_have_text("PDSA — Plan, Do, Study, Act")
    screenshot(page, screenshots, "methods-guide" + path.replace("/", "-"))
    assert console_errors == []
