"""How a person uses Learnloop's pages: the moves the steps are made of.

Each move starts from a page a person would be on, uses the form they would see and
returns what happened. Only the "anyway" moves know an address: they send what a
form would have sent where the page offers none, as a stale tab or a crafted post could.
"""

import re
from dataclasses import replace

from tests.conftest import PASSWORD
from tests.functional.pages import Browser, Credentials, Page, Submission
from tests.functional.parts import Form
from tests.functional.pilot import ACT_KINDS, FIELDS, OUTCOMES, Cited, CycleRef, GroupRef

# What the forms that record an entry send, by kind; used only to send one anyway.
_LEARNING = "reflection_form-text"
_ACT = {"act_form-kind": "", "act_form-question": "", "act_form-text": ""}
# What a feature file calls the first question's radio, and its field.
KIND, _KIND = "Kind of question", "questions-0-kind"
# More pages than opening a cycle asks (a loop that never reaches the check page stops).
_MOST_PAGES = 12


def join(browser: Browser, group: GroupRef, name: str, role: str) -> None:
    """The facilitator invites `name` by email; they open the link, make an account, join.

    The browser is left signed in as the person who joined, as accepting signs them in.
    """
    email = name.split()[0].casefold() + "@example.org"
    browser.become(group.facilitator)
    browser.visit(group.url)
    browser.follow("Invite people, change roles and sharing")
    form = browser.form("Invite")
    form.fill("invite_form-email", email)
    form.fill("invite_form-role", role)
    # The page shows the link only in its htmx answer (without htmx it is lost).
    sent = browser.submit(form, htmx=True)
    assert sent.status == 200, sent.page.text
    assert sent.written == 1
    link = re.search(r"https?://[^/\s]+(/invitations/\S+)", sent.page.by_id["new-invitation"])
    assert link, sent.page.by_id["new-invitation"]
    browser.sign_out()
    offer = browser.visit(link[1])
    assert f"You are invited as a {role}, at {email}." in offer.text, offer.text
    form = browser.form("Accept and join")
    form.write("Your name", name)
    form.fill("password", PASSWORD)
    sent = browser.submit(form)
    assert sent.status == 303, sent.page.text
    browser.accounts[name] = Credentials(email, PASSWORD)
    assert browser.signed_in_as() == name
    people = browser.visit(group.url).by_id["people"]
    assert f"{name} {role}" in people, people


def form_group(browser: Browser, actor: str, name: str, aim: str) -> GroupRef:
    """From the home page, form a pilot group; whoever forms it facilitates it."""
    browser.become(actor)
    browser.visit("/")
    form = browser.form("Form group")
    form.fill("name", name)
    form.fill("aim", aim)
    sent = browser.submit(form)
    assert sent.status == 303, sent.page.text
    assert sent.page.headings[0] == name
    return GroupRef(sent.page.url, actor)


def share(browser: Browser, group: GroupRef) -> None:
    """The group's facilitator shares its learning organisation-wide, from its people page."""
    browser.become(group.facilitator)
    browser.visit(group.url)
    browser.follow("Invite people, change roles and sharing")
    form = browser.form("Save sharing")
    form.tick("Share this group's learning")
    sent = browser.submit(form)
    assert sent.status == 303, sent.page.text
    assert "Shared: everyone who can sign in may read this group." in sent.page.text


def fill_plan(form: Form, values: dict[str, str]) -> None:
    """Fill in the parts of a plan a feature file names, by the fields they stand for."""
    for name, value in values.items():
        if name == KIND:  # the first question's radio: predicted or exploratory
            form.choose(f"{value} (question 1)")
        else:
            form.fill(FIELDS[name], value)


def answer_page(form: Form, values: dict[str, str]) -> dict[str, str]:
    """Fill in the parts of a plan that this page asks for; return those left for others."""
    asked = {n: v for n, v in values.items() if form.has(_KIND if n == KIND else FIELDS[n])}
    fill_plan(form, asked)
    return {n: v for n, v in values.items() if n not in asked}


def open_cycle(
    browser: Browser,
    group: GroupRef,
    actor: str,
    plan: dict[str, str],
    method: str = "",
    on: str = "",
) -> Submission:
    """From the group's page, open a cycle with `plan`, a question a page (see
    `answer_questions`), then "Open the cycle" on the check page. A page that refuses
    its answers ends the walk: its refusal is the answer. What was written counts the
    whole walk."""
    start = browser.log_position()
    answered = answer_questions(browser, group, actor, plan, method, on)
    if answered.status != 303:
        return answered
    sent = browser.submit(browser.form("Open the cycle"))
    return replace(sent, written=browser.recorded_since(start))


def answer_questions(
    browser: Browser,
    group: GroupRef,
    actor: str,
    plan: dict[str, str],
    method: str = "",
    on: str = "",
    leave_at: str = "",
) -> Submission:
    """From the group's page, start a new cycle's plan and answer its questions a page at
    a time: the method (if named), each page's part of `plan`, and the date it opened
    (`on`, as the picker sends it) if before today, each page sent with "Continue".
    Ends on the check page (the last answer's 303), on a page that refused its answers
    (422), or on the page `leave_at` names ("questions"), left unsent. What was written
    counts the whole walk."""
    browser.become(actor)
    browser.visit(group.url)
    browser.follow("Open ")
    start, left = browser.log_position(), dict(plan)
    sent = Submission(200, browser.page, 0) if browser.page else None
    for _ in range(_MOST_PAGES):
        assert browser.page is not None
        if not browser.page.has_form("Continue"):
            break
        if leave_at and browser.page.url.split("?")[0].endswith(f"/{leave_at}"):
            return Submission(200, browser.page, browser.recorded_since(start))
        form = browser.form("Continue")
        if form.has("method") and method:
            form.choose(method)
        left = answer_page(form, left)
        if form.has("happened_on"):
            dated(form, on)
        sent = browser.submit(form)
        if sent.status != 303:
            return replace(sent, written=browser.recorded_since(start))
    assert not left, f"no page asked for {sorted(left)}"
    assert sent is not None
    return replace(sent, written=browser.recorded_since(start))


def dated(form: Form, on: str, at: str = "") -> None:
    """Say when it happened ("When was it …?"), if not today: a date, and a time if given."""
    if on:
        form.enter("When ", on)
    if at:
        form.enter("At what time ", at, "time")


def opened(sent: Submission, plan: dict[str, str]) -> CycleRef:
    """The cycle a successful submission landed on, checking its page shows the objective."""
    assert sent.status == 303, sent.page.text
    assert sent.written > 0
    heading = sent.page.headings[0]
    found = re.match(r"Cycle (\d+): (.*)", heading)
    assert found, heading
    assert found[2] == plan["Objective"], heading
    return CycleRef(sent.page.url, plan, int(found[1]))


def adapted(
    sent: Submission, values: dict[str, str], following: int, cycles: dict[int, CycleRef]
) -> CycleRef:
    """The cycle an adapt decision opened (its plan is the table; "What changed" is also the
    decision's reason), checked to be number `following` and kept with the scenario's cycles."""
    cycle = opened(sent, values)
    assert cycle.number == following, sent.page.headings
    cycles[following] = cycle
    return cycle


def record(
    browser: Browser,
    cycle: CycleRef,
    actor: str,
    kind: str,
    text: str,
    on: str = "",
    at: str = "",
) -> Submission:
    """Record what was done or seen (an action, observation, problem or surprise) or learned,
    dated `on` (and `at`) if it happened before now."""
    browser.become(actor)
    browser.visit(cycle.url)
    if kind in ACT_KINDS:
        form = browser.form("Record what happened")
        form.select("What kind of entry", ACT_KINDS[kind])
        form.write("What you did or saw", text)
    else:
        form = browser.form("Record learning")
        form.write("What we learned", text)
    dated(form, on, at)
    return browser.submit(form)


def record_anyway(
    browser: Browser, cycle: CycleRef, actor: str, kind: str, text: str
) -> Submission:
    """Send an entry as its form would, though the page offers no such form."""
    browser.become(actor)
    if kind in ACT_KINDS:
        return browser.send(
            f"{cycle.url}/entries", {**_ACT, "act_form-kind": kind, "act_form-text": text}
        )
    return browser.send(f"{cycle.url}/reflections", {_LEARNING: text})


def compare(browser: Browser, cycle: CycleRef, actor: str, outcome: str, text: str) -> Submission:
    """Compare what happened with the cycle's (first) prediction."""
    return _compared(browser, cycle, actor, cycle.plan["Question"], OUTCOMES[outcome], text)


def find_out(
    browser: Browser, cycle: CycleRef, actor: str, question: str, text: str, on: str = ""
) -> Submission:
    """Say what was found for an exploratory question (there is no outcome to choose)."""
    return _compared(browser, cycle, actor, f"{question} (exploratory)", "", text, on)


def _compared(
    browser: Browser,
    cycle: CycleRef,
    actor: str,
    question: str,
    outcome: str,
    text: str,
    on: str = "",
) -> Submission:
    """From the cycle's page, the comparison form: its question (as the drop-down words it),
    its outcome if predicted, what happened, and when, if before today."""
    browser.become(actor)
    browser.visit(cycle.url)
    form = browser.form("Record comparison")
    form.select("Question", question)
    if outcome:
        form.choose(outcome)
    form.write("What actually happened", text)
    dated(form, on)
    return browser.submit(form)


def adapt(
    browser: Browser,
    cycle: CycleRef,
    actor: str,
    values: dict[str, str],
    cites: list[Cited],
    on: str = "",
) -> Submission:
    """From the cycle's page, adapt: revise the plan, tick its learning, open the next cycle
    (decided `on`, if before today)."""
    browser.become(actor)
    browser.visit(cycle.url)
    browser.follow(f"Adapt — revise the plan and open cycle {cycle.number + 1}")
    return _next_cycle(browser, f"Adapt and open cycle {cycle.number + 1}", values, cites, on)


def scale_up(
    browser: Browser,
    cycle: CycleRef,
    actor: str,
    values: dict[str, str],
    cites: list[Cited],
    on: str = "",
) -> Submission:
    """From the cycle's page, adopt and scale up: the same plan at its new scale, citing the
    learning, opening the next cycle (decided `on`, if before today)."""
    browser.become(actor)
    browser.visit(cycle.url)
    browser.follow(f"Adopt and scale up — test it at a larger scale in cycle {cycle.number + 1}")
    return _next_cycle(browser, f"Scale up and open cycle {cycle.number + 1}", values, cites, on)


def _next_cycle(
    browser: Browser, button: str, values: dict[str, str], cites: list[Cited], on: str
) -> Submission:
    """Fill in the form that opens the next cycle of a ramp, tick its learning, send it."""
    form = browser.form(button)
    fill_plan(form, values)
    for learning in cites:
        form.tick(learning.label)
    dated(form, on)
    return browser.submit(form)


def revise(
    browser: Browser, cycle: CycleRef, actor: str, values: dict[str, str], cites: list[str]
) -> Submission:
    """From the cycle's page, revise the plan, ticking the learning labelled `cites`."""
    browser.become(actor)
    browser.visit(cycle.url)
    browser.follow("Revise the plan")
    form = browser.form("Save revision")
    fill_plan(form, values)
    for label in cites:
        form.tick(label)
    return browser.submit(form)


def decide(
    browser: Browser, cycle: CycleRef, actor: str, decision: str, reason: str, on: str = ""
) -> Submission:
    """From the cycle's page, adopt or abandon the change, saying why (and when, if `on`)."""
    browser.become(actor)
    browser.visit(cycle.url)
    form = browser.form("Record decision")
    form.choose(decision.capitalize())
    form.write("Why", reason)
    dated(form, on)
    return browser.submit(form)


def decide_anyway(
    browser: Browser, cycle: CycleRef, actor: str, decision: str, reason: str
) -> Submission:
    """Send a decision as its form would, though the page offers no such form."""
    browser.become(actor)
    data = {"decision_form-decision": decision, "decision_form-reason": reason}
    return browser.send(f"{cycle.url}/decision", data)


def version(history: Page, number: int) -> str:
    """What the plan's history shows for one version."""
    return history.by_id[f"version-{number}"]


def define_measure(browser: Browser, group: GroupRef, actor: str, values: dict[str, str]) -> str:
    """From the group's page, define a measure: its words, which way is better, how often it
    is counted (the radios' words, as "Down is better", "Each month"); the measure's page."""
    browser.become(actor)
    browser.visit(group.url)
    browser.follow("Measures — the numbers the group counts")
    form = browser.form("Define the measure")
    form.write("Name", values["Name"])
    form.write("Operational definition", values["Definition"])
    form.write("Unit", values["Unit"])
    form.choose(values["Better"])
    form.choose(values["Counted by"])
    sent = browser.submit(form)
    assert sent.status == 303, sent.page.text
    assert sent.page.headings[0] == values["Name"], sent.page.headings
    return sent.page.url


def paste_rows(browser: Browser, measure: str, actor: str, rows: str) -> Submission:
    """On the measure's page, paste rows as copied from a spreadsheet (tab-separated)."""
    browser.become(actor)
    browser.visit(measure)
    form = browser.form("Record the rows")
    form.write("Rows from a spreadsheet", rows)
    return browser.submit(form)
