"""The learning library's page and search as a person meets them, with and without htmx."""

import html
import re
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape

from tests.web.conftest import HX, Made, services_of

# Search-engine operators, SQL and markup, and whether their words find "Order drugs the day
# before": none may break the page or change what the words search for.
HOSTILE = [
    ('<script>alert("q")</script>', False),
    ('"drugs" AND NOT day*', True),
    ("drugs -order (day", True),
    ("drugs:day ORDER*", True),
    ("drugs NEAR(day)", False),
    ("'; DROP TABLE rm_learning; --", False),
    ("%_\\ & | ! <-> :* drugs", True),
]


@pytest.mark.parametrize(("typed", "finds"), HOSTILE)
@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
def test_whatever_is_typed_is_searched_as_words_and_shown_back_escaped(
    client: FlaskClient, made: Made, typed: str, finds: bool, headers: dict[str, str]
) -> None:
    answer = client.get("/library", query_string={"q": typed}, headers=headers)
    assert answer.status_code == 200
    assert str(escape(typed)) in answer.text  # as Jinja escapes it
    assert "<script>alert" not in answer.text
    assert _shown(answer.text) == (["Order drugs the day before"] if finds else [])
    words_alone = " ".join(re.findall(r"[^\W_]+", typed))
    same = client.get("/library", query_string={"q": words_alone}, headers=headers)
    assert _shown(answer.text) == _shown(same.text)


def test_a_search_that_finds_nothing_says_what_was_searched_for(
    client: FlaskClient, made: Made
) -> None:
    page = client.get("/library", query_string={"q": "porters <b>"}, headers=HX)
    assert page.text.lstrip().startswith('<section id="results"')
    assert "Nothing learned matches “porters &lt;b&gt;”." in page.text


def test_a_search_shows_its_best_matches_first_and_pages_on_to_more(
    client: FlaskClient, app: Flask, made: Made, ann: UUID
) -> None:
    s = services_of(app)
    for n in range(33):
        s.app.record_reflection(made.cycle_id, f"Lesson {n}: order drugs early", str(ann))
    s.caught_up(s.app.recorder.max_notification_id() or 0)
    first = client.get("/library", query_string={"q": "drugs"})
    assert "Best matches for “drugs” first." in first.text
    assert len(_shown(first.text)) == 30
    more = re.search(r'<a href="([^"]+)">More matches →</a>', first.text)
    assert more, first.text
    second = client.get(html.unescape(more[1]))
    assert ">Best matches</a>" in second.text
    assert "More matches" not in second.text
    shown = _shown(first.text) + _shown(second.text)
    assert len(shown) == len(set(shown)) == 34  # 33 lessons and the one of `made`


def test_the_search_form_works_without_javascript_and_asks_htmx_once_typing_pauses(
    client: FlaskClient, made: Made
) -> None:
    page = client.get("/library").text
    form = re.search(
        r'<form method="get" action="/library" role="search">(.*?)</form>', page, re.S
    )
    assert form, page
    assert 'name="q"' in form[1]
    assert '<noscript><button type="submit">Search</button></noscript>' in form[1]
    assert 'hx-trigger="input changed delay:300ms, search"' in form[1]
    assert 'hx-target="#results"' in form[1]


def _shown(page: str) -> list[str]:
    """The learning statements listed on a library page or fragment, in order."""
    return re.findall(r'<a href="/library/[0-9a-f-]+" class="prose">([^<]*)</a>', page)
