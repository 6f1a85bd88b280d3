"""The learning methods guide renders each method's feature file, and only those files."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape
from pytest_bdd.gherkin_parser import get_gherkin_document

from domain.methods import CATALOGUE
from tests.conftest import make_app
from web.method_guide import APP_CHECK
from web.method_pages import CHARTS_DIR, DEFAULT_DIR, find_method, method_names, method_paths

SLUGS = (
    "pdsa",
    "after_action_review",
    "retrospect",
    "peer_assist",
    "action_learning_set",
    "appreciative_inquiry",
    "most_significant_change",
    "learning_log",
)

SAMPLE = '''\
@guide @pilot
Feature: Try it out
  A small method for learning by trying
  one change at a time.

  Nobody needs a form to start.

  Background:
    Given a group "Ward 7"

  @quick
  Scenario: Plan a small test
    Some words about this example.
    Given the aim "Home before noon"
    When the group plans:
      | question     | prediction |
      | Home by 11?  | One of two |
    Then the plan reads:
      """
      Criteria-led discharge
        on Bay B
      """

  Scenario: Learn something <script>alert(1)</script>
    When Bob notes "<script>alert(1)</script>"
    But nothing else

  Scenario Outline: Predict the number of <things>
    Given <count> <things>
    Then the prediction is <count>

    Examples: Small wards
      | count | things   |
      | 3     | patients |
      | 5     | beds     |

  Rule: Learning is recorded
    Scenario: Record a lesson under a rule
      Then the lesson is kept
'''


@pytest.fixture
def methods_dir(tmp_path: Path) -> Path:
    """A methods directory holding the sample, as try_it.feature."""
    folder = tmp_path / "methods"
    folder.mkdir()
    (folder / "try_it.feature").write_text(SAMPLE, encoding="utf-8")
    return folder


@pytest.fixture
def guide(sqlite_url: str, methods_dir: Path) -> Iterator[FlaskClient]:
    """A client not signed in, on an app whose methods are in `methods_dir`."""
    flask_app = make_app(sqlite_url, METHODS_DIR=str(methods_dir))
    yield flask_app.test_client()
    flask_app.extensions["learnloop"].close()


def test_the_catalogue_lists_each_method_with_its_first_paragraph(guide: FlaskClient) -> None:
    page = guide.get("/methods").get_data(as_text=True)
    assert '<a href="/methods/try_it">Try it out</a>' in page
    assert "A small method for learning by trying one change at a time." in page
    assert "Nobody needs a form" not in page  # only the first paragraph
    assert 'href="/methods"' in page  # the header links to the guide, signed in or not


def test_a_method_page_shows_every_part_of_its_feature(guide: FlaskClient) -> None:
    response = guide.get("/methods/try_it")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h1>Try it out</h1>" in page
    assert "<p>A small method for learning by trying one change at a time.</p>" in page
    assert "<p>Nobody needs a form to start.</p>" in page
    assert "<li>@guide</li>" in page
    assert "<li>@quick</li>" in page
    assert "Background</h2>" in page
    assert '<em class="keyword">Given</em> a group &#34;Ward 7&#34;' in page
    assert "Plan a small test</h3>" in page
    assert "<p>Some words about this example.</p>" in page
    assert '<em class="keyword">When</em> the group plans:' in page
    assert "<td>Home by 11?</td><td>One of two</td>" in page
    assert '<pre class="docstring">Criteria-led discharge\n  on Bay B</pre>' in page
    assert '<em class="keyword">But</em> nothing else' in page
    assert "Scenario Outline:</span> Predict the number of &lt;things&gt;</h3>" in page
    assert "<caption>Examples: Small wards</caption>" in page
    assert '<th scope="col">count</th><th scope="col">things</th>' in page
    assert "<td>5</td><td>beds</td>" in page
    assert "Rule:</span> Learning is recorded</h2>" in page
    assert "Record a lesson under a rule</h3>" in page


def test_hostile_text_in_a_feature_is_escaped(guide: FlaskClient) -> None:
    page = guide.get("/methods/try_it").get_data(as_text=True)
    assert "<script>alert" not in page
    assert "Learn something &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Bob notes &#34;&lt;script&gt;alert(1)&lt;/script&gt;&#34;" in page


@pytest.mark.parametrize(
    "path",
    [
        "/methods/nothing_here",
        "/methods/..",
        "/methods/../etc",
        "/methods/..%2F..%2Fetc%2Fpasswd",
        "/methods/Try_It",
        "/methods/try_it.feature",
        "/methods/try-it",
        "/methods/try_it%00",
    ],
)
def test_an_unknown_or_malformed_slug_is_not_found(guide: FlaskClient, path: str) -> None:
    response = guide.get(path)
    assert response.status_code == 404
    assert "There is nothing here" in response.get_data(as_text=True)


def test_a_slug_never_reaches_the_file_system(methods_dir: Path) -> None:
    (methods_dir.parent / "secret.feature").write_text(SAMPLE, encoding="utf-8")
    assert find_method(methods_dir, "../secret") is None
    assert find_method(methods_dir, "try_it") is not None


def test_the_catalogue_says_when_there_are_no_methods(sqlite_url: str, tmp_path: Path) -> None:
    flask_app = make_app(sqlite_url, METHODS_DIR=str(tmp_path / "none_yet"))
    response = flask_app.test_client().get("/methods")
    flask_app.extensions["learnloop"].close()
    assert response.status_code == 200
    assert "No methods are written up yet." in response.get_data(as_text=True)


def test_other_pages_can_link_to_methods_by_slug(methods_dir: Path) -> None:
    (methods_dir / "Not-A-Slug.feature").write_text(SAMPLE, encoding="utf-8")
    (methods_dir / "empty.feature").write_text("# nothing yet\n", encoding="utf-8")
    assert method_names(methods_dir) == {"try_it": "Try it out"}


def test_an_edited_file_is_read_again(methods_dir: Path) -> None:
    path = methods_dir / "try_it.feature"
    path.write_text("Feature: Renamed\n", encoding="utf-8")
    assert method_names(methods_dir) == {"try_it": "Renamed"}


def _pytest_bdd_scenarios(path: Path) -> list[tuple[str, set[str]]]:
    # pytest-bdd's own reading of the file: the scenarios it will run as tests, with the
    # tags each has from itself and its rule.
    feature = get_gherkin_document(str(path)).feature
    found = []
    for child in feature.children:
        if child.scenario:
            found.append((child.scenario.name, {t.name for t in child.scenario.tags}))
        rule_tags = {t.name for t in child.rule.tags} if child.rule else set()
        for inner in child.rule.children if child.rule else []:
            if inner.scenario:
                tags = {t.name for t in inner.scenario.tags} | rule_tags
                found.append((inner.scenario.name, tags))
    return found


def _pytest_bdd_names(path: Path) -> list[str]:
    return [name for name, _ in _pytest_bdd_scenarios(path)]


def test_the_guide_reads_the_sample_as_pytest_bdd_does(methods_dir: Path) -> None:
    method = find_method(methods_dir, "try_it")
    assert method is not None
    assert method.scenario_names() == _pytest_bdd_names(methods_dir / "try_it.feature")


@pytest.mark.parametrize(
    "path", method_paths(DEFAULT_DIR) + method_paths(CHARTS_DIR), ids=lambda p: p.stem
)
def test_each_real_method_and_chart_guide_renders_every_scenario_but_the_app_checks(
    app: Flask, path: Path
) -> None:
    response = app.test_client().get(f"/methods/{path.stem}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    found = _pytest_bdd_scenarios(path)
    assert [name for name, tags in found if APP_CHECK not in tags], f"{path.name}: no guidance"
    for name, tags in found:
        assert (str(escape(name)) in page) is (APP_CHECK not in tags), name


def test_every_method_of_the_guide_has_its_feature_file() -> None:
    assert set(SLUGS) <= {p.stem for p in method_paths(DEFAULT_DIR)}
    # Every method a cycle can follow is specified, and nothing is specified that cannot be.
    assert {p.stem for p in method_paths(DEFAULT_DIR)} == set(CATALOGUE)


def test_the_catalogue_lists_the_chart_guides_in_a_section_of_their_own(
    sqlite_url: str, methods_dir: Path, tmp_path: Path
) -> None:
    charts = tmp_path / "charts"
    charts.mkdir()
    (charts / "reading_a_chart.feature").write_text(
        "Feature: Reading a chart\n  What this chart tells you: <b>a lot</b>.\n", encoding="utf-8"
    )
    flask_app = make_app(sqlite_url, METHODS_DIR=str(methods_dir), CHARTS_DIR=str(charts))
    client = flask_app.test_client()
    page = client.get("/methods").get_data(as_text=True)
    shown = client.get("/methods/reading_a_chart")
    flask_app.extensions["learnloop"].close()
    methods, guides = page.split('<h2 id="reading-charts">Reading charts</h2>')
    assert '<a href="/methods/try_it">Try it out</a>' in methods
    assert '<a href="/methods/reading_a_chart">Reading a chart</a>' in guides
    assert "What this chart tells you: &lt;b&gt;a lot&lt;/b&gt;." in guides
    assert shown.status_code == 200
    assert "<h1>Reading a chart</h1>" in shown.get_data(as_text=True)


def test_the_real_chart_guides_are_listed_and_are_not_methods_a_cycle_can_follow(
    app: Flask,
) -> None:
    page = app.test_client().get("/methods").get_data(as_text=True)
    guides = page.split('id="reading-charts"')[1]
    assert '<a href="/methods/reading_a_run_chart">Reading a run chart</a>' in guides
    assert '<a href="/methods/reading_an_spc_chart">Reading an SPC chart</a>' in guides
    assert {p.stem for p in method_paths(CHARTS_DIR)}.isdisjoint(method_names(DEFAULT_DIR))
    assert {p.stem for p in method_paths(CHARTS_DIR)}.isdisjoint(CATALOGUE)
