"""Fixtures shared by every layer's tests: apps, databases, and the skip-or-fail rule."""

import os
import tempfile
import uuid
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import cast
from uuid import UUID

import jinja2
import psycopg
import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_login.utils import _create_identifier

from domain import passwords
from domain.accounts import Account
from domain.application import Learnloop
from domain.passwords import hash_password
from web import create_app
from web.sessions import KEY as SESSIONS
from web.sessions import SessionStore


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


# scrypt's cost in tests: a hash records its own cost, so signing in checks it at the cost
# it was made with. The flows are the same at any cost; the product's own cost is tested
# by the tests marked `real_password_cost`.
TEST_PASSWORD_COST = 2**10


@pytest.fixture(autouse=True)
def cheap_passwords(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Hash passwords at a low scrypt cost: each real hash takes ~80 ms, and the
    functional tests sign in as each person of a scenario the way a person does."""
    if request.node.get_closest_marker("real_password_cost") is None:
        monkeypatch.setattr(passwords, "N", TEST_PASSWORD_COST)


class SharedTemplates(jinja2.BytecodeCache):
    """Compiled templates kept for every app a test process makes: each test makes its own
    app, and compiling the templates again for each was an eighth of a functional test.
    Keyed by the template's name and a checksum of its source, so an edit recompiles."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill the bucket from a template compiled before, if there is one."""
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep a newly compiled template."""
        self.compiled[bucket.key] = bucket.bytecode_to_string()


TEMPLATES = SharedTemplates()


def make_app(database_url: str, **config: object) -> Flask:
    """A test app on the given database."""
    settings: dict[str, object] = {
        "TESTING": True,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "test-secret-" + uuid.uuid4().hex,
        "WTF_CSRF_ENABLED": False,
    }
    settings.update(config)
    app = create_app(settings)
    app.jinja_env.bytecode_cache = TEMPLATES
    return app


@pytest.fixture
def app(sqlite_url: str) -> Iterator[Flask]:
    """The web app on a fresh SQLite database, CSRF off (a dedicated test covers it)."""
    flask_app = make_app(sqlite_url)
    yield flask_app
    flask_app.extensions["learnloop"].close()


PASSWORD = "correct horse battery staple"


@cache
def password_hash() -> str:
    """One real scrypt hash, made once: fixtures register accounts without re-hashing."""
    return hash_password(PASSWORD)


def register(app: Learnloop, name: str, admin: bool = False) -> UUID:
    """An account named `name`, email <first name>@example.org, password PASSWORD."""
    email = name.split()[0].casefold() + "@example.org"
    account = Account.register(email, name, password_hash(), admin, "test")
    app.save(account)
    return account.id


def sign_in(client: FlaskClient, account_id: UUID) -> FlaskClient:
    """Open a real session for the account and keep it in the client's cookie, as signing in
    does (without the password check, which costs a scrypt hash each time)."""
    app = client.application
    token = sessions_of(app).start(account_id)
    with app.test_request_context(environ_base=client.environ_base):
        identifier = _create_identifier()
    with client.session_transaction() as session:
        session["_user_id"] = token
        session["_fresh"] = True
        session["_id"] = identifier
        session.permanent = True
    return client


def sessions_of(app: Flask) -> SessionStore:
    """The app's server-side sessions."""
    found: SessionStore = app.extensions[SESSIONS]
    return found


def join(app: Learnloop, group_id: UUID, account_id: UUID, role: str, by: UUID) -> int:
    """Invite the account to the group and accept; the notification id of the join."""
    account: Account = app.repository.get(account_id)
    invited, token = app.invite(group_id, account.email, role, str(by))
    return app.accept_invitation(invited.id, token, account_id).notification_id


@pytest.fixture
def ann(app: Flask) -> UUID:
    """Ann Facilitator's account: she forms the test groups, so she facilitates them."""
    return register(app.extensions["learnloop"].app, "Ann Facilitator")


@pytest.fixture
def client(app: Flask, ann: UUID) -> FlaskClient:
    """A test client signed in as Ann Facilitator."""
    return sign_in(app.test_client(), ann)


# -- The count of hostile inputs tried (tests/web/test_hostile_forms.py) -----------------
# Each test reports its count as a user property, which xdist sends from its workers to
# the process that prints the summary, so the total is the whole run's however it ran.

HOSTILE_COUNT = "hostile inputs"
TALLIES = pytest.StashKey[dict[str, dict[str, int]]]()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Keep the per-form tallies of hostile inputs the tests report."""
    if report.when != "call":
        return
    for name, value in report.user_properties:
        if name == HOSTILE_COUNT:
            form, tally = cast(tuple[str, dict[str, int]], value)
            found = _config().stash.setdefault(TALLIES, {})
            found[form] = {k: found.get(form, {}).get(k, 0) + n for k, n in tally.items()}


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how many hostile inputs were tried; write the number where asked."""
    tallies = terminalreporter.config.stash.get(TALLIES, {})
    if not tallies or hasattr(terminalreporter.config, "workerinput"):
        return  # nothing counted, or an xdist worker: the controller adds up every one
    total = sum(sum(t.values()) for t in tallies.values())
    write = terminalreporter.write_line
    write(f"Hostile inputs tried: {total} across {len(tallies)} forms")
    for form, tally in sorted(tallies.items()):
        outcomes = ", ".join(f"{n} {what}" for what, n in sorted(tally.items()))
        write(f"  {form}: {sum(tally.values())} tried: {outcomes}")
    wanted = os.environ.get("LEARNLOOP_HOSTILE_COUNT")
    if wanted:
        default = wanted.lower() in {"1", "true", "yes"}
        path = Path(tempfile.gettempdir()) / ("learnloop-hostile-count" if default else wanted)
        path.write_text(f"{total}\n")
        write(f"Hostile input count written to {path}")


_CONFIG: list[pytest.Config] = []


def pytest_configure(config: pytest.Config) -> None:
    """Remember the run's config, for the hooks above that are not handed it."""
    _CONFIG[:] = [config]


def _config() -> pytest.Config:
    return _CONFIG[0]
