"""A learning cycle from plan to decision, ramps of adapted cycles, help and corrections."""

import re

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from tests.functional import usage
from tests.functional.pages import Browser, Page, Submission
from tests.functional.parts import words
from tests.functional.pilot import (
    ACT_KINDS,
    ACTOR,
    ENTRY_LABELS,
    KIND,
    OUTCOMES,
    CycleRef,
    GroupRef,
    HelpRef,
    with_headings,
)

scenarios("learning_cycle.feature")

# The buttons of every form that adds to a cycle once it is open.
RECORDING = (
    "Record what happened",
    "Record comparison",
    "Record learning",
    "Record mistake",
    "Ask for help",
    "Record decision",
)
CLOSE_HELP = "Close — I have what I need"


# Comparing and adapting


@then(
    parsers.re(
        r"cycle (?P<number>\d+) shows its prediction was "
        r"(?P<outcome>confirmed|partly confirmed|not confirmed)"
    ),
    converters={"number": int},
)
def prediction_shown(
    browser: Browser, cycles: dict[int, CycleRef], number: int, outcome: str
) -> None:
    cycle = cycles[number]
    page = browser.visit(cycle.url)
    compared = [
        text
        for key, text in page.by_id.items()
        if key.startswith("entry-") and text.startswith("Prediction compared")
    ]
    expected = f"Prediction compared {OUTCOMES[outcome]} on “{words(cycle.plan['Question'])}”"
    assert len(compared) == 1, compared
    assert compared[0].startswith(expected), compared


# Deciding


@given(
    parsers.re(
        ACTOR + r' has decided to (?P<decision>adopt|abandon) the change, because "(?P<why>[^"]+)"'
    )
)
@when(
    parsers.re(
        ACTOR + r' decides to (?P<decision>adopt|abandon) the change, because "(?P<why>[^"]+)"'
    )
)
def decided(browser: Browser, cycle: CycleRef, actor: str, decision: str, why: str) -> None:
    sent = usage.decide(browser, cycle, actor, decision, why)
    assert sent.status == 303, sent.page.text
    assert sent.written == 1


@when(
    parsers.re(
        ACTOR + r" sends a decision to (?P<decision>adopt|abandon) the change anyway, "
        r'because "(?P<why>[^"]+)"'
    ),
    target_fixture="submission",
)
def decide_anyway(
    browser: Browser, cycle: CycleRef, actor: str, decision: str, why: str
) -> Submission:
    return usage.decide_anyway(browser, cycle, actor, decision, why)


@then(parsers.parse('the cycle offers no way to decide yet, and says "{message}"'))
def no_way_to_decide(browser: Browser, cycle: CycleRef, message: str) -> None:
    page = browser.visit(cycle.url)
    assert not page.has_form("Record decision")
    assert not any(link.text.startswith("Adapt") for link in page.links), page.links
    assert words(message) in page.by_id["decision"], page.by_id["decision"]


@then("the cycle is still open")
def still_open(browser: Browser, cycle: CycleRef) -> None:
    page = browser.visit(cycle.url)
    assert "Decided to" not in page.text
    assert page.has_form("Record learning")


@then(
    parsers.re(
        r"cycle (?P<number>\d+) shows that " + ACTOR + r" decided to (?P<decision>\w+), "
        r"which closes the ramp"
    ),
    converters={"number": int},
)
def closes_the_ramp(
    browser: Browser, cycles: dict[int, CycleRef], number: int, actor: str, decision: str
) -> None:
    shown = browser.visit(cycles[number].url).by_id["decision"]
    assert f"Decided to {decision} by {actor}," in shown, shown
    assert "This closes the ramp." in shown, shown


@then(
    parsers.re(
        r"the cycle shows that " + ACTOR + r" decided to (?P<decision>\w+), "
        r"and offers no place to record anything more"
    )
)
def closed(browser: Browser, cycle: CycleRef, actor: str, decision: str) -> None:
    page = browser.visit(cycle.url)
    assert f"Decided to {decision} by {actor}," in page.by_id["decision"]
    offered = [button for button in RECORDING if page.has_form(button)]
    assert not offered, offered
    assert not any(link.text.startswith(("Revise", "Adapt")) for link in page.links)


@then(
    parsers.re(
        r"the group's page shows (?P<count>\d+) ramps?, \"(?P<heading>[^\"]+)\", "
        r"with these cycles:"
    ),
    converters={"count": int},
)
def ramp_shown(
    browser: Browser,
    group: GroupRef,
    cycles: dict[int, CycleRef],
    count: int,
    heading: str,
    datatable: list[list[str]],
) -> None:
    page = browser.visit(group.url)
    ramps = [h for h in page.headings if h.startswith("Ramp ")]
    assert len(ramps) == count, ramps
    assert heading in ramps, ramps
    shown = page.text.split(heading, 1)[1].split(" Ramp ", 1)[0]
    rows = with_headings(datatable)
    assert re.findall(r"\bCycle (\d+): ", shown) == [row["Cycle"] for row in rows], shown
    for row in rows:
        objective = cycles[int(row["Cycle"])].plan["Objective"]
        assert words(f"Cycle {row['Cycle']}: {objective} {row['Decision']} ") in shown, shown


# The plan's history


@then(
    parsers.re(
        r"version (?P<number>\d+) was adapted from cycle (?P<previous>\d+) by "
        + ACTOR
        + r', who wrote "(?P<change>[^"]+)"'
    ),
    converters={"number": int, "previous": int},
)
def adapted_version(history: Page, number: int, previous: int, actor: str, change: str) -> None:
    shown = usage.version(history, number)
    assert shown.startswith(f"Version {number} — adapted from cycle {previous}"), shown
    assert f"Adapted by {actor}," in shown, shown
    assert f"What changed and why: {words(change)}" in shown, shown


# Help


def _help(browser: Browser, cycle: CycleRef, request: HelpRef) -> tuple[Page, str]:
    """The cycle's page and the id of the request on it."""
    page = browser.visit(cycle.url)
    return page, page.region("help-", request.text)


def _status(page: Page, region: str, request: HelpRef, status: str) -> None:
    shown = page.by_id[region]
    assert re.search(rf"asked by {re.escape(request.asker)}, [^·]+ · {status}\b", shown), shown


@given(
    parsers.re(ACTOR + r' has asked for help: "(?P<text>[^"]+)"'),
    target_fixture="help_request",
)
@when(
    parsers.re(ACTOR + r' asks for help: "(?P<text>[^"]+)"'),
    target_fixture="help_request",
)
def asks_for_help(browser: Browser, cycle: CycleRef, actor: str, text: str) -> HelpRef:
    browser.become(actor)
    browser.visit(cycle.url)
    form = browser.form("Ask for help")
    form.write("What help do you need?", text)
    sent = browser.submit(form)
    assert sent.status == 303, sent.page.text
    assert sent.written == 1
    # The asker, and only the asker, is offered the button that closes it.
    close = sent.page.form(CLOSE_HELP, within=sent.page.region("help-", text))
    return HelpRef(text, actor, close.action)


@then(parsers.re(r"the cycle shows the request as (?P<status>open|answered|closed)"))
def request_status(browser: Browser, cycle: CycleRef, help_request: HelpRef, status: str) -> None:
    page, region = _help(browser, cycle, help_request)
    _status(page, region, help_request, status)


@then(
    parsers.re(
        r"the group's page (?:still )?lists the request(?:,| as) "
        r"(?P<answers>not answered yet|with \d+ answers?)"
    )
)
def group_lists_request(
    browser: Browser, group: GroupRef, help_request: HelpRef, answers: str
) -> None:
    shown = browser.visit(group.url).by_id["group-help"]
    answered = answers.removeprefix("with ")
    pattern = rf"{re.escape(help_request.text)} — {re.escape(help_request.asker)}, [^·]+ · "
    assert re.search(pattern + re.escape(answered), shown), shown


@then("the group's page no longer lists the request")
def group_no_longer_lists(browser: Browser, group: GroupRef, help_request: HelpRef) -> None:
    page = browser.visit(group.url)
    assert "Open requests for help" not in page.text
    assert words(help_request.text) not in page.text


@then(
    parsers.re(
        ACTOR
        + r" can read the cycle and (?P<author>[A-Z][\w'-]*(?: [A-Z][\w'-]*)*)'s "
        + KIND
        + r", and is offered only ways to comment and to answer the request for help$"
    )
)
def reads_and_only_comments(
    browser: Browser, cycle: CycleRef, help_request: HelpRef, actor: str, author: str, kind: str
) -> None:
    browser.become(actor)
    page, region = _help(browser, cycle, help_request)
    assert page.headings[0] == f"Cycle {cycle.number}: {words(cycle.plan['Objective'])}"
    assert words(cycle.plan["Question"]) in page.by_id["plan"], page.by_id["plan"]
    entries = [
        text
        for key, text in page.by_id.items()
        if key.startswith("entry-") and text.startswith(ENTRY_LABELS[kind]) and author in text
    ]
    assert len(entries) == 1, entries
    assert page.has_form("Send answer", within=region)
    assert page.has_form("Add comment", within="plan")
    offered = {button for form in page.forms for button in form.buttons}
    # "Show" looks at the page as it was recorded at a moment: reading, not recording.
    assert offered <= {"Add comment", "Send answer", "Sign out", "Show"}, offered
    changes = ("Revise", "Adapt", "Correct or withdraw")
    assert not any(link.text.startswith(changes) for link in page.links), page.links


@when(
    parsers.re(ACTOR + r' answers it: "(?P<text>[^"]+)"'),
    target_fixture="answer",
)
def answers_it(
    browser: Browser, cycle: CycleRef, help_request: HelpRef, actor: str, text: str
) -> tuple[str, str]:
    browser.become(actor)
    page, region = _help(browser, cycle, help_request)
    form = page.form("Send answer", within=region)
    form.write("Your answer", text)
    sent = browser.submit(form)
    assert sent.status == 303, sent.page.text
    assert sent.written == 1
    return actor, text


@then(parsers.re(r"the cycle shows the request as answered, with " + ACTOR + "'s answer"))
def answered_with(
    browser: Browser,
    cycle: CycleRef,
    help_request: HelpRef,
    answer: tuple[str, str],
    actor: str,
) -> None:
    page, region = _help(browser, cycle, help_request)
    _status(page, region, help_request, "answered")
    assert answer[0] == actor, answer
    assert words(f"{answer[1]} — {actor},") in page.by_id[region], page.by_id[region]


@then(parsers.re(ACTOR + r" is offered no way to close the request"))
def no_way_to_close(browser: Browser, cycle: CycleRef, help_request: HelpRef, actor: str) -> None:
    browser.become(actor)
    page, region = _help(browser, cycle, help_request)
    assert page.has_form("Send answer", within=region)
    assert not page.has_form(CLOSE_HELP, within=region)


@when(
    parsers.re(ACTOR + r" tries to close the request anyway"),
    target_fixture="submission",
)
def close_anyway(browser: Browser, help_request: HelpRef, actor: str) -> Submission:
    browser.become(actor)
    return browser.send(help_request.close_action, {})


@when(parsers.re(ACTOR + r" closes the request"))
def closes(browser: Browser, cycle: CycleRef, help_request: HelpRef, actor: str) -> None:
    browser.become(actor)
    page, region = _help(browser, cycle, help_request)
    sent = browser.submit(page.form(CLOSE_HELP, within=region))
    assert sent.status == 303, sent.page.text
    assert sent.written == 1


# Corrections


@when(
    parsers.re(
        ACTOR + r" corrects the " + KIND + r' "(?P<old>[^"]+)" to "(?P<new>[^"]+)", '
        r'because "(?P<why>[^"]+)"'
    )
)
def corrects(
    browser: Browser, cycle: CycleRef, actor: str, kind: str, old: str, new: str, why: str
) -> None:
    browser.become(actor)
    page = browser.visit(cycle.url)
    entry = page.region("entry-", old)
    assert page.by_id[entry].startswith(ENTRY_LABELS[kind]), page.by_id[entry]
    browser.follow("Correct or withdraw", within=entry)
    form = browser.form("Save correction")
    form.choose("Amend the text")
    form.write("Corrected text", new)
    form.write("Why", why)
    sent = browser.submit(form)
    assert sent.status == 303, sent.page.text
    assert sent.written == 1


@then(
    parsers.re(
        r"the cycle shows the " + KIND + r' "(?P<text>[^"]+)" by ' + ACTOR + ", marked amended"
    ),
    target_fixture="entry",
)
def shows_amended(browser: Browser, cycle: CycleRef, kind: str, text: str, actor: str) -> str:
    page = browser.visit(cycle.url)
    shown = page.by_id[page.region("entry-", text)]
    assert shown.startswith(words(f"{ENTRY_LABELS[kind]} amended {text} {actor} ·")), shown
    return shown


@then(parsers.parse('its corrections show the original "{text}"'))
def shows_original(entry: str, text: str) -> None:
    assert "Corrections (1)" in entry, entry
    assert words(f"Original: {text}") in entry, entry


@then(
    parsers.re(
        r"its corrections show it was amended by " + ACTOR + r' to "(?P<text>[^"]+)", '
        r'because "(?P<why>[^"]+)"'
    )
)
def shows_amendment(entry: str, actor: str, text: str, why: str) -> None:
    assert words(f"Amended by {actor}: {text} — {why}") in entry, entry


# Sending the same form twice


@pytest.fixture
def sendings() -> list[Submission]:
    """Each time a form was sent, in order."""
    return []


@when(
    parsers.re(
        ACTOR + r" records the " + KIND + r' "(?P<text>[^"]+)" and (?:her|his|their) browser '
        r"sends the same form again$"
    ),
    target_fixture="submission",
)
def sent_twice(
    browser: Browser, cycle: CycleRef, sendings: list[Submission], actor: str, kind: str, text: str
) -> Submission:
    browser.become(actor)
    browser.visit(cycle.url)
    form = browser.form("Record what happened")
    form.select("What kind of entry", ACT_KINDS[kind])
    form.write("What you did or saw", text)
    sendings.append(browser.submit(form))
    sendings.append(browser.submit(form))
    return sendings[-1]


@then("the second sending is answered as the first was")
def answered_alike(sendings: list[Submission]) -> None:
    first, second = sendings
    assert (second.status, second.page.url) == (first.status, first.page.url)
    assert first.written >= 1


@then(parsers.re(r'the cycle shows the (?P<kind>\w+) "(?P<text>[^"]+)" once$'))
def shown_once(browser: Browser, cycle: CycleRef, kind: str, text: str) -> None:
    page = browser.visit(cycle.url)
    shown = [t for key, t in page.by_id.items() if key.startswith("entry-") and text in t]
    assert len(shown) == 1, shown
