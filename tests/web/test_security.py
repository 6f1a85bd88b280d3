"""CSRF, headers, escaping, identity and error pages."""

import re
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.builders import entry_ids, plan
from tests.conftest import make_app, register, sign_in
from tests.web.conftest import HX, Made, events_in, services_of

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def csrf_app(sqlite_url: str) -> Iterator[Flask]:
    """An app with CSRF protection on, as in production."""
    app = make_app(sqlite_url, WTF_CSRF_ENABLED=True)
    yield app
    services_of(app).close()


def signed_in(app: Flask) -> FlaskClient:
    return sign_in(app.test_client(), register(services_of(app).app, "Ann Facilitator"))


def test_a_post_without_a_csrf_token_is_refused_and_writes_nothing(csrf_app: Flask) -> None:
    client = signed_in(csrf_app)
    before = events_in(csrf_app)
    posted = client.post("/groups", data={"name": "Ward 7", "aim": "Aim"})
    assert posted.status_code == 400
    assert "Reload the page and try again" in posted.text
    assert events_in(csrf_app) == before


def test_htmx_sends_the_token_from_the_page_in_a_header(csrf_app: Flask) -> None:
    client = signed_in(csrf_app)
    page = client.get("/").text
    token = re.search(r'"X-CSRFToken": "([^"]+)"', page)
    assert token is not None
    before = events_in(csrf_app)
    posted = client.post(
        "/groups",
        data={"name": "Ward 7", "aim": "Aim"},
        headers={**HX, "X-CSRFToken": token.group(1)},
    )
    assert posted.status_code == 200
    assert events_in(csrf_app) == before + 1


def test_a_plain_form_carries_its_token_in_a_hidden_field(csrf_app: Flask) -> None:
    client = signed_in(csrf_app)
    page = client.get("/").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert token is not None
    posted = client.post(
        "/groups", data={"name": "Ward 7", "aim": "Aim", "csrf_token": token.group(1)}
    )
    assert posted.status_code == 303


def test_every_response_carries_the_security_headers(client: FlaskClient) -> None:
    headers = client.get("/").headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "HttpOnly" in headers.get("Set-Cookie", "HttpOnly")


def test_pages_hold_no_inline_script_or_style(client: FlaskClient, made: Made) -> None:
    for url in ("/", f"/cycles/{made.cycle_id}", f"/cycles/{made.cycle_id}/history"):
        html = client.get(url).text
        assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html) is None
        assert "<style" not in html
        assert " style=" not in html


def test_user_text_is_escaped_on_every_page_that_shows_it(app: Flask) -> None:
    s = services_of(app).app
    author = register(s, XSS)  # even the name shown beside every entry
    client = sign_in(app.test_client(), author)
    group = s.form_group(XSS, XSS, str(author))
    cycle = s.open_cycle(group.id, plan(XSS, XSS, [(XSS, XSS)]), str(author))
    s.record_observation(cycle.id, XSS, str(author))
    [entry] = entry_ids(s, cycle.id)
    s.record_reflection(cycle.id, XSS, str(author))
    s.comment(cycle.id, "plan", XSS, str(author))
    last = s.revise_plan(
        cycle.id, 1, plan(XSS + "!", XSS, [(XSS, XSS)]), XSS, [entry], str(author)
    )
    services_of(app).caught_up(last.notification_id)
    pages = [
        "/",
        f"/groups/{group.id}",
        f"/cycles/{cycle.id}",
        f"/cycles/{cycle.id}/revise",
        f"/cycles/{cycle.id}/history",
    ]
    for url in pages:
        html = client.get(url).text
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        assert "&lt;script&gt;alert" in html, url


def test_an_unexpected_error_shows_a_friendly_page_not_a_traceback(
    client: FlaskClient, app: Flask, made: Made, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("database on fire")

    monkeypatch.setattr(services_of(app).app, "record_act_entry", broken)
    posted = client.post(
        f"/cycles/{made.cycle_id}/entries",
        data={"act_form-kind": "observation", "act_form-text": "Seen"},
    )
    assert posted.status_code == 500
    assert "Something went wrong on our side" in posted.text
    assert "database on fire" not in posted.text
    assert "Traceback" not in posted.text


def test_cookies_are_secure_when_served_over_https(sqlite_url: str) -> None:
    app = make_app(sqlite_url, PREFERRED_URL_SCHEME="https")
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert make_app(sqlite_url).config["SESSION_COOKIE_SECURE"] is False
    signin = app.test_client().get("/signin", base_url="https://localhost")
    assert "Secure" in signin.headers["Set-Cookie"]
    assert "SameSite=Lax" in signin.headers["Set-Cookie"]
