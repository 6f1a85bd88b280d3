"""What a person does in the browser, shared by the browser tests.

Each step finds things the way a person does: by their labels, headings and button
words. The checks on htmx (a fragment came back, the page was never reloaded) live
here too, so every test means the same thing by them.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from uuid import UUID

from playwright.sync_api import Locator, Page, Response, expect

from tests.conftest import PASSWORD


@dataclass(frozen=True)
class Plan:
    """What goes on the pages that open a cycle."""

    objective: str
    question: str
    prediction: str
    reason: str = ""
    plan_text: str = ""
    who: str = ""
    where: str = ""
    when: str = ""
    tasks: list[tuple[str, str, str]] = field(default_factory=list)  # text, owner, due
    method: str = ""  # the learning method's name, as it starts its radio; PDSA if blank
    scale: str = ""  # who, how many, where, how long


SLICE_PLAN = Plan(
    objective="Discharge letters go out before noon",
    question="Will a noon checklist speed up letters?",
    prediction="Half of letters before noon in week one",
    plan_text="Sister Lee puts a checklist on the ward round.",
    who="Sister Lee",
    where="Ward 7",
    when="Weekdays, one week",
)


def email_of(name: str) -> str:
    """The email `tests.conftest.register` gives `name`: first name @example.org."""
    return name.split()[0].casefold() + "@example.org"


def type_sign_in(page: Page, name: str, password: str = PASSWORD) -> None:
    """On the sign-in page: type the email and password, and press "Sign in"."""
    expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    page.get_by_label("Email", exact=True).fill(email_of(name))
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()


def signed_in_as(page: Page, name: str) -> None:
    """The header says who is signed in, and offers to sign out."""
    header = page.locator("header.site")
    expect(header).to_contain_text(f"Signed in as {name}")
    expect(header.get_by_role("button", name="Sign out")).to_be_visible()


def sign_in(page: Page, base_url: str, name: str) -> None:
    """Open the site, be sent to sign in, sign in as `name`, and land on the groups."""
    page.goto(base_url + "/")
    expect(page).to_have_url(f"{base_url}/signin?next=/")
    type_sign_in(page, name)
    signed_in_as(page, name)
    expect(page).to_have_url(base_url + "/")
    expect(page.get_by_role("heading", name="Pilot groups", level=1)).to_be_visible()


def sign_out(page: Page) -> None:
    """Press "Sign out" in the header: back at the sign-in page, signed in as no one."""
    page.locator("header.site").get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    expect(page.locator("header.site")).not_to_contain_text("Signed in as")


def hand_over(page: Page, name: str) -> None:
    """Hand the tab to a colleague: sign out, and they sign in back to the same page."""
    here = page.url
    sign_out(page)
    page.goto(here)
    type_sign_in(page, name)
    signed_in_as(page, name)
    expect(page).to_have_url(here)


def form_group(page: Page, name: str = "Ward 7 discharges") -> str:
    """Form a pilot group from the front page; return the group page's URL."""
    expect(page.get_by_role("heading", name="Form a pilot group")).to_be_visible()
    page.get_by_label("Group name").fill(name)
    page.get_by_label("Aim", exact=False).fill("80% of discharges before noon by March")
    page.get_by_role("button", name="Form group").click()
    expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()
    return page.url


# The headings of the pages that open a cycle, one question a page, in the order asked.
OPENING = (
    "Which method will the group follow?",
    "What is this cycle for?",
    "What should this test find out?",
    "What change will you test, and at what scale?",
    "What must be ready first?",
    "What will you collect?",
    "When was the cycle opened?",
)
CHECK_YOUR_PLAN = "Check your plan before you open the cycle"


def on_question(page: Page, heading: str) -> None:
    """The page asking `heading` is shown (as its one h1)."""
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()


def continue_to(page: Page, heading: str) -> None:
    """Press "Continue" and arrive at the page whose heading is `heading`."""
    page.get_by_role("button", name="Continue", exact=True).click()
    on_question(page, heading)


def open_cycle(page: Page, plan: Plan = SLICE_PLAN) -> str:
    """From the group page, open its first cycle with `plan`, a question a page, then
    "Open the cycle" on the check page; return the cycle's URL."""
    to_the_questions(page, plan)
    page.get_by_label("Question 1", exact=True).fill(plan.question)
    page.get_by_label("Prediction for question 1", exact=True).fill(plan.prediction)
    if plan.reason:
        page.get_by_label("Why you predict this (question 1)", exact=True).fill(plan.reason)
    return after_the_questions(page, plan)


def to_the_questions(page: Page, plan: Plan) -> None:
    """From the group page, start opening its first cycle: the method (if `plan` names
    one) and the objective, then on to the questions page."""
    page.get_by_role("link", name="Open the first cycle").click()
    method, objective, questions = OPENING[:3]
    on_question(page, method)
    if plan.method:
        choose_method(page, plan.method)
    continue_to(page, objective)
    page.get_by_label("Objective of this cycle").fill(plan.objective)
    continue_to(page, questions)


def after_the_questions(page: Page, plan: Plan) -> str:
    """From the questions page, answered: the change, the tasks, and on through the pages
    left to the check page, where "Open the cycle" opens it; return the cycle's URL."""
    change, tasks, data, when = OPENING[3:]
    continue_to(page, change)
    if plan.plan_text:
        page.get_by_label("What will be done").fill(plan.plan_text)
    for label, value in (("Who", plan.who), ("Where", plan.where), ("When", plan.when)):
        if value:
            page.get_by_label(label, exact=True).fill(value)
    if plan.scale:
        page.get_by_label("Scale — how many, for how long").fill(plan.scale)
    continue_to(page, tasks)
    for n, (text, owner, due) in enumerate(plan.tasks, 1):
        page.get_by_label(f"Task {n}", exact=True).fill(text)
        page.get_by_label(f"Owner of task {n}", exact=True).fill(owner)
        page.get_by_label(f"Due date of task {n}", exact=True).fill(due)
    continue_to(page, data)
    continue_to(page, when)
    continue_to(page, CHECK_YOUR_PLAN)
    expect(page.locator(".summary-list")).to_contain_text(plan.objective)
    page.get_by_role("button", name="Open the cycle", exact=True).click()
    expect(page.get_by_role("heading", name=f"Cycle 1: {plan.objective}")).to_be_visible()
    return page.url


def record_act(page: Page, kind: str, text: str, question: str = "") -> None:
    """Record an action, observation, problem or surprise through the act form."""
    page.get_by_label("What kind of entry").select_option(label=kind)
    page.get_by_label("About the question (optional)").select_option(label=question or "—")
    page.get_by_label("What you did or saw").fill(text)
    response = post_from_journal(page, "Record what happened", "/entries")
    assert response.status == 200, response.text()[:500]
    expect(page.locator("#observations")).to_contain_text(text)
    expect(page.get_by_label("What you did or saw")).to_have_value("")


def record_learning(page: Page, text: str) -> None:
    """Record what was learned."""
    page.get_by_label("What we learned").fill(text)
    response = post_from_journal(page, "Record learning", "/reflections")
    assert response.status == 200, response.text()[:500]
    expect(page.locator("#reflections")).to_contain_text(text)


def record_comparison(page: Page, question: str, outcome: str, text: str) -> None:
    """Compare what happened with the prediction for `question` ("Confirmed", …)."""
    compare = page.locator("#compare_form")
    compare.get_by_label("Question").select_option(label=question)
    compare.get_by_label(outcome, exact=True).check()
    compare.get_by_label("What actually happened").fill(text)
    response = post_from_journal(page, "Record comparison", "/comparisons")
    assert response.status == 200, response.text()[:500]
    expect(page.locator("#reflections")).to_contain_text(text)


def save_revision(page: Page, cycle: int, version: int) -> None:
    """Save the revision form, land back on the cycle, and follow its mark to the history."""
    page.get_by_role("button", name="Save revision").click()
    plan = page.locator("#plan")
    expect(plan).to_contain_text(f"Version {version} — just saved")
    plan.get_by_role("link", name="See what changed in the revision history").click()
    expect(
        page.get_by_role("heading", name=f"How the plan of cycle {cycle} changed")
    ).to_be_visible()


def choose_method(page: Page, name: str) -> None:
    """On the method page of opening a cycle: click the method whose label starts with
    `name`."""
    methods = page.get_by_role("group", name="Which method will the group follow?")
    choice = methods.get_by_role("radio", name=re.compile(rf"^{re.escape(name)}\b"))
    choice.check()
    expect(choice).to_be_checked()


def group_of(page: Page) -> UUID:
    """The id of the group a cycle page belongs to, from its breadcrumb link."""
    href = page.locator("nav.crumbs a[href^='/groups/']").get_attribute("href") or ""
    return UUID(href.rsplit("/", 1)[-1])


def invite(page: Page, name: str, role: str) -> str:
    """From the group page, on its people page: invite `name`'s email as `role` ("Member",
    say); return the link.

    The link is copied from the page, as a facilitator would copy it into an email.
    """
    page.get_by_role("link", name="Invite people, change roles and sharing").click()
    expect(page.get_by_role("heading", name=re.compile("^People in "), level=1)).to_be_visible()
    people = page.locator("#people")
    people.get_by_label("Email", exact=True).fill(email_of(name))
    roles = people.get_by_label("Role", exact=True)
    # An option may say what the role does ("Member — records plans, …"): pick by its start.
    option = roles.locator("option", has_text=re.compile(rf"^\s*{re.escape(role)}\b"))
    roles.select_option(label=option.inner_text().strip())
    post_by_htmx(page, people.get_by_role("button", name="Invite"), "/invitations", "people")
    made = page.locator("#new-invitation")
    expect(made).to_contain_text(f"Invitation for {email_of(name)} made")
    link = made.locator("code.link").inner_text().strip()
    assert "/invitations/" in link, link
    return link


def accept_invitation(page: Page, link: str, name: str, group: str) -> None:
    """Signed out, open the invitation `link`, make an account and land on the group page."""
    page.goto(link)
    expect(page.get_by_role("heading", name=f"Join {group}", level=1)).to_be_visible()
    expect(page.get_by_text(f"at {email_of(name)}")).to_be_visible()
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Choose a password").fill(PASSWORD)
    page.get_by_role("button", name="Accept and join").click()
    expect(page.get_by_role("heading", name=group, level=1)).to_be_visible()
    signed_in_as(page, name)
    expect(page.locator("#people")).to_contain_text(name)


def mark_the_window(page: Page) -> None:
    """Leave a mark on the window: a full page load makes a new window without it.

    Also start listening for htmx's settle event, so `wait_for_swap` can tell when the
    fragment that comes back is in place.
    """
    page.evaluate(
        """() => {
            window.__stay = 'x';
            window.__settled = false;
            document.addEventListener('htmx:afterSettle', () => { window.__settled = true; },
                                      {once: true});
        }"""
    )


def wait_for_swap(page: Page) -> None:
    """Wait until htmx has swapped in and settled the fragment it got back."""
    page.wait_for_function("() => window.__settled === true")


def assert_not_reloaded(page: Page) -> None:
    """The mark set before the click is still there: the page was never reloaded."""
    assert page.evaluate("window.__stay") == "x", "the page was reloaded"


def post_by_htmx(
    page: Page, button: Locator, path_end: str, fragment: str = "journal"
) -> Response:
    """Click `button`, and check htmx sent it and swapped in the `#fragment` it got back.

    Returns the response, whatever its status, for the test to check.
    """
    mark_the_window(page)
    with page.expect_response(
        lambda r: r.request.method == "POST" and urlsplit(r.url).path.endswith(path_end)
    ) as posted:
        button.click()
    response = posted.value
    headers = response.request.headers
    assert headers.get("hx-request") == "true", "the form was not sent by htmx"
    assert "hx-boosted" not in headers, "htmx sent a boosted page request, not a fragment one"
    body = response.text()
    assert "<html" not in body, "the server answered with a whole page, not the fragment"
    assert body.lstrip().startswith(f'<section id="{fragment}"'), body[:200]
    wait_for_swap(page)
    assert_not_reloaded(page)
    return response


def post_from_journal(page: Page, button: str, path_end: str) -> Response:
    """Click the journal button named `button` (exactly) and return htmx's response."""
    return post_by_htmx(
        page, page.locator("#journal").get_by_role("button", name=button, exact=True), path_end
    )


def without_refusals(console_errors: list[str], *refused: Response) -> list[str]:
    """The errors, less Chromium's own log line for each refusal the test asked for.

    Chromium logs "Failed to load resource: the server responded with a status of
    409 (CONFLICT)" for a 4xx response; htmx itself logs nothing for these codes.
    """

    def expected(error: str) -> bool:
        return any(
            f"status of {r.status} " in error and f"'url': '{r.url}'" in error for r in refused
        )

    return [e for e in console_errors if not expected(e)]


def shown_anywhere(page: Page, text: str) -> bool:
    """Whether `text` is on the page: in what it shows, or in a field's value."""
    found: bool = page.evaluate(
        """text => document.body.innerText.includes(text)
            || [...document.querySelectorAll('input, textarea, select')]
                 .some(el => (el.value || '').includes(text))""",
        text,
    )
    return found


def unlabelled_fields(page: Page) -> list[str]:
    """Every visible-kind input, select and textarea that has no label naming it."""
    names: list[str] = page.evaluate(
        """() => [...document.querySelectorAll('input, select, textarea')]
            .filter(el => el.type !== 'hidden')
            .filter(el => !([...(el.labels || [])].some(l => l.textContent.trim())
                            || (el.getAttribute('aria-label') || '').trim()
                            || el.getAttribute('aria-labelledby')))
            .map(el => el.name || el.id || el.outerHTML.slice(0, 80))"""
    )
    return names


def wider_than(page: Page, width: int) -> list[str]:
    """The elements that stick out past `width` pixels: what makes a page scroll sideways."""
    culprits: list[str] = page.evaluate(
        """width => [...document.querySelectorAll('body *')]
            .filter(el => el.getBoundingClientRect().right > width + 0.5)
            .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                 + (el.className && typeof el.className === 'string'
                    ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
                 + ' right=' + Math.round(el.getBoundingClientRect().right))""",
        width,
    )
    return culprits


def scroll_width(page: Page) -> int:
    """How wide the page's content is: more than the window means a sideways scroll."""
    width: int = page.evaluate("document.scrollingElement.scrollWidth")
    return width


def phone_width_problems(page: Page, width: int = 375) -> tuple[list[str], list[str]]:
    """With every folded form opened: what sticks out past `width`, and unlabelled fields.

    The first list is empty when the page fits; the page is left at its own width.
    """
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    wide = scroll_width(page)
    overflow = (wider_than(page, width) or [f"page {wide}px wide"]) if wide > width else []
    return overflow, unlabelled_fields(page)


def screenshot(page: Page, folder: Path, name: str, widths: tuple[int, ...] = (1024, 375)) -> None:
    """Save the whole page at each width as `name-WIDTH.png`, then restore the width."""
    before = page.viewport_size or {"width": 1024, "height": 900}
    for width in widths:
        page.set_viewport_size({"width": width, "height": before["height"]})
        # caret="initial": hiding the caret leaves style="" on every field, which htmx
        # then copies while settling a swap, and the CSP refuses that with console errors.
        page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True, caret="initial")
    page.set_viewport_size(before)


@dataclass(frozen=True)
class Measure:
    """What goes on the "Define a measure" form: its radios by their labels."""

    name: str
    definition: str
    unit: str
    better: str  # "Up is better", "Down is better" or "Neither"
    period: str  # "Each day", "Each week" or "Each month"
    ratio: bool = False  # a percentage of a numerator over a denominator


def to_the_measures(page: Page) -> None:
    """From the group page: to its measures."""
    page.get_by_role("link", name="Measures — the numbers the group counts").click()
    expect(page.get_by_role("heading", name="Define a measure")).to_be_visible()


def fill_measure(page: Page, measure: Measure) -> None:
    """On the measures page: type the measure's name, definition and unit."""
    page.get_by_label("Name", exact=True).fill(measure.name)
    page.get_by_label("Operational definition").fill(measure.definition)
    page.get_by_label("Unit").fill(measure.unit)


def choose_measure_kinds(page: Page, measure: Measure) -> None:
    """On the measures page: choose which way is better, how often, and whether a percentage;
    then define it, and land on its page."""
    page.get_by_label(measure.better).check()
    page.get_by_label(measure.period).check()
    if measure.ratio:
        page.get_by_label("A percentage of a numerator over a denominator").check()
    page.get_by_role("button", name="Define the measure").click()
    expect(page.get_by_role("heading", name=measure.name, level=1)).to_be_visible()


def define_measure(page: Page, measure: Measure) -> str:
    """From the group page: define `measure` and return its page's URL."""
    to_the_measures(page)
    fill_measure(page, measure)
    choose_measure_kinds(page, measure)
    return page.url
