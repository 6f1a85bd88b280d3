"""Steps for opening a cycle a question at a time, the plan checked before it is recorded."""

from pytest_bdd import parsers, scenarios, then, when

from tests.functional import usage
from tests.functional.pages import Browser, Submission
from tests.functional.parts import words
from tests.functional.pilot import ACTOR, GroupRef, two_columns

scenarios("opening_a_cycle.feature")

CHECKING = "Check your plan before you open the cycle"


@when(parsers.re(ACTOR + r" answers the questions of a new cycle:$"), target_fixture="submission")
def answers_questions(
    browser: Browser, group: GroupRef, actor: str, datatable: list[list[str]]
) -> Submission:
    return usage.answer_questions(browser, group, actor, two_columns(datatable))


@when(
    parsers.re(ACTOR + r" answers the questions of a new cycle and leaves at the (?P<page>\w+):$"),
    target_fixture="submission",
)
def answers_and_leaves(
    browser: Browser, group: GroupRef, actor: str, page: str, datatable: list[list[str]]
) -> Submission:
    return usage.answer_questions(browser, group, actor, two_columns(datatable), leave_at=page)


@then("she is asked to check the plan, which shows:")
def asked_to_check(browser: Browser, datatable: list[list[str]]) -> None:
    assert browser.page is not None
    assert browser.page.headings[0] == CHECKING, browser.page.headings
    for name, value in two_columns(datatable).items():
        # Each answer is a row of its name, its value and the link that changes it.
        assert f"{name} {words(value)} Change {name.lower()}" in browser.page.text, name


@when(parsers.re(ACTOR + r" opens the cycle from the check page$"), target_fixture="submission")
def opens_from_check_page(browser: Browser, submission: Submission) -> Submission:
    sent = browser.submit(browser.form("Open the cycle"))
    return Submission(sent.status, sent.page, submission.written + sent.written)


@when(
    parsers.re(ACTOR + r' changes the objective to "(?P<objective>[^"]+)" from the check page$'),
    target_fixture="submission",
)
def changes_objective(browser: Browser, submission: Submission, objective: str) -> Submission:
    browser.follow("Change objective")
    form = browser.form("Continue")
    form.fill("objective", objective)
    sent = browser.submit(form)
    assert sent.status == 303, sent.page.text
    return Submission(sent.status, sent.page, submission.written + sent.written)


@then(
    parsers.re(r'cycle (?P<number>\d+) is open with the objective "(?P<objective>[^"]+)"$'),
    converters={"number": int},
)
def cycle_open(submission: Submission, number: int, objective: str) -> None:
    assert submission.status == 303, submission.page.text
    assert submission.page.headings[0] == f"Cycle {number}: {objective}"
    assert submission.written > 0


@then(parsers.re(r"the group page offers " + ACTOR + r' to continue "(?P<objective>[^"]+)"$'))
def offers_to_continue(browser: Browser, group: GroupRef, actor: str, objective: str) -> None:
    browser.become(actor)
    browser.visit(group.url)
    continued = browser.follow(f"Continue “{objective}”")
    assert continued.headings[0] == "What should this test find out?", continued.headings


@when(
    parsers.re(ACTOR + r' discards the plan "(?P<objective>[^"]+)" from the group page$'),
    target_fixture="submission",
)
def discards(
    browser: Browser, group: GroupRef, submission: Submission, actor: str, objective: str
) -> Submission:
    browser.become(actor)
    browser.visit(group.url)
    sent = browser.submit(browser.form(f"Discard {objective}"))
    assert sent.status == 303, sent.page.text
    return Submission(sent.status, sent.page, submission.written + sent.written)


@then(parsers.re(r"the group page no longer offers " + ACTOR + r' "(?P<objective>[^"]+)"$'))
def no_longer_offers(browser: Browser, group: GroupRef, actor: str, objective: str) -> None:
    browser.become(actor)
    page = browser.visit(group.url)
    assert f"Continue “{objective}”" not in page.text, page.text
