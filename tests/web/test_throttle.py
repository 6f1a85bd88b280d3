"""Sign-in throttling: guessers are slowed, no address can lock anyone else out, and failed
attempts are kept for a while outside the record, then forgotten."""

import logging
import uuid
from functools import cache
from uuid import UUID

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from domain import passwords
from domain.errors import SignInRefusedError
from tests.conftest import PASSWORD, make_app, register
from tests.web.conftest import Clock, events_in, services_of
from web.throttle import KEY, SignInThrottle, ThrottledError, failures

LOCKED = "Too many failed attempts for this email from this address"
SLOWED = "Too many failed sign-ins recently. Try again in"
NO_MATCH = "That email and password do not match an account."


@pytest.fixture(autouse=True)
def each_hash_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Work out each scrypt hash (password, salt, cost) once: these tests send the same
    wrong password many times against the same decoy, and count what the throttle does,
    not what a hash costs. Every answer is the one the full hash gives."""
    monkeypatch.setattr(passwords, "_scrypt", cache(passwords._scrypt))


def from_address(app: Flask, address: str) -> FlaskClient:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def signin(client: FlaskClient, email: str, password: str) -> TestResponse:
    return client.post("/signin", data={"email": email, "password": password})


def stored_failures(app: Flask) -> int:
    with services_of(app).engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(failures)).scalar_one()


def test_five_failures_lock_an_email_from_that_address_whether_or_not_it_has_an_account(
    app: Flask, ann: UUID, clock: Clock
) -> None:
    for email in ("ann@example.org", "nobody@example.org"):
        for _ in range(5):
            assert NO_MATCH in signin(from_address(app, "10.0.0.1"), email, "guess").text
        locked = signin(from_address(app, "10.0.0.1"), email, PASSWORD)
        assert locked.status_code == 422
        assert f"{LOCKED}. Try again after 9:15am." in locked.text


def test_a_locked_pair_locks_neither_the_email_elsewhere_nor_other_emails_from_there(
    app: Flask, ann: UUID, clock: Clock
) -> None:
    register(services_of(app).app, "Bob Member")
    for _ in range(5):
        signin(from_address(app, "10.0.0.1"), "ann@example.org", "guess")
    assert LOCKED in signin(from_address(app, "10.0.0.1"), "ann@example.org", PASSWORD).text
    assert signin(from_address(app, "10.0.0.2"), "ann@example.org", PASSWORD).status_code == 303
    assert signin(from_address(app, "10.0.0.1"), "bob@example.org", PASSWORD).status_code == 303


def test_the_pair_lock_lasts_the_rest_of_the_window_and_no_longer(
    app: Flask, ann: UUID, clock: Clock
) -> None:
    for _ in range(5):
        signin(from_address(app, "10.0.0.1"), "ann@example.org", "guess")
        clock.advance(minutes=1)
    clock.advance(minutes=9, seconds=59)  # 14:59 after the first failure
    assert LOCKED in signin(from_address(app, "10.0.0.1"), "ann@example.org", PASSWORD).text
    clock.advance(seconds=1)
    assert signin(from_address(app, "10.0.0.1"), "ann@example.org", PASSWORD).status_code == 303


def test_sixty_failures_with_random_emails_from_one_address_only_slow_a_correct_password(
    app: Flask, ann: UUID, clock: Clock
) -> None:
    # Behind a proxy or NAT everyone shares one address: a guesser there must not lock
    # the others out. Guesses come as fast as the slowing lets them.
    for _ in range(60):
        guess = signin(from_address(app, "10.0.0.1"), f"{uuid.uuid4().hex}@example.org", "x")
        assert NO_MATCH in guess.text
        clock.advance(seconds=5)
    assert signin(from_address(app, "10.0.0.1"), "ann@example.org", PASSWORD).status_code == 303
    # Right after a failure, the next slot is a few seconds away: said, never a long lock.
    signin(from_address(app, "10.0.0.1"), "guesser@example.org", "x")
    clock.advance(seconds=1)
    slowed = signin(from_address(app, "10.0.0.1"), "ann@example.org", PASSWORD)
    assert slowed.status_code == 422
    assert f"{SLOWED} 4 seconds." in slowed.text
    clock.advance(seconds=4)
    assert signin(from_address(app, "10.0.0.1"), "ann@example.org", PASSWORD).status_code == 303


def test_an_address_with_twenty_failures_is_slowed_and_a_refused_attempt_is_not_counted(
    app: Flask, ann: UUID, clock: Clock
) -> None:
    for n in range(19):
        signin(from_address(app, "10.0.0.1"), f"guess{n}@example.org", "x")
    # Nineteen: not yet slowed.
    assert NO_MATCH in signin(from_address(app, "10.0.0.1"), "guess@example.org", "x").text
    for _ in range(3):
        assert SLOWED in signin(from_address(app, "10.0.0.1"), "guess@example.org", "x").text
    assert stored_failures(app) == 20
    assert signin(from_address(app, "10.0.0.2"), "ann@example.org", PASSWORD).status_code == 303
    clock.advance(seconds=5)
    assert NO_MATCH in signin(from_address(app, "10.0.0.1"), "guess@example.org", "x").text


def test_an_email_guessed_from_many_addresses_is_slowed_too(
    app: Flask, ann: UUID, clock: Clock
) -> None:
    for n in range(10):
        signin(from_address(app, f"10.0.1.{n}"), "ann@example.org", "guess")
    slowed = signin(from_address(app, "10.0.2.1"), "ann@example.org", PASSWORD)
    assert f"{SLOWED} 5 seconds." in slowed.text
    clock.advance(seconds=5)
    assert signin(from_address(app, "10.0.2.1"), "ann@example.org", PASSWORD).status_code == 303


def test_failures_older_than_the_window_are_pruned(app: Flask, clock: Clock) -> None:
    for n in range(7):
        signin(from_address(app, f"10.0.0.{n}"), f"guess{n}@example.org", "x")
    assert stored_failures(app) == 7
    clock.advance(minutes=15)
    signin(from_address(app, "10.0.0.1"), "guess@example.org", "x")
    assert stored_failures(app) == 1


def test_failed_and_successful_sign_ins_record_no_events(
    app: Flask, ann: UUID, clock: Clock
) -> None:
    before = events_in(app)
    for _ in range(6):
        signin(from_address(app, "10.0.0.1"), "ann@example.org", "guess")
    assert signin(from_address(app, "10.0.0.2"), "ann@example.org", PASSWORD).status_code == 303
    assert events_in(app) == before
    assert stored_failures(app) == 5  # the sixth was refused untried


def test_a_refused_sign_in_is_logged_with_its_address_never_its_password(
    app: Flask, ann: UUID, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        signin(from_address(app, "10.0.0.9"), "ann@example.org", "my secret guess")
    refused = [r.getMessage() for r in caplog.records if "Sign-in refused" in r.getMessage()]
    assert refused == [f"Sign-in refused from 10.0.0.9: {NO_MATCH}"]
    assert "my secret guess" not in caplog.text


def test_the_throttle_counts_alike_on_each_database(database_url: str) -> None:
    flask_app = make_app(database_url)
    gate: SignInThrottle = flask_app.extensions[KEY]
    clock = Clock()
    gate.clock = clock

    def wrong() -> UUID:
        raise SignInRefusedError("no")

    try:
        for _ in range(5):
            with pytest.raises(SignInRefusedError):
                gate.guarded("Ann@Example.org ", "10.0.0.1", wrong)
            clock.advance(seconds=1)
        with pytest.raises(ThrottledError, match="Try again after 9:15am"):
            gate.check("ann@example.org", "10.0.0.1")
        gate.check("ann@example.org", "10.0.0.2")
        for n in range(15):
            gate.failed(f"guess{n}@example.org", "10.0.0.1")
        with pytest.raises(ThrottledError, match="Try again in 5 seconds"):
            gate.check("bob@example.org", "10.0.0.1")
        clock.advance(minutes=15, seconds=5)
        gate.check("ann@example.org", "10.0.0.1")
        gate.failed("bob@example.org", "10.0.0.3")
        with services_of(flask_app).engine.connect() as conn:
            left = conn.execute(sa.select(sa.func.count()).select_from(failures)).scalar_one()
        assert left == 1
    finally:
        services_of(flask_app).close()
