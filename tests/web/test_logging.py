"""Logging: the app's lines on stderr, one line per request, and never a secret."""

import logging
import re
from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.invitation import token_hash
from tests.conftest import PASSWORD, make_app, password_hash, register
from tests.web.conftest import HX, Made, services_of
from web import logs

BuildApp = Callable[[str | None], Flask]
REQUEST_LINE = re.compile(r"(GET|POST) (\S+) (\d{3}) \d+\.\dms cpu=\d+\.\dms id=(\S+)")


def request_lines(caplog: pytest.LogCaptureFixture) -> list[re.Match[str]]:
    """The request lines logged so far, parsed."""
    found = [REQUEST_LINE.fullmatch(r.getMessage()) for r in caplog.records]
    return [
        m for r, m in zip(caplog.records, found, strict=True) if r.name == "web.requests" and m
    ]


def test_each_request_is_one_line_with_method_path_status_time_and_its_id(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    answer = client.get("/dashboard?token=s3cret-in-the-query")
    [line] = request_lines(caplog)
    assert line.group(1, 2, 3) == ("GET", "/dashboard", "200")
    assert answer.headers["X-Request-ID"] == line.group(4)
    assert "s3cret" not in caplog.text


def test_each_request_line_says_the_cpu_time_its_thread_spent_within_its_time(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    client.get("/dashboard")
    [message] = [r.getMessage() for r in caplog.records if r.name == "web.requests"]
    took = re.search(r" (\d+\.\d)ms cpu=(\d+\.\d)ms ", message)
    assert took, message
    elapsed, cpu = float(took[1]), float(took[2])
    assert 0 < cpu <= elapsed + 0.1  # one thread cannot spend more CPU than the time passed


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("proxy-7f3a.42", True),
        ("x" * 65, False),
        ("two words", False),
        ("id;GET /admin", False),
        ("idé", False),
    ],
)
def test_a_request_id_from_the_proxy_is_kept_only_if_it_is_a_short_plain_token(
    client: FlaskClient, caplog: pytest.LogCaptureFixture, given: str, kept: bool
) -> None:
    answer = client.get("/dashboard", headers={"X-Request-ID": given})
    [line] = request_lines(caplog)
    assert (line.group(4) == given, answer.headers["X-Request-ID"] == line.group(4)) == (
        kept,
        True,
    )


def test_an_invitation_link_is_logged_when_made_and_its_token_never_in_a_request_line(
    client: FlaskClient, app: Flask, made: Made, caplog: pytest.LogCaptureFixture
) -> None:
    client.post(
        f"/groups/{made.group_id}/invitations",
        data={"invite_form-email": "bea@example.org", "invite_form-role": "member"},
        headers=HX,
    )
    [link] = re.findall(r"Invitation for bea@example.org .*(/invitations/\S+)", caplog.text)
    invitation, token = link.removeprefix("/invitations/").split("/")
    app.test_client().get(link)
    lines = [m.group(2) for m in request_lines(caplog)]
    assert lines[-1] == f"/invitations/{invitation}/…"
    assert not any(token in path for path in lines)
    assert token_hash(token) not in caplog.text


def test_no_password_hash_or_session_cookie_is_logged_even_at_debug(
    sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    app = make_app(sqlite_url, LOG_LEVEL="DEBUG")
    register(services_of(app).app, "Ann Facilitator")
    visitor = app.test_client()
    refused = visitor.post("/signin", data={"email": "ann@example.org", "password": "Wrong1234!"})
    signed = visitor.post("/signin", data={"email": "ann@example.org", "password": PASSWORD})
    cookie = visitor.get_cookie("session")
    services_of(app).close()
    assert (refused.status_code, signed.status_code, cookie is not None) == (422, 303, True)
    assert cookie is not None
    assert [m.group(3) for m in request_lines(caplog)] == ["422", "303"]
    for secret in (PASSWORD, "Wrong1234!", password_hash(), cookie.value):
        assert secret not in caplog.text


@pytest.fixture
def stderr_app(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[BuildApp]:
    """An app whose log level comes from LEARNLOOP_LOG_LEVEL, if the test sets it."""
    built: list[Flask] = []

    def build(level: str | None) -> Flask:
        if level:
            monkeypatch.setenv("LEARNLOOP_LOG_LEVEL", level)
        built.append(make_app(sqlite_url))
        return built[-1]

    yield build
    for app in built:
        services_of(app).close()
    logs.configure("INFO")


@pytest.mark.parametrize(("level", "shown"), [(None, True), ("warning", False)])
def test_the_apps_info_lines_reach_stderr_at_the_level_set(
    stderr_app: BuildApp, capsys: pytest.CaptureFixture[str], level: str | None, shown: bool
) -> None:
    app = stderr_app(level)
    app.test_client().get("/signin")
    err = capsys.readouterr().err
    assert ("[INFO] web.requests: GET /signin 200" in err) == shown


def test_logging_is_set_up_once_however_many_apps_are_built(sqlite_url: str) -> None:
    for _ in range(3):
        services_of(make_app(sqlite_url)).close()
    ours = [h for h in logging.getLogger().handlers if h.get_name() == logs.HANDLER]
    assert len(ours) == 1
