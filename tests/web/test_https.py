"""Behind a reverse proxy and over HTTPS: the client's address, Secure cookies and HSTS."""

from collections.abc import Callable, Iterator

import pytest
from flask import Flask, request

from tests.conftest import PASSWORD, make_app, register
from tests.web.conftest import services_of
from web.access import public

HSTS = "max-age=31536000; includeSubDomains"
FORWARDED = {"X-Forwarded-For": "198.51.100.7, 203.0.113.9", "X-Forwarded-Proto": "https"}
MakeApp = Callable[..., Flask]


@pytest.fixture
def build(sqlite_url: str) -> Iterator[MakeApp]:
    """Apps on one database with a page that says whom and how it was asked."""
    built: list[Flask] = []

    def make(**config: object) -> Flask:
        app = make_app(sqlite_url, **config)

        @public
        def whoami() -> dict[str, str]:
            return {"address": request.remote_addr or "", "scheme": request.scheme}

        app.add_url_rule("/test/whoami", view_func=whoami)
        built.append(app)
        return app

    yield make
    for app in built:
        services_of(app).close()


def test_with_no_trusted_proxy_forwarded_headers_are_ignored(build: MakeApp) -> None:
    answer = build().test_client().get("/test/whoami", headers=FORWARDED)
    assert answer.json == {"address": "127.0.0.1", "scheme": "http"}
    assert "Strict-Transport-Security" not in answer.headers


def test_behind_one_trusted_proxy_its_word_on_address_and_scheme_is_taken(
    build: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEARNLOOP_TRUSTED_PROXIES", "1")
    answer = build().test_client().get("/test/whoami", headers=FORWARDED)
    # The nearest proxy's entry, not the one the client wrote in front of it.
    assert answer.json == {"address": "203.0.113.9", "scheme": "https"}
    assert answer.headers["Strict-Transport-Security"] == HSTS


def test_hsts_is_sent_on_https_requests_only(build: MakeApp) -> None:
    client = build().test_client()
    over_https = client.get("/signin", base_url="https://localhost")
    over_http = client.get("/signin")
    assert over_https.headers.get("Strict-Transport-Security") == HSTS
    assert "Strict-Transport-Security" not in over_http.headers


def session_cookie(app: Flask, **request: object) -> str:
    """The Set-Cookie header of the session cookie signing in gives."""
    register(services_of(app).app, "Ann Facilitator")
    signed = app.test_client().post(
        "/signin", data={"email": "ann@example.org", "password": PASSWORD}, **request
    )
    assert signed.status_code == 303
    [cookie] = [c for c in signed.headers.getlist("Set-Cookie") if c.startswith("session=")]
    return cookie


def test_the_session_cookie_is_secure_when_the_request_came_over_https(build: MakeApp) -> None:
    assert "; Secure" in session_cookie(build(), base_url="https://localhost")


def test_the_session_cookie_is_secure_when_a_trusted_proxy_says_https(build: MakeApp) -> None:
    cookie = session_cookie(build(TRUSTED_PROXIES=1), headers=FORWARDED)
    assert "; Secure" in cookie


def test_the_session_cookie_is_not_secure_over_plain_http(build: MakeApp) -> None:
    assert "Secure" not in session_cookie(build())
