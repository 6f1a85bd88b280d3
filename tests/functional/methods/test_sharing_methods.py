"""The methods that cross group boundaries: Peer Assist's advice, MSC's stories and panel.

A second group takes the fixture `second_group`, so the Background's `group` (whose
cycles the shared steps open) stays the first. Steps find a group by the name its
page shows, among the two.
"""

from uuid import UUID

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from tests.conftest import PASSWORD, register
from tests.functional import usage
from tests.functional.conftest import refused_as_forbidden
from tests.functional.pages import Browser, Credentials, Page, Submission
from tests.functional.parts import Form, words
from tests.functional.pilot import ACTOR, CycleRef, GroupRef, two_columns

scenarios("methods/peer_assist.feature", "methods/most_significant_change.feature")

# The words of the cycle page's method blocks, forms and marks.
PEER_ASSIST = "Peer Assist — advice from groups that have done it before"
ASK = "Ask for advice"
ASK_THE_GROUP = "Ask the group"
ADVICE_ON = "What you would like their advice on"
GIVE = "Give advice"
ADVICE_LABEL = "Advice from another group"
BRING = "Bring this story to the panel"
FROM_THE_GROUP = "From the group"
STORY_FIELDS = (
    "Title",
    "Told by",
    "The story — what changed?",
    "Why it matters to the person who told it",
)
CHOOSE = "Record the panel's choice"
WHY_CHOSEN = "Why the panel chose it"
CHOSEN = "chosen by the panel"

# What the forms send, by field; used only to send one anyway.
_REQUEST = ("advice_request_form-to_group", "advice_request_form-question")
_STORY = tuple(f"story_form-{n}" for n in ("title", "teller", "text", "why"))


def _name(browser: Browser, group: GroupRef) -> str:
    """The name the group's page shows (read by its facilitator, who can always read it)."""
    browser.become(group.facilitator)
    return browser.visit(group.url).headings[0]


def _cycle_page(browser: Browser, group: GroupRef, cycle: CycleRef) -> Page:
    """The cycle's page, as the facilitator of its group reads it."""
    browser.become(group.facilitator)
    return browser.visit(cycle.url)


def _named(browser: Browser, name: str, *groups: GroupRef) -> GroupRef:
    """The one of `groups` whose page is headed `name`."""
    found = [g for g in groups if _name(browser, g) == name]
    assert len(found) == 1, f"no group {name!r} in this scenario"
    return found[0]


def _id(group: GroupRef) -> str:
    """The group's id, as a crafted post would name it: the end of its page's address."""
    return str(UUID(group.url.rstrip("/").rsplit("/", 1)[1]))


def _options(form: Form, label: str) -> list[str]:
    found = [f for f in form.fields if f.kind == "select" and f.label == label]
    assert len(found) == 1, f"expected one drop-down {label!r}"
    return [shown for value, shown in found[0].options if value]


# A second group


@given(
    parsers.parse(
        '{actor} has formed a second pilot group "{name}" that shares its learning '
        "organisation-wide"
    ),
    target_fixture="second_group",
)
def formed_second_group(browser: Browser, actor: str, name: str) -> GroupRef:
    if actor not in browser.accounts:
        # Their account is made as Ann Facilitator's is: by an administrator, not a page.
        register(browser.app.extensions["learnloop"].app, actor)
        email = actor.split()[0].casefold() + "@example.org"
        browser.accounts[actor] = Credentials(email, PASSWORD)
    aim = f"Share what {name} has learned with every ward and team that asks"
    second = usage.form_group(browser, actor, name, aim)
    usage.share(browser, second)
    return second


@given(
    parsers.re(ACTOR + r" is (?:a|an) (?P<role>facilitator|member|sponsor) of the second group$")
)
def member_of_second_group(
    browser: Browser, second_group: GroupRef, actor: str, role: str
) -> None:
    usage.join(browser, second_group, actor, role)


@given(parsers.parse("{actor} shares the group's learning organisation-wide"))
def shares_learning(browser: Browser, group: GroupRef, actor: str) -> None:
    assert actor == group.facilitator, f"{group.facilitator} facilitates the group"
    usage.share(browser, group)


# Peer Assist: asking


def _ask(browser: Browser, cycle: CycleRef, actor: str, question: str, to: str = "") -> Submission:
    browser.become(actor)
    browser.visit(cycle.url)
    form = browser.form(ASK)
    if to:
        form.select(ASK_THE_GROUP, to)
    form.write(ADVICE_ON, question)
    return browser.submit(form)


@then(
    parsers.re(
        ACTOR + r' may ask "(?P<name>[^"]+)" for advice, but not (?:her|his|their) own group$'
    )
)
def may_ask(browser: Browser, group: GroupRef, cycle: CycleRef, actor: str, name: str) -> None:
    own = _name(browser, group)
    browser.become(actor)
    offered = _options(browser.visit(cycle.url).form(ASK), ASK_THE_GROUP)
    assert name in offered, offered
    assert own not in offered, offered


@given(parsers.re(ACTOR + r' has asked "(?P<name>[^"]+)" for advice on "(?P<question>[^"]+)"$'))
@when(parsers.re(ACTOR + r' asks "(?P<name>[^"]+)" for advice on "(?P<question>[^"]+)"$'))
def asked(
    browser: Browser, cycle: CycleRef, asked_for: list[UUID], actor: str, name: str, question: str
) -> None:
    sent = _ask(browser, cycle, actor, question, to=name)
    assert sent.status == 303, sent.page.text
    assert sent.written == 1
    region = sent.page.region("advice-request-", question)
    shown = sent.page.by_id[region]
    assert words(f"Asked {name}: {question} by {actor}") in shown, shown
    asked_for.append(UUID(region.removeprefix("advice-request-")))


@pytest.fixture
def asked_for() -> list[UUID]:
    """The requests for advice the scenario's cycles made, oldest first."""
    return []


@when(
    parsers.re(ACTOR + r' asks for advice on "(?P<question>[^"]+)" without choosing a group$'),
    target_fixture="submission",
)
def asked_no_one(browser: Browser, cycle: CycleRef, actor: str, question: str) -> Submission:
    return _ask(browser, cycle, actor, question)


@when(
    parsers.re(
        ACTOR + r" sends a request for advice to (?:her|his|their) own group anyway, "
        r'asking "(?P<question>[^"]+)"$'
    ),
    target_fixture="submission",
)
def ask_own_group(
    browser: Browser, group: GroupRef, cycle: CycleRef, actor: str, question: str
) -> Submission:
    # The form, sent with the group's own id where its drop-down offers other groups only.
    browser.become(actor)
    form = browser.visit(cycle.url).form(ASK)
    form.fill(_REQUEST[0], _id(group))
    form.write(ADVICE_ON, question)
    return browser.submit(form)


@when(
    parsers.re(
        ACTOR + r' sends a request for advice to "(?P<name>[^"]+)" anyway, '
        r'asking "(?P<question>[^"]+)"$'
    ),
    target_fixture="submission",
)
def ask_anyway(
    browser: Browser,
    group: GroupRef,
    second_group: GroupRef,
    cycle: CycleRef,
    actor: str,
    name: str,
    question: str,
) -> Submission:
    asked = _named(browser, name, group, second_group)
    browser.become(actor)
    data = dict(zip(_REQUEST, (_id(asked), question), strict=True))
    return browser.send(f"{cycle.url}/advice-requests", data)


@then("the cycle offers no way to ask another group for advice")
def no_peer_assist(browser: Browser, group: GroupRef, cycle: CycleRef) -> None:
    page = _cycle_page(browser, group, cycle)
    assert PEER_ASSIST not in page.text, page.text
    assert not page.has_form(ASK)


# Peer Assist: the asked group


def _asked_of(page: Page, question: str) -> str:
    """The id of the request for advice the asked group's page shows with `question`."""
    assert "Asked for your advice" in page.headings, page.headings
    return page.region("advice-", question)


@then(
    parsers.parse(
        'the page of "{name}" shows the question "{question}" from "{asking}"',
    )
)
def asked_group_sees(
    browser: Browser,
    group: GroupRef,
    second_group: GroupRef,
    name: str,
    question: str,
    asking: str,
) -> None:
    page = browser.visit(_named(browser, name, group, second_group).url)
    shown = page.by_id[_asked_of(page, question)]
    assert words(f"{asking} (cycle 1) asks: {question}") in shown, shown


@when(parsers.re(ACTOR + r' answers for "(?P<name>[^"]+)" with the advice "(?P<text>[^"]+)"$'))
def gives_advice(
    browser: Browser, group: GroupRef, second_group: GroupRef, actor: str, name: str, text: str
) -> None:
    asked_group = _named(browser, name, group, second_group)
    browser.become(actor)
    page = browser.visit(asked_group.url)
    request = page.region("advice-", "")
    form = browser.form(GIVE, within=request)
    form.write("Your group's advice", text)
    sent = browser.submit(form)
    assert sent.status == 303, sent.page.text
    assert sent.written == 1
    assert words(f"{text} — {actor}") in sent.page.by_id[request], sent.page.by_id[request]


@then(parsers.parse('the cycle shows the advice from "{name}" by {actor}: "{text}"'))
def cycle_shows_advice(
    browser: Browser, group: GroupRef, cycle: CycleRef, name: str, actor: str, text: str
) -> None:
    page = _cycle_page(browser, group, cycle)
    shown = page.by_id[page.region("entry-", text)]
    assert words(f"{text} advice from {name}: {actor}") in shown, shown


@then(
    parsers.re(
        ACTOR + r" sees neither the question nor a way to give advice on the page of "
        r'"(?P<name>[^"]+)"$'
    )
)
def sees_no_advice_form(
    browser: Browser, group: GroupRef, second_group: GroupRef, actor: str, name: str
) -> None:
    asked_group = _named(browser, name, group, second_group)
    browser.become(actor)
    page = browser.visit(asked_group.url)
    assert "Asked for your advice" not in page.headings, page.headings  # nothing to act on
    assert "asks:" not in page.text, page.text
    assert not page.has_form(GIVE)


@when(
    parsers.re(ACTOR + r' sends advice for "(?P<name>[^"]+)" anyway: "(?P<text>[^"]+)"$'),
    target_fixture="submission",
)
def advise_anyway(
    browser: Browser,
    group: GroupRef,
    second_group: GroupRef,
    asked_for: list[UUID],
    actor: str,
    name: str,
    text: str,
) -> Submission:
    asked_group = _named(browser, name, group, second_group)
    browser.become(actor)
    request = asked_for[-1]  # not on the page: a sponsor is not shown it
    return browser.send(f"{asked_group.url}/advice/{request}", {f"adv{request.hex}-text": text})


@then(parsers.parse('it is refused as forbidden to a sponsor of "{name}"'))
def forbidden_to_sponsor_of(
    browser: Browser, group: GroupRef, second_group: GroupRef, submission: Submission, name: str
) -> None:
    refused_as_forbidden(
        browser, _named(browser, name, group, second_group), submission, "sponsor"
    )


# Peer Assist: the advice as learning a revision cites


@when(
    parsers.parse("{actor} revises the plan in the light of the advice {author} gave:"),
    target_fixture="submission",
)
def revise_citing_advice(
    browser: Browser, cycle: CycleRef, actor: str, author: str, datatable: list[list[str]]
) -> Submission:
    cites = [f"{ADVICE_LABEL} by {author}"]
    sent = usage.revise(browser, cycle, actor, two_columns(datatable), cites)
    assert sent.status == 303, sent.page.text
    assert sent.written == 1
    return sent


@then(
    parsers.parse(
        "version {number:d} cites, as what it was revised in the light of, "
        'the advice {author} gave: "{text}"'
    )
)
def version_cites_advice(history: Page, number: int, author: str, text: str) -> None:
    shown = usage.version(history, number)
    assert "In the light of: " in shown, shown
    learning = shown.split("In the light of: ", 1)[1]
    assert words(f"{ADVICE_LABEL} by {author}: {text}") in learning, learning


# Most Significant Change: stories


def _story(
    browser: Browser, cycle: CycleRef, actor: str, name: str, story: dict[str, str]
) -> Submission:
    browser.become(actor)
    form = browser.visit(cycle.url).form(BRING)
    form.select(FROM_THE_GROUP, name)
    for label in STORY_FIELDS:
        form.write(label, story[label])
    return browser.submit(form)


@given(parsers.re(ACTOR + r' has brought a story from "(?P<name>[^"]+)":$'))
@when(parsers.re(ACTOR + r' brings a story from "(?P<name>[^"]+)":$'))
def brought_story(
    browser: Browser, cycle: CycleRef, actor: str, name: str, datatable: list[list[str]]
) -> None:
    story = two_columns(datatable)
    sent = _story(browser, cycle, actor, name, story)
    assert sent.status == 303, sent.page.text
    assert sent.written == 1
    shown = sent.page.by_id[sent.page.region("entry-", story["Title"])]
    assert words(f"brought by {actor} from {name}") in shown, shown


@when(
    parsers.re(ACTOR + r' sends a story from "(?P<name>[^"]+)" anyway:$'),
    target_fixture="submission",
)
def story_anyway(
    browser: Browser,
    group: GroupRef,
    second_group: GroupRef,
    cycle: CycleRef,
    actor: str,
    name: str,
    datatable: list[list[str]],
) -> Submission:
    story = two_columns(datatable)
    from_group = _named(browser, name, group, second_group)
    browser.become(actor)
    data = dict(zip(_STORY, (story[label] for label in STORY_FIELDS), strict=True))
    return browser.send(f"{cycle.url}/stories", {"story_form-from_group": _id(from_group), **data})


@then(parsers.re(ACTOR + r' could bring a story only from "(?P<name>[^"]+)"$'))
def story_groups_offered(browser: Browser, cycle: CycleRef, actor: str, name: str) -> None:
    browser.become(actor)
    offered = _options(browser.visit(cycle.url).form(BRING), FROM_THE_GROUP)
    assert offered == [name], offered


def _stories(page: Page) -> list[str]:
    return [
        text
        for key, text in page.by_id.items()
        if key.startswith("entry-") and "brought by" in text
    ]


@then(
    parsers.re(
        r'the panel has (?P<count>\d+) stories, from "(?P<first>[^"]+)" and "(?P<second>[^"]+)"$'
    ),
    converters={"count": int},
)
def panel_has_stories(
    browser: Browser, group: GroupRef, cycle: CycleRef, count: int, first: str, second: str
) -> None:
    told = _stories(_cycle_page(browser, group, cycle))
    assert len(told) == count, told
    for name in (first, second):
        assert any(f"from {name}," in text for text in told), told


@then("the cycle offers no way to bring another story")
def no_story_form(browser: Browser, group: GroupRef, cycle: CycleRef) -> None:
    assert not _cycle_page(browser, group, cycle).has_form(BRING)


# Most Significant Change: the panel's choice


def _choose(browser: Browser, cycle: CycleRef, actor: str, title: str, reasons: str) -> Submission:
    browser.become(actor)
    form = browser.visit(cycle.url).form(CHOOSE)
    form.choose(title)
    form.write(WHY_CHOSEN, reasons)
    return browser.submit(form)


@given(
    parsers.re(
        ACTOR
        + r' has recorded the panel\'s choice of "(?P<title>[^"]+)", because "(?P<reasons>[^"]+)"$'
    )
)
@when(
    parsers.re(
        ACTOR
        + r' records the panel\'s choice of "(?P<title>[^"]+)", because "(?P<reasons>[^"]+)"$'
    )
)
def chose_story(browser: Browser, cycle: CycleRef, actor: str, title: str, reasons: str) -> None:
    sent = _choose(browser, cycle, actor, title, reasons)
    assert sent.status == 303, sent.page.text
    assert sent.written == 1


@when(
    parsers.re(ACTOR + r' records the panel\'s choice of "(?P<title>[^"]+)" without saying why$'),
    target_fixture="submission",
)
def chose_without_reasons(browser: Browser, cycle: CycleRef, actor: str, title: str) -> Submission:
    return _choose(browser, cycle, actor, title, "")


@then(parsers.parse('the story "{title}" is marked as chosen by the panel, because "{reasons}"'))
def story_chosen(
    browser: Browser, group: GroupRef, cycle: CycleRef, title: str, reasons: str
) -> None:
    page = _cycle_page(browser, group, cycle)
    shown = page.by_id[page.region("entry-", title)]
    assert words(f"{title} {CHOSEN}") in shown, shown
    assert words(f"{WHY_CHOSEN}: {reasons}") in shown, shown
    others = [text for text in _stories(page) if title not in text]
    assert not any(CHOSEN in text for text in others), others


@then("no story is marked as chosen by the panel")
def none_chosen(browser: Browser, group: GroupRef, cycle: CycleRef) -> None:
    told = _stories(_cycle_page(browser, group, cycle))
    assert told
    assert not any(CHOSEN in text for text in told), told


# Deciding after the panel's choice


@when(
    parsers.re(
        ACTOR + r' decides to (?P<decision>adopt|abandon) the change, because "(?P<reason>[^"]+)"$'
    )
)
def decides(browser: Browser, cycle: CycleRef, actor: str, decision: str, reason: str) -> None:
    sent = usage.decide(browser, cycle, actor, decision, reason)
    assert sent.status == 303, sent.page.text
    assert sent.written == 1


@then(parsers.parse("the cycle is closed, decided to {decision}"))
def closed_deciding(browser: Browser, group: GroupRef, cycle: CycleRef, decision: str) -> None:
    page = _cycle_page(browser, group, cycle)
    assert f"Decided to {decision} by" in page.text, page.text
    assert not page.has_form(CHOOSE)
