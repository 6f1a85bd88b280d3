"""Each role sees what it can do: a sponsor reads every main page, and no form or link on
them leads where a sponsor may not go. Forms and links are read from the HTML, not listed."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from flask import Flask

from domain.roles import GRANTS, SPONSOR
from tests.conftest import sign_in
from tests.web.conftest import HX
from tests.web.test_route_table import World, world  # noqa: F401  (the fixture)

PAGES = (
    "/groups/{group}",
    "/cycles/{cycle}",
    "/cycles/{cycle}/history",
    "/groups/{group}/measures",
    "/measures/{measure}",
    "/measures/{measure}/points/{point}",
)
POSTING = ("hx-post", "hx-put", "hx-patch", "hx-delete")


class Targets(HTMLParser):
    """Where a page leads: (method, address) of its post forms, htmx posts and own links."""

    def __init__(self) -> None:
        super().__init__()
        self.targets: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = dict(attrs)
        if tag == "form" and (given.get("method") or "get").lower() == "post":
            self.targets.append(("POST", given.get("action") or ""))
        self.targets += [("POST", value or "") for name, value in attrs if name in POSTING]
        href = given.get("href") or ""
        if tag == "a" and href.startswith("/") and not href.startswith("/static/"):
            self.targets.append(("GET", href))


def targets_on(html: str) -> set[tuple[str, str]]:
    parser = Targets()
    parser.feed(html)
    return set(parser.targets)


def access_of(app: Flask, method: str, target: str) -> str:
    """The access level the route declares."""
    endpoint, _ = app.url_map.bind("localhost").match(urlsplit(target).path, method=method)
    return str(getattr(app.view_functions[endpoint], "access"))  # noqa: B009 (set by web.access)


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize("page", PAGES)
def test_a_sponsor_sees_no_form_or_link_to_where_a_sponsor_may_not_go(
    world: World,  # noqa: F811
    page: str,
    htmx: bool,
) -> None:
    client = sign_in(world.app.test_client(), world.accounts["sponsor"])
    shown = client.get(page.format(**world.ids), headers=HX if htmx else {})
    assert shown.status_code == 200, page
    allowed = {"public", "signed_in", *GRANTS[SPONSOR]}
    needs = {t: access_of(world.app, *t) for t in targets_on(shown.text)}
    refused = {t: level for t, level in needs.items() if level not in allowed}
    assert not refused, f"{page} offers a sponsor what it may not use: {refused}"
    assert needs or htmx, f"nothing read from {page}"  # a whole page: sign out, at least


def test_a_sponsor_is_not_shown_sections_and_prompts_that_ask_them_to_act(
    world: World,  # noqa: F811
) -> None:
    seen = {}
    for role in ("sponsor", "member"):
        client = sign_in(world.app.test_client(), world.accounts[role])
        seen[role] = {
            page: client.get(page.format(**world.ids)).text
            for page in ("/groups/{group}", "/cycles/{cycle}", "/measures/{measure}")
        }
    for role, shows in (("member", True), ("sponsor", False)):
        group, cycle, measure = seen[role].values()
        assert ("Asked for your advice" in group) is shows, role  # they give the advice
        assert ("How did you get pharmacy on board?" in group) is shows, role
        assert ("Adapt — revise the plan" in cycle) is shows, role
        assert ("Freeze them on a baseline" in measure) is shows, role
    assert "Not decided yet: the group's members decide" in seen["sponsor"]["/cycles/{cycle}"]
