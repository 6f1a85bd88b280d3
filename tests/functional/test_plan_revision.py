"""Plan revision: a revised plan cites its learning, and its history shows every version."""

from pytest_bdd import parsers, scenarios, then, when

from tests.functional import usage
from tests.functional.pages import Browser, Page, Submission
from tests.functional.parts import words
from tests.functional.pilot import Cited, CycleRef, two_columns

scenarios("plan_revision.feature")

# The part of a plan a feature file names, and the term the history shows it under.
PARTS = {"objective": "Objective", "questions": "Questions and predictions", "plan": "Plan"}


def _revise(
    browser: Browser, cycle: CycleRef, actor: str, datatable: list[list[str]], cite: Cited | None
) -> Submission:
    """Open the revision form from the cycle, change what the table says, tick `cite`, save."""
    cites = [cite.label] if cite is not None else []
    return usage.revise(browser, cycle, actor, two_columns(datatable), cites)


@when(
    parsers.parse("{actor} revises the plan in the light of {author}'s {kind}:"),
    target_fixture="submission",
)
def revise_citing(
    browser: Browser,
    cycle: CycleRef,
    actor: str,
    author: str,
    kind: str,
    datatable: list[list[str]],
) -> Submission:
    sent = _revise(browser, cycle, actor, datatable, cite=Cited(author, kind))
    assert sent.status == 303, sent.page.text
    assert sent.written == 1
    return sent


@when(
    parsers.parse("{actor} tries to revise the plan without ticking any learning:"),
    target_fixture="submission",
)
def revise_citing_nothing(
    browser: Browser, cycle: CycleRef, actor: str, datatable: list[list[str]]
) -> Submission:
    return _revise(browser, cycle, actor, datatable, cite=None)


@then(
    parsers.parse(
        '{actor} is back on the cycle, which shows "{marked}" with a link to the revision history'
    )
)
def back_on_the_cycle(submission: Submission, cycle: CycleRef, actor: str, marked: str) -> None:
    landed = submission.page
    assert landed.url.split("?")[0] == cycle.url, landed.url
    assert marked in landed.by_id["plan"], landed.by_id["plan"]
    assert landed.link("See what changed", within="plan").href.startswith(f"{cycle.url}/history")


@then(parsers.parse("version {number:d} is the first plan, made by {actor}"))
def first_version(history: Page, number: int, actor: str) -> None:
    shown = usage.version(history, number)
    assert f"Version {number} — the first plan" in shown, shown
    assert f"Planned by {actor}," in shown, shown


@then(parsers.parse('version {number:d} was revised by {actor}, who wrote "{change}"'))
def revised_by(history: Page, number: int, actor: str, change: str) -> None:
    shown = usage.version(history, number)
    assert f"Revised by {actor}," in shown, shown
    assert f"What changed and why: {words(change)}" in shown, shown


@then(parsers.parse('version {number:d} shows "{added}" as added to the {part}'))
def shows_added(history: Page, number: int, added: str, part: str) -> None:
    term = PARTS[part]
    inserted = [
        i.text for i in history.inserted if f"version-{number}" in i.within and i.term == term
    ]
    assert any(words(added) in text for text in inserted), inserted
