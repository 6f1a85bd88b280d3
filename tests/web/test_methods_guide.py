"""The methods guide for readers: grouped by use with PDSA first, headings in order, and
scenarios tagged @app-check run as tests but not shown as guidance."""

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import make_app
from web.method_guide import APP_CHECK, USES
from web.method_pages import CHARTS_DIR, DEFAULT_DIR, find_method, method_paths

# What each use lists, in order: the grouping the feature files' tags must give.
EXPECTED = {
    "Test a change": ["pdsa", "appreciative_inquiry"],
    "Look back on what happened": ["after_action_review", "retrospect"],
    "Learn from others": ["peer_assist", "action_learning_set", "most_significant_change"],
    "Reflect on your own practice": ["learning_log"],
}

TAGGED = """\
@use-look-back
Feature: Huddle
  A five-minute talk after each shift.

  Scenario: The team says what went well
    Then the huddle hears it

  @app-check
  Scenario: The huddle page needs a sign-in
    Then a stranger is sent to sign in

  @app-check
  Rule: Only members post
    Scenario: A stranger's post is refused
      Then nothing is recorded

  Rule: Every huddle ends with one action
    Scenario: The team names its action
      Then the action is kept

    @app-check
    Scenario: An empty action is refused
      Then it is refused
"""


class Outline(HTMLParser):
    """The page's headings inside <main>, as (level, words), and its links by section."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[int, str]] = []
        self.links_under: dict[str, list[str]] = {}
        self._in_main = False
        self._heading: list[str] | None = None
        self._section = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self._in_main = self._in_main or tag == "main"
        if self._in_main and re.fullmatch(r"h[1-6]", tag):
            self._heading = []
        if tag == "section":
            self._section = a.get("aria-labelledby") or ""
        if tag == "a" and self._section and (a.get("href") or "").startswith("/methods/"):
            self.links_under.setdefault(self._section, []).append(a["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings.append((int(tag[1]), " ".join("".join(self._heading).split())))
            self._heading = None
        self._in_main = self._in_main and tag != "main"

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)


def outline(client: FlaskClient, path: str) -> Outline:
    response = client.get(path)
    assert response.status_code == 200, path
    read = Outline()
    read.feed(response.get_data(as_text=True))
    return read


def test_the_index_lists_pdsa_first_under_the_uses_in_order(app: Flask) -> None:
    page = outline(app.test_client(), "/methods")
    h2s = [text for level, text in page.headings if level == 2]
    assert h2s == [*EXPECTED, "Reading charts"]
    first_card = next(text for level, text in page.headings if level == 3)
    assert first_card == "PDSA — Plan, Do, Study, Act"
    by_use = {use.heading: page.links_under[use.anchor] for use in USES}
    assert by_use == {h: [f"/methods/{slug}" for slug in slugs] for h, slugs in EXPECTED.items()}


def test_every_method_is_listed_exactly_once(app: Flask) -> None:
    page = outline(app.test_client(), "/methods")
    listed = [href for links in page.links_under.values() for href in links]
    slugs = [p.stem for p in method_paths(DEFAULT_DIR) + method_paths(CHARTS_DIR)]
    assert sorted(listed) == sorted(f"/methods/{slug}" for slug in slugs)
    assert "Other methods" not in [text for _, text in page.headings]  # every one has a use
    for path in method_paths(DEFAULT_DIR):
        method = find_method(DEFAULT_DIR, path.stem)
        assert method is not None
        assert len([t for t in method.tags if t.startswith("@use-")]) == 1, path.name


@pytest.mark.parametrize(
    "path",
    ["/methods"] + [f"/methods/{p.stem}" for p in method_paths(DEFAULT_DIR)],
)
def test_the_headings_start_at_one_h1_and_never_skip_a_level(app: Flask, path: str) -> None:
    levels = [level for level, _ in outline(app.test_client(), path).headings]
    assert levels[0] == 1, levels
    assert levels.count(1) == 1, levels
    for before, after in pairwise(levels):
        assert after <= before + 1, f"{path}: h{before} then h{after}"


def test_a_method_page_names_its_use_and_links_back_to_it(app: Flask) -> None:
    page = app.test_client().get("/methods/retrospect").get_data(as_text=True)
    crumbs = page.split('class="crumbs"')[1].split("</nav>")[0]
    assert '<a href="/methods#look-back">Look back on what happened</a>' in crumbs
    assert "@use-look-back" not in page  # shown by its name, not as a tag


def test_the_real_pdsa_guide_leaves_out_the_scenario_that_checks_the_app(app: Flask) -> None:
    page = app.test_client().get("/methods/pdsa").get_data(as_text=True)
    assert "A small test is planned, done, studied and adapted" in page
    assert "The group can find PDSA in the Methods guide" not in page
    assert "also run 1 example from this file that checks only how the app behaves" in page


@pytest.fixture
def tagged(sqlite_url: str, tmp_path: Path) -> Iterator[FlaskClient]:
    """A client on an app whose methods are the tagged huddle and an untagged note."""
    folder = tmp_path / "methods"
    folder.mkdir()
    (folder / "huddle.feature").write_text(TAGGED, encoding="utf-8")
    (folder / "a_note.feature").write_text("Feature: A note\n  Jot it down.\n", encoding="utf-8")
    flask_app = make_app(sqlite_url, METHODS_DIR=str(folder))
    yield flask_app.test_client()
    flask_app.extensions["learnloop"].close()


def test_a_scenario_or_rule_tagged_app_check_is_not_shown_while_untagged_ones_are(
    tagged: FlaskClient,
) -> None:
    page = tagged.get("/methods/huddle").get_data(as_text=True)
    for shown in ("The team says what went well", "Every huddle ends with one action"):
        assert shown in page
    assert "The team names its action" in page
    for hidden in ("needs a sign-in", "Only members post", "A stranger", "An empty action"):
        assert hidden not in page
    assert APP_CHECK not in page
    assert "also run 3 examples from this file that check only how the app behaves" in page


def test_the_tests_still_read_every_tagged_scenario(tmp_path: Path) -> None:
    (tmp_path / "huddle.feature").write_text(TAGGED, encoding="utf-8")
    method = find_method(tmp_path, "huddle")
    assert method is not None
    assert len(method.scenario_names()) == 5  # what pytest-bdd runs; only the guide leaves out


def test_a_method_without_a_use_is_listed_last_under_other_methods(tagged: FlaskClient) -> None:
    page = outline(tagged, "/methods")
    assert [text for level, text in page.headings if level == 2] == [
        "Look back on what happened",
        "Other methods",
        "Reading charts",
    ]
    assert page.links_under["other-methods"] == ["/methods/a_note"]
