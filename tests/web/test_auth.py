"""Signing in and out, invitations: people get in only where they belong.

Throttling is in test_throttle.py, sessions on the server in test_sessions.py.
"""

import re
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import PASSWORD, join, register, sign_in
from tests.web.conftest import HX, Made, events_in, services_of


def signin(client: FlaskClient, email: str, password: str, next_: str = "") -> object:
    return client.post(f"/signin?next={next_}", data={"email": email, "password": password})


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(app: Flask) -> None:
    page = app.test_client().get("/")
    assert page.status_code == 303
    assert page.headers["Location"] == "/signin?next=/"


def test_an_htmx_request_that_is_not_signed_in_is_redirected_not_given_a_form(
    app: Flask, made: Made
) -> None:
    posted = app.test_client().post(
        f"/cycles/{made.cycle_id}/entries",
        data={"act_form-text": "Seen"},
        headers={**HX, "HX-Current-URL": f"http://localhost/cycles/{made.cycle_id}"},
    )
    assert posted.status_code == 401
    assert posted.headers["HX-Redirect"] == f"/signin?next=/cycles/{made.cycle_id}"
    assert posted.text == ""


def test_signing_in_returns_to_where_the_visitor_was_going(app: Flask, ann: UUID) -> None:
    client = app.test_client()
    signed = signin(client, "ann@example.org", PASSWORD, "/groups/abc")
    assert signed.status_code == 303  # type: ignore[attr-defined]
    assert signed.headers["Location"] == "/groups/abc"  # type: ignore[attr-defined]
    assert "Signed in as <strong>Ann Facilitator</strong>" in client.get("/").text


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "javascript:x"])
def test_the_return_address_never_leaves_the_site(app: Flask, ann: UUID, target: str) -> None:
    signed = signin(app.test_client(), "ann@example.org", PASSWORD, target)
    assert signed.headers["Location"] == "/"  # type: ignore[attr-defined]


def test_a_wrong_password_and_an_unknown_email_get_the_same_answer(app: Flask, ann: UUID) -> None:
    wrong = signin(app.test_client(), "ann@example.org", "not the password")
    unknown = signin(app.test_client(), "nobody@example.org", "not the password")
    for answer in (wrong, unknown):
        assert answer.status_code == 422  # type: ignore[attr-defined]
        assert "That email and password do not match an account." in answer.text  # type: ignore[attr-defined]


def test_signing_out_ends_the_session(client: FlaskClient) -> None:
    assert client.post("/signout").status_code == 303
    assert client.get("/").status_code == 303


def test_the_actor_is_the_signed_in_account_never_a_form_field(
    client: FlaskClient, app: Flask, ann: UUID, made: Made
) -> None:
    client.post(
        f"/cycles/{made.cycle_id}/help",
        data={"help_form-text": "Need help", "actor": "Someone Else", "help_form-actor": "X"},
    )
    recorder = services_of(app).app.recorder
    stored = recorder.select_notifications(recorder.max_notification_id() or 0, 1)[0]
    assert b'"actor":"' + str(ann).encode() + b'"' in stored.state


def test_a_facilitator_invites_and_the_link_makes_an_account_and_joins(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    invited = client.post(
        f"/groups/{made.group_id}/invitations",
        data={"invite_form-email": "bea@example.org", "invite_form-role": "member"},
        headers=HX,
    )
    link = re.search(r"http://localhost(/invitations/[^<\s]+)", invited.text)
    assert link is not None
    newcomer = app.test_client()
    offer = newcomer.get(link.group(1))
    assert "You are invited as a <strong>member</strong>, at bea@example.org" in offer.text
    joined = newcomer.post(link.group(1), data={"name": "Bea Okafor", "password": PASSWORD})
    assert joined.status_code == 303
    assert (
        "Signed in as <strong>Bea Okafor</strong>" in newcomer.get(joined.headers["Location"]).text
    )
    again = app.test_client().get(link.group(1))
    assert again.status_code == 410
    assert "already been used" in again.text
    # Sent again (its answer lost): nothing more is made, and the page says how to go on.
    before = events_in(app)
    resent = app.test_client().post(link.group(1), data={"name": "Bea", "password": PASSWORD})
    assert resent.status_code == 410
    assert "sign in</a> with the email it was sent to" in resent.text
    assert events_in(app) == before


def test_an_invitation_for_someone_else_is_refused(app: Flask, made: Made, ann: UUID) -> None:
    s = services_of(app).app
    invited, token = s.invite(made.group_id, "bea@example.org", "member", str(ann))
    other = sign_in(app.test_client(), register(s, "Olga Outsider"))
    before = events_in(app)
    refused = other.post(f"/invitations/{invited.id}/{token}", data={})
    assert refused.status_code == 422
    assert "This invitation is for bea@example.org" in refused.text
    assert events_in(app) == before


def test_a_wrong_or_expired_link_is_refused(app: Flask, made: Made, ann: UUID) -> None:
    invited, _ = services_of(app).app.invite(made.group_id, "bea@example.org", "member", str(ann))
    assert app.test_client().get(f"/invitations/{invited.id}/not-the-token").status_code == 410


def test_a_removed_member_no_longer_sees_the_group(
    client: FlaskClient, app: Flask, made: Made, ann: UUID
) -> None:
    s = services_of(app)
    bob = register(s.app, "Bob Member")
    s.caught_up(join(s.app, made.group_id, bob, "member", ann))
    bobs = sign_in(app.test_client(), bob)
    assert bobs.get(f"/groups/{made.group_id}").status_code == 200
    client.post(f"/groups/{made.group_id}/people/{bob}/remove", headers=HX)
    assert bobs.get(f"/groups/{made.group_id}").status_code == 404
    assert "Ward 7" not in bobs.get("/").text


def test_the_last_facilitator_cannot_be_removed_or_demoted(
    client: FlaskClient, made: Made, ann: UUID
) -> None:
    slug = str(ann).replace("-", "")
    demoted = client.post(
        f"/groups/{made.group_id}/people/{ann}/role", data={f"r{slug}-role": "member"}, headers=HX
    )
    assert demoted.status_code == 422
    assert "A group needs a facilitator" in demoted.text


def test_a_shared_group_is_readable_by_everyone_signed_in_but_not_writable(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    outsider = sign_in(app.test_client(), register(services_of(app).app, "Olga Outsider"))
    assert outsider.get(f"/cycles/{made.cycle_id}").status_code == 404
    client.post(f"/groups/{made.group_id}/sharing", data={"sharing_form-shared": "y"}, headers=HX)
    assert outsider.get(f"/cycles/{made.cycle_id}").status_code == 200
    assert "Ward 7" in outsider.get("/").text
    posted = outsider.post(
        f"/cycles/{made.cycle_id}/comments?on=plan", data={"cplan-text": "Hi"}, headers=HX
    )
    assert posted.status_code == 403


def test_the_command_line_creates_the_first_administrator(
    app: Flask, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from web.cli import main

    monkeypatch.setenv("LEARNLOOP_DATABASE_URL", sqlite_url)
    result = CliRunner().invoke(
        main,
        ["users", "create", "--admin", "--email", "Ada@Example.org", "--name", "Ada Admin"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert "Created administrator ada@example.org." in result.output
    assert PASSWORD not in result.output
    client = app.test_client()
    signin(client, "ada@example.org", PASSWORD)
    assert "ada@example.org" in client.get("/admin/accounts").text


def test_the_signed_in_account_loads_from_the_read_model_or_before_it_catches_up(
    app: Flask,
) -> None:
    s = app.extensions["learnloop"]
    cat = register(s.app, "Cat Newcomer")  # not yet in the read model
    client = sign_in(app.test_client(), cat)
    assert "Signed in as <strong>Cat Newcomer</strong>" in client.get("/").text
    s.caught_up(s.app.recorder.max_notification_id() or 0)
    assert "Signed in as <strong>Cat Newcomer</strong>" in client.get("/").text
