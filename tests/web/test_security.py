"""CSRF, headers, escaping, identity and error pages."""

import re
from collections.abc import Iterator
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.builders import plan
from tests.conftest import make_app
from tests.web.conftest import HX, Made, events_in, services_of

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def csrf_app(sqlite_url: str) -> Iterator[Flask]:
    """An app with CSRF protection on, as in production."""
    app = make_app(sqlite_url, WTF_CSRF_ENABLED=True)
    yield app
    services_of(app).close()


def signed_in(app: Flask) -> FlaskClient:
    client = app.test_client()
    with client.session_transaction() as session:
        session["actor"] = "Ann"
    return client


def test_a_post_without_a_csrf_token_is_refused_and_writes_nothing(csrf_app: Flask) -> None:
    posted = signed_in(csrf_app).post("/groups", data={"name": "Ward 7", "aim": "Aim"})
    assert posted.status_code == 400
    assert "Reload the page and try again" in posted.text
    assert events_in(csrf_app) == 0


def test_htmx_sends_the_token_from_the_page_in_a_header(csrf_app: Flask) -> None:
    client = signed_in(csrf_app)
    page = client.get("/").text
    token = re.search(r'"X-CSRFToken": "([^"]+)"', page)
    assert token is not None
    posted = client.post(
        "/groups",
        data={"name": "Ward 7", "aim": "Aim"},
        headers={**HX, "X-CSRFToken": token.group(1)},
    )
    assert posted.status_code == 200
    assert events_in(csrf_app) == 1


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


def test_user_text_is_escaped_on_every_page_that_shows_it(client: FlaskClient, app: Flask) -> None:
    s = services_of(app).app
    group = s.form_group(XSS, XSS, XSS)
    cycle = s.open_cycle(group.id, plan(XSS, XSS, [(XSS, XSS)]), XSS)
    s.record_observation(cycle.id, XSS, XSS)
    entry: UUID = s.repository.get(cycle.id).entries[0].id
    s.record_reflection(cycle.id, XSS, XSS)
    last = s.revise_plan(cycle.id, 1, plan(XSS + "!", XSS, [(XSS, XSS)]), XSS, [entry], XSS)
    services_of(app).caught_up(last.notification_id)
    with client.session_transaction() as session:
        session["actor"] = XSS
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


def test_someone_who_has_not_said_who_they_are_is_asked_first(app: Flask) -> None:
    anonymous = app.test_client()
    posted = anonymous.post("/groups", data={"name": "Ward 7", "aim": "Aim"})
    assert posted.status_code == 303
    assert posted.headers["Location"].startswith("/who?next=")
    assert events_in(app) == 0


def test_an_htmx_request_without_a_name_is_sent_to_the_page_not_given_a_fragment(
    app: Flask, made: Made
) -> None:
    posted = app.test_client().post(
        f"/cycles/{made.cycle_id}/entries",
        data={"act_form-kind": "observation", "act_form-text": "Seen"},
        headers={**HX, "HX-Current-URL": f"http://localhost/cycles/{made.cycle_id}"},
    )
    assert posted.headers["HX-Redirect"] == f"/who?next=/cycles/{made.cycle_id}"
    assert posted.text == ""


def test_saying_who_you_are_returns_you_to_where_you_were(app: Flask) -> None:
    client = app.test_client()
    said = client.post("/who?next=/groups/abc", data={"actor": "Bob Nurse"})
    assert (said.status_code, said.headers["Location"]) == (303, "/groups/abc")
    assert "Recording as <strong>Bob Nurse</strong>" in client.get("/").text


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "javascript:x"])
def test_the_return_address_never_leaves_the_site(app: Flask, target: str) -> None:
    said = app.test_client().post(f"/who?next={target}", data={"actor": "Bob"})
    assert said.headers["Location"] == "/"


def test_a_blank_name_is_refused(app: Flask) -> None:
    said = app.test_client().post("/who", data={"actor": "  "})
    assert said.status_code == 422
    assert "Your name cannot be blank." in said.text


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
