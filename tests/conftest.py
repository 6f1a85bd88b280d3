"""Fixtures shared by every layer's tests: apps, databases, and the skip-or-fail rule."""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Learnloop
from web import create_app


def unavailable(what: str, reason: str, required_by: str) -> None:
    """Skip with a reason, or fail if the environment says this part is required."""
    if os.environ.get(required_by) == "1":
        pytest.fail(f"{what} is required ({required_by}=1) but {reason}")
    pytest.skip(f"{what} not available: {reason} (set {required_by}=1 to make this a failure)")


@pytest.fixture
def application() -> Iterator[Learnloop]:
    """The Application on the in-memory store."""
    app = Learnloop(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    yield app
    app.close()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite database file of this test's own."""
    return f"sqlite:///{tmp_path / 'learnloop.sqlite'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A PostgreSQL database of this test's own, dropped afterwards."""
    admin = os.environ.get("LEARNLOOP_TEST_DATABASE_URL")
    if not admin:
        unavailable(
            "PostgreSQL",
            "LEARNLOOP_TEST_DATABASE_URL is not set",
            "LEARNLOOP_REQUIRE_POSTGRES",
        )
    assert admin is not None
    name = f"learnloop_test_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        unavailable("PostgreSQL", f"cannot connect: {error}", "LEARNLOOP_REQUIRE_POSTGRES")
    base = admin.rsplit("/", 1)[0]
    yield f"{base}/{name}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest) -> str:
    """Each database the product supports, in turn."""
    url: str = request.getfixturevalue(f"{request.param}_url")
    return url


def make_app(database_url: str, **config: object) -> Flask:
    """A test app on the given database."""
    settings: dict[str, object] = {
        "TESTING": True,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "test-secret-" + uuid.uuid4().hex,
        "WTF_CSRF_ENABLED": False,
    }
    settings.update(config)
    return create_app(settings)


@pytest.fixture
def app(sqlite_url: str) -> Iterator[Flask]:
    """The web app on a fresh SQLite database, CSRF off (a dedicated test covers it)."""
    flask_app = make_app(sqlite_url)
    yield flask_app
    flask_app.extensions["learnloop"].close()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client that has already said who it is."""
    test_client = app.test_client()
    with test_client.session_transaction() as session:
        session["actor"] = "Ann Facilitator"
    return test_client
