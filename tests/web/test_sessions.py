"""Sessions live on the server: signing out, a changed password or time ends them, and a copy
of the cookie is good for no longer than the session it names."""

from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from uuid import UUID

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from flask_login.utils import _create_identifier
from werkzeug.test import TestResponse

from tests.conftest import PASSWORD, make_app, register, sessions_of, sign_in
from tests.web.conftest import Clock, events_in, services_of
from web.cli import main
from web.sessions import SessionStore, sessions

NEW_PASSWORD = "a much longer new passphrase"


def signin(client: FlaskClient, email: str = "ann@example.org", password: str = PASSWORD) -> None:
    signed = client.post("/signin", data={"email": email, "password": password})
    assert signed.status_code == 303, signed.text


def cookie_of(client: FlaskClient) -> str:
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value


def with_cookie(app: Flask, value: str) -> FlaskClient:
    copy = app.test_client()
    copy.set_cookie("session", value)
    return copy


def opens_dashboard(client: FlaskClient) -> bool:
    page = client.get("/dashboard")
    assert page.status_code in (200, 303), page.status_code
    if page.status_code == 303:
        assert page.headers["Location"].startswith("/signin")
    return page.status_code == 200


def live_sessions(app: Flask) -> int:
    with services_of(app).engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(sessions)).scalar_one()


def change_password(
    client: FlaskClient, current: str, new: str = NEW_PASSWORD, again: str | None = None
) -> TestResponse:
    form = {"current": current, "new": new, "again": new if again is None else again}
    return client.post("/account/password", data=form)


def test_signing_out_ends_the_session_on_the_server(app: Flask, ann: UUID) -> None:
    browser = app.test_client()
    signin(browser)
    copied = cookie_of(browser)
    assert opens_dashboard(with_cookie(app, copied))
    assert browser.post("/signout").status_code == 303
    assert not opens_dashboard(browser)
    assert not opens_dashboard(with_cookie(app, copied))
    assert live_sessions(app) == 0


def test_the_cookie_keeps_a_session_not_the_account_id(app: Flask, ann: UUID) -> None:
    forged = app.test_client()
    with app.test_request_context():
        identifier = _create_identifier()
    with forged.session_transaction() as session:  # as sessions were kept before
        session.update(_user_id=str(ann), _fresh=True, _id=identifier)
    assert not opens_dashboard(forged)
    assert opens_dashboard(sign_in(forged, ann))


def test_an_expired_session_is_refused(app: Flask, ann: UUID, clock: Clock) -> None:
    browser = app.test_client()
    signin(browser)
    clock.advance(hours=11, minutes=59)
    assert opens_dashboard(browser)
    clock.advance(minutes=1)
    assert not opens_dashboard(browser)


def test_the_session_lifetime_is_a_setting(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEARNLOOP_SESSION_LIFETIME", "2")
    flask_app = make_app(sqlite_url)
    clock = Clock()
    sessions_of(flask_app).clock = clock
    try:
        register(services_of(flask_app).app, "Ann Facilitator")
        browser = flask_app.test_client()
        signed = browser.post("/signin", data={"email": "ann@example.org", "password": PASSWORD})
        # The cookie expires with the session: two hours after signing in.
        expires = parsedate_to_datetime(signed.headers["Set-Cookie"].split("Expires=")[1][:29])
        assert flask_app.config["PERMANENT_SESSION_LIFETIME"] == timedelta(hours=2)
        assert timedelta(hours=1) < expires - datetime.now(UTC) <= timedelta(hours=2)
        clock.advance(hours=1, minutes=59)
        assert opens_dashboard(browser)
        clock.advance(minutes=1)
        assert not opens_dashboard(browser)
    finally:
        services_of(flask_app).close()


def test_a_session_lifetime_that_is_not_a_number_of_hours_is_refused_at_start(
    sqlite_url: str,
) -> None:
    with pytest.raises(ValueError, match="LEARNLOOP_SESSION_LIFETIME must be hours"):
        make_app(sqlite_url, SESSION_LIFETIME="a day")


def test_expired_sessions_are_pruned_as_new_ones_open(app: Flask, ann: UUID, clock: Clock) -> None:
    for _ in range(3):
        sign_in(app.test_client(), ann)
    clock.advance(hours=12)
    sign_in(app.test_client(), ann)
    assert live_sessions(app) == 1


def test_sessions_survive_a_rebuild_of_the_projections(app: Flask, ann: UUID) -> None:
    browser = sign_in(app.test_client(), ann)
    s = services_of(app)
    s.caught_up(s.app.recorder.max_notification_id() or 0)
    s.runner.rebuild()
    assert "Signed in as <strong>Ann Facilitator</strong>" in browser.get("/").text


def test_checking_the_session_and_the_account_is_one_query(app: Flask, ann: UUID) -> None:
    browser = sign_in(app.test_client(), ann)
    s = services_of(app)
    s.caught_up(s.app.recorder.max_notification_id() or 0)
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    sa.event.listen(s.engine, "before_cursor_execute", seen)
    try:
        assert "Signed in as" in browser.get("/methods").text
    finally:
        sa.event.remove(s.engine, "before_cursor_execute", seen)
    about_who = [q for q in statements if "web_sessions" in q or "rm_accounts" in q]
    assert len(about_who) == 1, about_who


def test_signing_in_again_ends_the_session_the_browser_held(app: Flask, ann: UUID) -> None:
    browser = app.test_client()
    signin(browser)
    before = cookie_of(browser)
    signin(browser)
    assert not opens_dashboard(with_cookie(app, before))
    assert opens_dashboard(browser)
    assert live_sessions(app) == 1


def test_changing_the_password_ends_the_other_sessions_and_keeps_this_one(
    app: Flask, ann: UUID
) -> None:
    here, elsewhere = app.test_client(), app.test_client()
    signin(here)
    signin(elsewhere)
    bob = sign_in(app.test_client(), register(services_of(app).app, "Bob Member"))
    changed = change_password(here, PASSWORD)
    assert changed.status_code == 303
    assert changed.headers["Location"] == "/account/password?changed=1"
    assert "Your password has been changed" in here.get(changed.headers["Location"]).text
    assert opens_dashboard(here)
    assert not opens_dashboard(elsewhere)
    assert opens_dashboard(bob)
    old = app.test_client().post(
        "/signin", data={"email": "ann@example.org", "password": PASSWORD}
    )
    assert old.status_code == 422
    signin(app.test_client(), password=NEW_PASSWORD)


def test_a_wrong_current_password_changes_nothing_and_counts_as_a_failed_sign_in(
    app: Flask, ann: UUID, clock: Clock
) -> None:
    browser, elsewhere = sign_in(app.test_client(), ann), sign_in(app.test_client(), ann)
    before = events_in(app)
    for _ in range(5):
        refused = change_password(browser, "not my password")
        assert refused.status_code == 422
        said = '<span class="visually-hidden">Error:</span> That is not your current password.'
        assert f'id="current-error">{said}' in refused.text
    assert events_in(app) == before
    assert opens_dashboard(elsewhere)
    locked = change_password(browser, PASSWORD)
    assert "Too many failed attempts for this email from this address" in locked.text
    assert events_in(app) == before


@pytest.mark.parametrize(
    ("new", "again", "message"),
    [
        ("short", "short", "Choose a password of 10 to 200 characters."),
        (NEW_PASSWORD, NEW_PASSWORD + "!", "The two new passwords differ"),
    ],
    ids=["too short", "two differ"],
)
def test_a_new_password_too_short_or_typed_two_ways_is_refused(
    client: FlaskClient, app: Flask, new: str, again: str, message: str
) -> None:
    before = events_in(app)
    refused = change_password(client, PASSWORD, new, again)
    assert refused.status_code == 422
    assert message in refused.text
    assert events_in(app) == before


def test_the_header_offers_to_change_the_password(client: FlaskClient) -> None:
    assert 'href="/account/password">Change password</a>' in client.get("/").text
    page = client.get("/account/password")
    for label in ("Current password", "New password", "New password again"):
        assert f">{label}</label>" in page.text


def test_the_command_line_sets_a_password_and_ends_every_session(
    app: Flask, ann: UUID, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    browser = app.test_client()
    signin(browser)
    monkeypatch.setenv("LEARNLOOP_DATABASE_URL", sqlite_url)
    result = CliRunner().invoke(
        main,
        ["users", "set-password", "Ann@Example.org"],
        input=f"{NEW_PASSWORD}\n{NEW_PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert "Set the password of ann@example.org; ended 1 session(s)." in result.output
    assert NEW_PASSWORD not in result.output
    assert not opens_dashboard(browser)
    signin(browser, password=NEW_PASSWORD)


def test_the_command_line_says_when_no_account_has_the_email(
    app: Flask, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEARNLOOP_DATABASE_URL", sqlite_url)
    result = CliRunner().invoke(
        main, ["users", "set-password", "nobody@example.org"], input=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert result.exit_code == 1
    assert "No account has that email." in result.output


def test_the_session_store_works_alike_on_each_database(database_url: str) -> None:
    flask_app = make_app(database_url)
    store: SessionStore = sessions_of(flask_app)
    clock = Clock()
    store.clock = clock
    ann, bob = UUID(int=1), UUID(int=2)
    try:
        mine, other, bobs = store.start(ann), store.start(ann), store.start(bob)
        with services_of(flask_app).engine.connect() as conn:
            found = store.signed_in(conn, mine)
            assert found is not None
            assert found.account_id == ann
            assert found.name is None  # no such account in the read model: asked elsewhere
            assert store.end_all(ann, keep=mine) == 1
            assert store.signed_in(conn, other) is None
            store.end(mine)
            assert store.signed_in(conn, mine) is None
            assert store.signed_in(conn, bobs) is not None
            clock.advance(hours=12)
            assert store.signed_in(conn, bobs) is None
    finally:
        services_of(flask_app).close()
