"""A whole plan-do-study-act cycle in a real browser, and what happens when people overlap."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.site import Site
from tests.browser.steps import (
    Plan,
    accept_invitation,
    assert_not_reloaded,
    form_group,
    group_of,
    hand_over,
    invite,
    open_cycle,
    phone_width_problems,
    post_by_htmx,
    post_from_journal,
    record_act,
    record_comparison,
    record_learning,
    save_revision,
    screenshot,
    scroll_width,
    shown_anywhere,
    sign_in,
    without_refusals,
)

pytestmark = pytest.mark.browser

ANN = "Ann Facilitator"
BO = "Bo Nurse"
GROUP = "Ward 7 discharges"
PLAN = Plan(
    objective="Discharge letters go out before noon",
    question="Will a noon checklist speed up letters?",
    prediction="Half of letters before noon in week one",
    reason="Most delays are forgotten steps, and a checklist reminds",
    plan_text="Sister Lee puts a one-page checklist on the ward round.",
    who="Sister Lee and the ward round doctors",
    where="Ward 7",
    when="Weekdays, 3 to 7 March",
    tasks=[("Print the noon checklist", "Sister Lee", "2026-03-02")],
)
ACTION = "Put the printed checklist in the ward round folder on Monday."
OBSERVATION = "Four of nine letters left before noon; two waited on pharmacy."
COMPARISON = "Four of nine is short of half: the checklist helped, pharmacy still holds letters."
LEARNING = "Letters waiting on pharmacy need their own step: the checklist alone is not enough."
MISTAKE = "We did not tell pharmacy about the test, so they could not plan for it."
HELP = "Who in pharmacy can we ask to join the next cycle?"
ANSWER = "Priya, the ward pharmacist, is happy to join from next week."
COMMENT = "Were the two pharmacy letters the same drug?"
CHANGE = "Pharmacy gets the checklist at 10:00, because two letters waited on them."
NEXT_OBJECTIVE = "Discharge letters and their medicines are ready before noon"


def start(page: Page, site: Site) -> str:
    """Ann signs in, forms a group and opens its first cycle; return the cycle's URL."""
    sign_in(page, site.url, ANN)
    form_group(page, GROUP)
    return open_cycle(page, PLAN)


def start_with_bo(ann: Page, bo: Page, site: Site) -> str:
    """As `start`, but Ann invites Bo first, and Bo joins from the link in his own browser."""
    sign_in(ann, site.url, ANN)
    group_url = form_group(ann, GROUP)
    link = invite(ann, BO, "Member")
    accept_invitation(bo, link, BO, GROUP)
    expect(bo).to_have_url(group_url)
    expect(bo.locator("#people li", has_text=BO).locator(".badge")).to_have_text("member")
    # Ann sees Bo among the people once she looks again, and the invitation is used up.
    ann.reload()
    expect(ann.locator("#people li", has_text=BO).locator(".badge")).to_have_text("member")
    expect(ann.locator("#people")).not_to_contain_text("Invitations not yet accepted")
    ann.locator("nav.crumbs").get_by_role("link", name=GROUP).click()  # back to the group
    return open_cycle(ann, PLAN)


@pytest.mark.accounts(ANN, BO)
def test_a_team_runs_a_whole_cycle_by_clicking_and_adapts_into_the_next(
    page: Page, site: Site, console_errors: list[str], screenshots: Path
) -> None:
    cycle_url = start(page, site)
    site.join(group_of(page), BO, "member", by=ANN)
    group_link = page.locator("nav.crumbs").get_by_role("link", name=GROUP)
    plan = page.locator("#plan")
    journal = page.locator("#journal")
    expect(plan).to_contain_text(PLAN.prediction)
    expect(plan).to_contain_text(f"because {PLAN.reason}")
    expect(plan).to_contain_text(PLAN.who)

    # Plan: the set-up task is done, and only the plan section is swapped.
    task = plan.locator(".tasks-list li", has_text="Print the noon checklist")
    post_by_htmx(page, task.get_by_role("button", name="Mark done"), "/done", fragment="plan")
    expect(plan.locator(".tasks-list li.done")).to_contain_text("Print the noon checklist")
    expect(plan.locator(".tasks-list li.done .badge")).to_contain_text(f"done ({ANN})")
    expect(plan.get_by_role("button", name="Mark done")).to_have_count(0)

    # Act: what was done, and what was seen about the question.
    record_act(page, "Action taken", ACTION)
    record_act(page, "Observation", OBSERVATION, question=PLAN.question)
    observation = journal.locator("li.entry", has_text=OBSERVATION)
    expect(observation.locator(".kind")).to_have_text("Observation")
    expect(observation.locator(".about")).to_contain_text(PLAN.question)
    expect(journal.locator("#phase")).to_contain_text("act")

    # Reflect: against the prediction, what was learned, and a mistake owned.
    record_comparison(page, PLAN.question, "Partly confirmed", COMPARISON)
    comparison = journal.locator("#reflections li.entry", has_text=COMPARISON)
    expect(comparison.locator(".outcome")).to_have_text("Partly confirmed")
    expect(comparison.locator(".about")).to_contain_text(PLAN.question)
    expect(journal.locator("#phase")).to_contain_text("reflect")
    # Acting is over once reflecting has begun.
    expect(page.get_by_label("What you did or saw")).to_have_count(0)

    record_learning(page, LEARNING)
    page.get_by_label("A mistake we made, and what it taught us").fill(MISTAKE)
    response = post_from_journal(page, "Record mistake", "/mistakes")
    assert response.status == 200, response.text()[:500]
    expect(
        journal.locator("#reflections li.entry", has_text=MISTAKE).locator(".kind")
    ).to_have_text("Mistake owned")

    # Help: asked by Ann, answered by Bo at the same computer once Ann hands it over.
    page.get_by_label("What help do you need?").fill(HELP)
    response = post_from_journal(page, "Ask for help", "/help")
    assert response.status == 200, response.text()[:500]
    request = journal.locator(".help-list > li", has_text=HELP)
    expect(request.locator(".badge")).to_have_text("open")

    hand_over(page, BO)
    request.get_by_label("Your answer").fill(ANSWER)
    response = post_by_htmx(page, request.get_by_role("button", name="Send answer"), "/answers")
    assert response.status == 200, response.text()[:500]
    expect(request.locator(".answers")).to_contain_text(ANSWER)
    expect(request.locator(".answers")).to_contain_text(BO)
    expect(request.locator(".badge")).to_have_text("answered")

    # A comment on the observation.
    observation.locator("summary", has_text="Comment").click()
    observation.get_by_label("Comment").fill(COMMENT)
    response = post_by_htmx(
        page, observation.get_by_role("button", name="Add comment"), "/comments"
    )
    assert response.status == 200, response.text()[:500]
    expect(observation.locator(".comment-list")).to_contain_text(COMMENT)
    expect(observation.locator("summary", has_text="Comment")).to_have_text("Comment (1)")
    assert page.url == cycle_url
    assert_not_reloaded(page)
    screenshot(page, screenshots, "full-cycle-1-before-deciding")

    # Adapt: revise the plan in the light of the learning, and open cycle 2.
    page.get_by_role("link", name="Adapt — revise the plan and open cycle 2").click()
    expect(page.get_by_role("heading", name="Adapt: plan cycle 2")).to_be_visible()
    page.get_by_label(f"Learning by {ANN}: {LEARNING}").check()
    page.get_by_label("What changes, and why — what did this cycle teach you?").fill(CHANGE)
    page.get_by_label("Objective of this cycle").fill(NEXT_OBJECTIVE)
    page.get_by_role("button", name="Adapt and open cycle 2").click()

    expect(page.get_by_role("heading", name=f"Cycle 2: {NEXT_OBJECTIVE}")).to_be_visible()
    assert page.url != cycle_url
    cycle_2_url = page.url
    expect(page.locator("#phase")).to_contain_text("plan")
    expect(page.locator("#plan")).to_contain_text(PLAN.question)  # carried over
    screenshot(page, screenshots, "full-cycle-2")

    page.get_by_role("link", name="Revision history").click()
    expect(page.get_by_role("heading", name="How the plan of cycle 2 changed")).to_be_visible()
    version = page.locator("#version-1")
    expect(version.get_by_role("heading")).to_have_text("Version 1 — adapted from cycle 1")
    expect(version.locator(".change")).to_contain_text(CHANGE)
    expect(version.locator(".cited")).to_contain_text(LEARNING)
    screenshot(page, screenshots, "full-cycle-2-history")
    page.go_back()
    expect(page).to_have_url(cycle_2_url)

    page.get_by_role("navigation", name="Ramp").get_by_role("link", name="← Cycle 1").click()
    expect(page).to_have_url(cycle_url)
    decision = page.locator("#decision")
    expect(decision).to_contain_text("Decided to adapt")
    expect(decision).to_contain_text(BO)
    expect(decision).to_contain_text(CHANGE)  # the one reason, asked once
    expect(decision.get_by_role("link", name="Go to cycle 2")).to_be_visible()
    # Closed: nothing more is offered for recording in cycle 1.
    expect(page.get_by_label("What you did or saw")).to_have_count(0)
    expect(page.get_by_label("What we learned")).to_have_count(0)
    expect(page.get_by_role("link", name="Revise the plan", exact=True)).to_have_count(0)
    screenshot(page, screenshots, "full-cycle-1-adapted")

    group_link.click()
    expect(page.get_by_role("heading", name="Ward 7 discharges", level=1)).to_be_visible()
    ramp = page.locator(".ramp-block").first
    expect(ramp.locator(".ramp li")).to_have_count(2)
    expect(ramp.locator(".ramp li").first).to_contain_text("adapt")
    screenshot(page, screenshots, "full-cycle-group")
    assert console_errors == []


def test_two_people_revising_the_same_plan_the_second_gets_a_conflict_that_keeps_their_text(
    page: Page,
    second_page: Page,
    site: Site,
    console_errors: list[str],
    screenshots: Path,
) -> None:
    ann, bo = page, second_page
    cycle_url = start_with_bo(ann, bo, site)
    record_act(ann, "Observation", OBSERVATION, question=PLAN.question)

    # Both open "Revise the plan" on the same version.
    for person in (ann, bo):
        person.goto(cycle_url)
        person.get_by_role("link", name="Revise the plan", exact=True).click()
        expect(person.get_by_role("heading", name="Revise the plan of cycle 1")).to_be_visible()
    cited = f"Observation by {ANN}: {OBSERVATION}"
    bo_change = "Ask pharmacy to join, because two letters waited on them."
    bo_who = "Sister Lee, the ward round doctors and Priya from pharmacy"
    bo.get_by_label(cited).check()
    bo.get_by_label("What changed, and why").fill(bo_change)
    bo.get_by_label("Who", exact=True).fill(bo_who)

    # Ann saves first.
    ann_objective = "Discharge letters go out before noon, pharmacy included"
    ann.get_by_label(cited).check()
    ann.get_by_label("What changed, and why").fill("Pharmacy is part of the objective now.")
    ann.get_by_label("Objective of this cycle").fill(ann_objective)
    save_revision(ann, 1, 2)

    # Bo saves second: refused, told why, shown the newer plan, and keeps every word.
    with bo.expect_response(
        lambda r: r.request.method == "POST" and r.url.endswith("/revisions")
    ) as posted:
        bo.get_by_role("button", name="Save revision").click()
    conflict = posted.value
    assert conflict.status == 409
    alert = bo.get_by_role("alert")
    expect(alert).to_contain_text("The plan was revised (now version 2) while you were editing")
    expect(alert).to_contain_text("Your text is kept below")
    newer = bo.locator("details.current-plan")
    expect(newer).to_have_attribute("open", "")
    expect(newer.locator("summary")).to_contain_text("version 2")
    expect(newer).to_contain_text(ann_objective)
    expect(bo.get_by_label("What changed, and why")).to_have_value(bo_change)
    expect(bo.get_by_label("Who", exact=True)).to_have_value(bo_who)
    expect(bo.get_by_label(cited)).to_be_checked()
    screenshot(bo, screenshots, "revise-conflict")

    # Having checked the newer plan, Bo keeps Ann's objective and saves again.
    bo.get_by_label("Objective of this cycle").fill(ann_objective)
    save_revision(bo, 1, 3)
    version = bo.locator("#version-3")
    expect(version.locator(".meta")).to_contain_text(f"Revised by {BO}")
    expect(version.locator(".change")).to_contain_text(bo_change)
    expect(version.locator("ins", has_text="Priya")).to_have_count(1)
    expect(bo.locator("#version-2 .meta")).to_contain_text(f"Revised by {ANN}")
    screenshot(bo, screenshots, "history")
    # Chromium logs the 409 as a failed resource load; nothing else went wrong.
    assert len(console_errors) == 1, console_errors
    assert without_refusals(console_errors, conflict) == []


def close_the_cycle_behind_anns_back(
    ann: Page, bo: Page, cycle_url: str, drafts: dict[str, str]
) -> None:
    """Ann types into the journal without sending; meanwhile Bo reflects and adopts."""
    for label, text in drafts.items():
        ann.get_by_label(label).fill(text)
    bo.goto(cycle_url)
    record_learning(bo, LEARNING)
    decision = bo.locator("#decision_form")
    decision.get_by_label("Adopt and implement — keep the change; the ramp ends").check()
    decision.get_by_label("Why").fill("Good enough to spread to ward 8.")
    bo.get_by_role("button", name="Record decision").click()
    expect(bo.locator("#decision")).to_contain_text("Decided to adopt")


def test_recording_in_a_cycle_someone_just_closed_is_refused_without_losing_the_text(
    page: Page,
    second_page: Page,
    site: Site,
    console_errors: list[str],
) -> None:
    ann, bo = page, second_page
    cycle_url = start_with_bo(ann, bo, site)
    record_act(ann, "Observation", OBSERVATION, question=PLAN.question)
    unsent = "Friday: six of nine letters before noon once pharmacy had the list."
    close_the_cycle_behind_anns_back(ann, bo, cycle_url, {"What you did or saw": unsent})

    # Ann sends: refused in place (409), told why, and the page is not reloaded.
    response = post_from_journal(ann, "Record what happened", "/entries")
    assert response.status == 409
    journal = ann.locator("#journal")
    expect(journal.get_by_role("alert")).to_contain_text(
        f"This cycle is closed: {BO} decided to adopt it."
    )
    expect(journal.locator("#decision")).to_contain_text("Decided to adopt")
    expect(journal.locator("#observations li.entry")).to_have_count(1)
    assert_not_reloaded(ann)
    assert ann.url == cycle_url
    # What Ann typed is still on her page, beside the message, to copy elsewhere.
    assert shown_anywhere(ann, unsent), f"{unsent!r} is nowhere on the page after the refusal"
    expect(journal.locator("#act")).to_contain_text(unsent)
    # Chromium logs the 409 as a failed resource load; nothing else went wrong.
    assert without_refusals(console_errors, response) == []


class UnsavedTextLostError(AssertionError):
    """A draft was nowhere on the page any more."""


def test_drafts_in_the_other_journal_forms_survive_a_refusal_because_the_cycle_closed(
    page: Page,
    second_page: Page,
    site: Site,
    console_errors: list[str],
) -> None:
    ann, bo = page, second_page
    cycle_url = start_with_bo(ann, bo, site)
    record_act(ann, "Observation", OBSERVATION, question=PLAN.question)
    drafts = {
        "What you did or saw": "Friday: six of nine letters before noon.",
        "What we learned": "Pharmacy needs the list by ten, not at noon.",
        "What help do you need?": "Can someone cover the ward round on Friday?",
    }
    close_the_cycle_behind_anns_back(ann, bo, cycle_url, drafts)

    response = post_from_journal(ann, "Record what happened", "/entries")
    assert response.status == 409
    expect(ann.locator("#journal").get_by_role("alert")).to_contain_text("This cycle is closed")
    assert_not_reloaded(ann)
    assert without_refusals(console_errors, response) == []
    lost = [label for label, text in drafts.items() if not shown_anywhere(ann, text)]
    if lost:
        raise UnsavedTextLostError(f"drafts nowhere on the page after the refusal: {lost}")


class AccountIdShownError(AssertionError):
    """A message named someone by their account id instead of their name."""


def test_revising_a_plan_someone_just_closed_is_refused_without_losing_the_text(
    page: Page,
    second_page: Page,
    site: Site,
    console_errors: list[str],
) -> None:
    ann, bo = page, second_page
    cycle_url = start_with_bo(ann, bo, site)
    record_act(ann, "Observation", OBSERVATION, question=PLAN.question)
    record_learning(ann, LEARNING)
    ann.get_by_role("link", name="Revise the plan", exact=True).click()
    change = "Pharmacy gets the list at ten, because two letters waited on them."
    ann.get_by_label(f"Learning by {ANN}: {LEARNING}").check()
    ann.get_by_label("What changed, and why").fill(change)
    close_the_cycle_behind_anns_back(ann, bo, cycle_url, {})

    with ann.expect_response(
        lambda r: r.request.method == "POST" and r.url.endswith("/revisions")
    ) as posted:
        ann.get_by_role("button", name="Save revision").click()
    refused = posted.value
    assert refused.status == 409
    alert = ann.get_by_role("alert")
    expect(alert).to_contain_text("This cycle is closed: ")
    expect(alert).to_contain_text(" decided to adopt it.")
    assert without_refusals(console_errors, refused) == []
    if not shown_anywhere(ann, change):
        raise UnsavedTextLostError(f"{change!r} is nowhere on the page after the refusal")
    # Last, so that any other failure above still fails the test: who closed it, by name.
    said = alert.inner_text()
    if f"This cycle is closed: {BO} decided to adopt it." not in said:
        raise AccountIdShownError(f"{BO} is not named: {said!r}")


class ScrollsSidewaysError(AssertionError):
    """A page is wider than the phone it is shown on."""


def test_at_phone_width_the_pages_fit_and_every_field_has_a_label(
    page: Page,
    second_page: Page,
    site: Site,
    console_errors: list[str],
    screenshots: Path,
) -> None:
    visitor = second_page  # signed out: sees the sign-in and invitation pages
    for tab in (page, visitor):
        tab.set_viewport_size({"width": 375, "height": 800})
    problems: dict[str, list[str]] = {}
    unlabelled: dict[str, list[str]] = {}

    def check(name: str, url: str = "", tab: Page = page) -> None:
        """At 375px wide, with every folded form opened: no sideways scroll, all labelled."""
        if url:
            tab.goto(url)
        overflow, fields = phone_width_problems(tab)
        if overflow:
            problems[f"{name}: scrolls sideways ({scroll_width(tab)}px)"] = overflow
        if fields:
            unlabelled[name] = fields

    check("sign in", site.url + "/signin", tab=visitor)
    screenshot(visitor, screenshots, "signin", widths=(375,))
    cycle_url = start(page, site)
    group_url = site.url + f"/groups/{group_of(page)}"
    check("cycle, planned")
    # People paste links; a long one must wrap, not push the page sideways.
    link = "https://intranet.example.nhs.uk/wards/ward-7/discharge-checklist-version-2.pdf"
    record_act(page, "Problem", f"{OBSERVATION} The list: {link}", question=PLAN.question)
    page.get_by_label("What help do you need?").fill(f"{HELP} Draft at {link}")
    post_from_journal(page, "Ask for help", "/help")
    expect(page.locator(".help-list")).to_contain_text(HELP)
    check("cycle, acting")
    record_learning(page, LEARNING)
    check("cycle, reflecting")

    page.get_by_role("link", name="Revise the plan", exact=True).click()
    expect(page.get_by_role("heading", name="Revise the plan of cycle 1")).to_be_visible()
    check("revise")
    page.get_by_label(f"Problem by {ANN}: {OBSERVATION}", exact=False).check()
    page.get_by_label(f"Learning by {ANN}: {LEARNING}").check()
    page.get_by_label("What changed, and why").fill(CHANGE)
    page.get_by_label("Objective of this cycle").fill(NEXT_OBJECTIVE)
    save_revision(page, 1, 2)
    check("history")
    check("adapt", cycle_url + "/adapt")
    check("group", group_url)
    check("new cycle", group_url + "/cycles/new")

    # The People section with a fresh invitation: its long one-time link, and the
    # invitation waiting to be accepted.
    page.goto(group_url)
    invitation = invite(page, BO, "Sponsor")
    expect(page.locator("#people")).to_contain_text("Invitations not yet accepted")
    check("group, just invited")
    page.locator("#people").screenshot(
        path=str(screenshots / "group-people-375.png"), caret="initial"
    )
    check("invitation", invitation, tab=visitor)
    screenshot(visitor, screenshots, "invitation", widths=(375,))

    # For a person to look at, folded forms folded as a visitor first sees them.
    for name, url in (
        ("cycle", cycle_url),
        ("group", group_url),
        ("history", cycle_url + "/history"),
    ):
        page.goto(url)
        screenshot(page, screenshots, name)
    assert unlabelled == {}, "fields without a label"
    assert console_errors == []
    if problems:
        raise ScrollsSidewaysError(f"wider than 375px: {problems}")
