"""A group's people on a page of their own: the group page names them, the People page is
where a facilitator invites, changes roles and shares."""

import re

from pytest_bdd import parsers, scenarios, then, when

from tests.functional.pages import Browser
from tests.functional.pilot import ACTOR, GroupRef

scenarios("people.feature")


@when(parsers.re(ACTOR + r" opens the group's page$"))
def opens_group_page(browser: Browser, group: GroupRef, actor: str) -> None:
    browser.become(actor)
    browser.visit(group.url)


@when(parsers.re(ACTOR + r' follows "(?P<link>[^"]+)"$'))
def follows(browser: Browser, actor: str, link: str) -> None:
    assert browser.signed_in_as() == actor
    browser.follow(link)


@then(parsers.re(r"it names (?P<first>.+) as (?P<r1>\w+) and (?P<second>.+) as (?P<r2>\w+)$"))
def names_people(browser: Browser, first: str, r1: str, second: str, r2: str) -> None:
    assert browser.page is not None
    people = browser.page.by_id["people"]
    for name, role in ((first, r1), (second, r2)):
        assert re.search(rf"\b{re.escape(name)} {role}\b", people), people


@then("it offers no invitation")
def no_invitation(browser: Browser) -> None:
    assert browser.page is not None
    assert not browser.page.has_form("Invite")


@then(parsers.parse('the page is "{title}"'))
def page_is(browser: Browser, title: str) -> None:
    assert browser.page is not None
    assert browser.page.headings[0] == title


@then("it offers to invite someone, change roles and save sharing")
def offers_admin(browser: Browser) -> None:
    assert browser.page is not None
    for button in ("Invite", "Change role", "Save sharing"):
        assert browser.page.has_form(button), button
