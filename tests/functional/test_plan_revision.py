"""Plan revision: a revised plan cites its learning, and its history shows every version."""

import re

from pytest_bdd import parsers, scenarios, then, when

from tests.functional.pages import Browser, Page, Submission, words
from tests.functional.pilot import FIELDS, CycleRef, two_columns

scenarios("plan_revision.feature")

# The part of a plan a feature file names, and the term the history shows it under.
PARTS = {"objective": "Objective", "questions": "Questions and predictions", "plan": "Plan"}


def _revise(
    browser: Browser, cycle: CycleRef, actor: str, datatable: list[list[str]], cite: str | None
) -> Submission:
    """Open the revision form from the cycle, change what the table says, tick `cite`, save."""
    browser.become(actor)
    browser.visit(cycle.url)
    browser.follow("Revise the plan")
    form = browser.form("Save revision")
    for name, value in two_columns(datatable).items():
        form.fill(FIELDS[name], value)
    if cite is not None:
        form.tick(cite)
    return browser.submit(form)


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
    sent = _revise(browser, cycle, actor, datatable, cite=f"{kind.capitalize()} by {author}:")
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
    parsers.re(r"the plan's history shows (?P<count>\d+) versions?(?:, oldest first)?"),
    converters={"count": int},
    target_fixture="history",
)
def history_shows(browser: Browser, cycle: CycleRef, count: int) -> Page:
    browser.visit(cycle.url)
    page = browser.follow("Revision history")
    versions = [h for h in page.headings if re.match(r"Version \d+\b", h)]
    numbers = [int(h.split()[1]) for h in versions]
    assert numbers == list(range(1, count + 1)), versions
    assert f"{count} version{'' if count == 1 else 's'}" in page.text
    return page


def _version(history: Page, number: int) -> str:
    return history.by_id[f"version-{number}"]


@then(parsers.parse("version {number:d} is the first plan, made by {actor}"))
def first_version(history: Page, number: int, actor: str) -> None:
    shown = _version(history, number)
    assert f"Version {number} — the first plan" in shown, shown
    assert f"Planned by {actor}," in shown, shown


@then(parsers.parse('version {number:d} was revised by {actor}, who wrote "{change}"'))
def revised_by(history: Page, number: int, actor: str, change: str) -> None:
    shown = _version(history, number)
    assert f"Revised by {actor}," in shown, shown
    assert f"What changed and why: {words(change)}" in shown, shown


@then(parsers.parse('version {number:d} was revised in the light of {author}\'s {kind} "{text}"'))
def revised_in_light_of(history: Page, number: int, author: str, kind: str, text: str) -> None:
    shown = _version(history, number)
    assert f"In the light of: {kind.capitalize()} by {author}: {words(text)}" in shown, shown


@then(parsers.parse('version {number:d} shows "{added}" as added to the {part}'))
def shows_added(history: Page, number: int, added: str, part: str) -> None:
    term = PARTS[part]
    inserted = [
        i.text for i in history.inserted if f"version-{number}" in i.within and i.term == term
    ]
    assert any(words(added) in text for text in inserted), inserted
