"""The database out of reach: the app's own 503 page, probes that say so, and recovery
without a restart with no write lost or doubled. PostgreSQL is cut with a TCP proxy in
front of it (the machine's server is never stopped); SQLite by another process holding
its write lock."""

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from uuid import UUID

import psycopg
import psycopg_pool
import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from eventsourcing.persistence import IntegrityError
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import Client

from tests.builders import plan
from tests.conftest import make_app, register, sign_in
from tests.faults.fixtures import postgres_behind_proxy  # noqa: F401 (a fixture)
from tests.faults.proxy import Proxy
from web import cli
from web import services as services_module
from web.outage import is_outage
from web.services import Services
from web.starting import StandIn, when_reachable
from web.storage import Storage

WORDS = "Learnloop can't reach its database just now. Nothing you sent was lost"
HX = {"HX-Request": "true"}
TEXT = "Porters were late"
KEY = "outage-submission-key-1"


@dataclass
class World:
    """An app with Ann's group and a cycle she is acting in, and her signed-in client."""

    app: Flask
    client: FlaskClient
    group_id: UUID
    cycle_id: UUID

    @property
    def services(self) -> Services:
        """The app's services."""
        found: Services = self.app.extensions["learnloop"]
        return found

    def events(self) -> int:
        """How many events are stored."""
        return self.services.app.recorder.max_notification_id() or 0

    def pages(self) -> list[str]:
        """A group page, a cycle page and the dashboard."""
        return [f"/groups/{self.group_id}", f"/cycles/{self.cycle_id}", "/dashboard"]

    def post_entry(self, key: str = "", headers: dict[str, str] | None = None) -> Any:
        """Post an observation to the cycle's journal, as a form with this submission key."""
        data = {"act_form-kind": "observation", "act_form-text": TEXT, "submission": key}
        return self.client.post(f"/cycles/{self.cycle_id}/entries", data=data, headers=headers)

    def times_shown(self) -> int:
        """How many times the cycle page shows the posted observation."""
        return self.client.get(f"/cycles/{self.cycle_id}").text.count(TEXT)


def build_world(app: Flask) -> World:
    services: Services = app.extensions["learnloop"]
    ann = register(services.app, "Ann Facilitator")
    group = services.app.form_group("Ward 9", "Fewer falls at night", str(ann))
    cycle = services.app.open_cycle(group.id, plan("Night-time rounding"), str(ann))
    services.caught_up(
        services.app.record_observation(cycle.id, "Two rounds missed", "Bob").notification_id
    )
    return World(app, sign_in(app.test_client(), ann), group.id, cycle.id)


# How long the app waits for a database out of reach before answering 503: for a
# connection from PostgreSQL's pool (5 s in production) and for SQLite's write lock (30 s).
# Only the waits are shorter; the answers are the same.
QUICK_WAITS = {"POSTGRES_CONNECT_TIMEOUT": "1", "SQLITE_LOCK_TIMEOUT": "1"}


@pytest.fixture
def quick_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Apps built in this test (the CLI's too) wait QUICK_WAITS for an unreachable database."""
    original = services_module.storage_for

    def quick(url: str | None, instance_path: str, **more: Any) -> Storage:
        found = original(url, instance_path, **more)
        env = {k: QUICK_WAITS.get(k, v) for k, v in found.persistence_env.items()}
        return Storage(env, found.sqlalchemy_url, found.description)

    monkeypatch.setattr(services_module, "storage_for", quick)


@pytest.fixture
def behind_proxy(
    postgres_behind_proxy: tuple[str, Proxy],  # noqa: F811
    quick_waits: None,
) -> Iterator[tuple[World, Proxy]]:
    """The app on its own PostgreSQL database, reached through a proxy the test can cut."""
    url, proxy = postgres_behind_proxy
    app = make_app(url)
    yield build_world(app), proxy
    app.extensions["learnloop"].close()


def assert_unavailable(response: Any) -> None:
    assert response.status_code == 503, response.text[:300]
    assert response.headers["Retry-After"] == "5"
    assert WORDS in response.text
    assert "it will not be recorded twice" in response.text
    assert "Internal Server Error" not in response.text
    assert "Traceback" not in response.text


def test_every_page_and_post_answers_the_apps_503_page_while_postgres_is_cut(
    behind_proxy: tuple[World, Proxy], caplog: pytest.LogCaptureFixture
) -> None:
    world, proxy = behind_proxy
    assert [world.client.get(page).status_code for page in world.pages()] == [200, 200, 200]
    proxy.cut()
    caplog.set_level(logging.WARNING)
    answers = [world.client.get(page) for page in world.pages()]
    answers.append(world.client.get("/no/such/page"))  # the 404 page needs the user too
    answers.append(world.post_entry(KEY))
    for answer in answers:
        assert_unavailable(answer)
    warnings = [r for r in caplog.records if r.name == "web.outage"]
    assert len(warnings) == len(answers)
    assert all(r.levelno == logging.WARNING and r.exc_info is None for r in warnings)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_htmx_requests_get_the_503_page_and_are_told_to_swap_nothing(
    behind_proxy: tuple[World, Proxy],
) -> None:
    world, proxy = behind_proxy
    proxy.cut()
    posted = world.post_entry(KEY, headers=HX)
    boosted = world.client.get(f"/cycles/{world.cycle_id}", headers={**HX, "HX-Boosted": "true"})
    for answer in (posted, boosted):
        assert_unavailable(answer)
        # Swapping the page out would lose what the person typed; learnloop.js says why.
        assert answer.headers["HX-Reswap"] == "none"
        assert 'id="unavailable-message"' in answer.text


def test_healthz_answers_during_a_cut_and_readyz_says_the_database_is_unreachable(
    behind_proxy: tuple[World, Proxy],
) -> None:
    world, proxy = behind_proxy
    probe = world.app.test_client()
    assert probe.get("/readyz").status_code == 200
    proxy.cut()
    healthz, readyz = probe.get("/healthz"), probe.get("/readyz")
    assert (healthz.status_code, healthz.text) == (200, "ok\n")
    assert readyz.status_code == 503
    assert readyz.text.startswith("database unreachable")
    assert readyz.headers["Retry-After"] == "5"
    proxy.restore()
    assert probe.get("/readyz").status_code == 200


def test_after_a_cut_pages_and_posts_work_again_with_no_restart_and_nothing_lost_or_doubled(
    behind_proxy: tuple[World, Proxy],
) -> None:
    world, proxy = behind_proxy
    before = world.events()
    proxy.cut()
    assert_unavailable(world.post_entry(KEY))
    proxy.restore()
    assert [world.client.get(page).status_code for page in world.pages()] == [200, 200, 200]
    assert world.events() == before  # the refused post recorded nothing
    assert_recorded_once_however_often_sent(world)


def test_a_write_caught_by_a_short_cut_lands_once_when_postgres_returns(
    behind_proxy: tuple[World, Proxy], monkeypatch: pytest.MonkeyPatch
) -> None:
    world, proxy = behind_proxy
    record = world.services.app.record_act_entry

    def cut_first(*args: Any, **kwargs: Any) -> Any:
        # The person is signed in and allowed; the database goes away as the command runs
        # and comes back while the event store is still retrying.
        proxy.cut()
        threading.Timer(0.3, proxy.restore).start()  # well within QUICK_WAITS
        return record(*args, **kwargs)

    monkeypatch.setattr(world.services.app, "record_act_entry", cut_first)
    assert_recorded_once_however_often_sent(world)


def assert_recorded_once_however_often_sent(world: World) -> None:
    """The form is posted, then posted again as a person told to try again would."""
    first = world.post_entry(KEY)
    assert first.status_code == 303
    recorded = world.events()
    again = world.post_entry(KEY)
    assert (again.status_code, again.headers["Location"]) == (303, first.headers["Location"])
    assert world.events() == recorded
    assert world.times_shown() == 1


def test_a_process_started_during_a_cut_answers_503_and_serves_once_postgres_is_back(
    postgres_behind_proxy: tuple[str, Proxy],  # noqa: F811
    quick_waits: None,
) -> None:
    url, proxy = postgres_behind_proxy
    proxy.cut()
    served = when_reachable(lambda: make_app(url), retry_every=0.2)
    assert isinstance(served, StandIn)  # a gunicorn worker would have failed to boot
    try:
        client = Client(served)
        assert_unavailable(client.get("/dashboard"))
        assert_unavailable(client.post("/groups", data={"name": "Ward 9"}))
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 503
        proxy.restore()
        assert served.built.wait(timeout=120), "the app was not built after the restore"
        assert client.get("/readyz").text == "ready\n"
        assert client.get("/dashboard").status_code == 303  # the real app: sign in first
    finally:
        served.stop()
        if served.app is not None:
            served.app.extensions["learnloop"].close()


def test_the_worker_waits_out_a_cut_and_then_catches_up_what_was_recorded_meanwhile(
    postgres_behind_proxy: tuple[str, Proxy],  # noqa: F811
    postgres_url: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    quick_waits: None,
) -> None:
    url, proxy = postgres_behind_proxy
    direct = make_app(postgres_url).extensions["learnloop"]  # the test's own way in
    monkeypatch.setenv("LEARNLOOP_DATABASE_URL", url)
    monkeypatch.setenv("LEARNLOOP_SECRET_KEY", "test")

    def cut_and_record() -> None:
        proxy.cut()
        register(direct.app, "Bob Member")  # another process goes on recording

    def stop() -> None:
        raise KeyboardInterrupt

    # The worker's pauses between rounds: the first cuts, the second restores, the third stops.
    steps = iter([cut_and_record, proxy.restore, stop])
    monkeypatch.setattr(cli, "time", SimpleNamespace(sleep=lambda _: next(steps)()))
    result = CliRunner().invoke(cli.main, ["worker", "--interval", "0"])
    try:
        assert (result.exit_code, result.output.splitlines()[-1]) == (0, "Worker stopped.")
        assert [r for r in caplog.records if r.getMessage().startswith("Worker: ")]
        assert all(status.lag == 0 for status in direct.runner.status())
    finally:
        direct.close()


def test_a_worker_started_during_a_cut_waits_for_the_database_then_catches_up(
    postgres_behind_proxy: tuple[str, Proxy],  # noqa: F811
    postgres_url: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    quick_waits: None,
) -> None:
    url, proxy = postgres_behind_proxy
    direct = make_app(postgres_url).extensions["learnloop"]
    monkeypatch.setenv("LEARNLOOP_DATABASE_URL", url)
    monkeypatch.setenv("LEARNLOOP_SECRET_KEY", "test")
    register(direct.app, "Bob Member")  # recorded, not yet applied, as the worker starts

    def stop() -> None:
        raise KeyboardInterrupt

    # The worker's pauses: the first is while it cannot start, the second after its round.
    steps = iter([proxy.restore, stop])
    monkeypatch.setattr(cli, "time", SimpleNamespace(sleep=lambda _: next(steps)()))
    assert any(status.lag for status in direct.runner.status())  # for the worker to apply
    proxy.cut()
    result = CliRunner().invoke(cli.main, ["worker", "--interval", "0"])
    try:
        assert (result.exit_code, result.output.splitlines()[-1]) == (0, "Worker stopped."), (
            result.output
        )
        assert [r for r in caplog.records if r.getMessage().startswith("Worker: ")]
        assert all(status.lag == 0 for status in direct.runner.status())
    finally:
        direct.close()


def test_the_errors_each_store_raises_when_postgres_is_cut_are_outages(
    behind_proxy: tuple[World, Proxy],
) -> None:
    world, proxy = behind_proxy
    recorder = world.services.app.recorder
    proxy.cut()
    failures = [
        raised(lambda: world.services.engine.connect().execute(sa.text("SELECT 1"))),
        # One attempt, not the library's ten: the same error, a tenth of the wait.
        raised(lambda: type(recorder).max_notification_id.__wrapped__(recorder)),  # type: ignore[attr-defined]
    ]
    assert [type(f).__module__.split(".")[0] for f in failures] == ["sqlalchemy", "eventsourcing"]
    assert all(is_outage(f) for f in failures), failures
    assert is_outage(psycopg_pool.PoolTimeout("couldn't get a connection after 5.00 sec"))


def test_errors_that_are_not_outages_stay_errors(postgres_url: str, tmp_path: Path) -> None:
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("SET statement_timeout = 1")
        cancelled = raised(lambda: conn.execute("SELECT pg_sleep(1)"))
    assert isinstance(cancelled, psycopg.OperationalError)  # 57014: the server answered
    missing = raised(lambda: sqlite3.connect(tmp_path / "x.sqlite").execute("SELECT * FROM nope"))
    assert isinstance(missing, sqlite3.OperationalError)
    assert not [e for e in (cancelled, missing, IntegrityError("taken")) if is_outage(e)]


def raised(action: Callable[[], object]) -> BaseException:
    try:
        action()
    except Exception as error:
        return error
    raise AssertionError("expected an error")


@pytest.fixture
def sqlite_world(sqlite_url: str, quick_waits: None) -> Iterator[World]:
    """The app on SQLite, waiting 1 s rather than 30 for a lock (only the wait is shorter)."""
    app = make_app(sqlite_url)
    yield build_world(app)
    app.extensions["learnloop"].close()


def test_a_post_while_another_process_holds_sqlites_write_lock_answers_503_and_lands_once_after(
    sqlite_world: World, sqlite_url: str
) -> None:
    before = sqlite_world.events()
    # Say a backup restore, or a `sqlite3` shell left inside a transaction.
    holder = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        assert_unavailable(sqlite_world.post_entry(KEY))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert sqlite_world.events() == before
    assert_recorded_once_however_often_sent(sqlite_world)


def test_readyz_is_503_while_the_read_model_lags_beyond_the_limit(sqlite_url: str) -> None:
    app = make_app(sqlite_url, READY_MAX_LAG=2)
    world = build_world(app)
    probe = app.test_client()
    assert probe.get("/readyz").status_code == 200
    for text in ("One", "Two", "Three"):  # recorded, but no one catches the read model up
        world.services.app.record_observation(world.cycle_id, text, "Bob")
    lagging = probe.get("/readyz")
    assert (lagging.status_code, lagging.text) == (
        503,
        "read model 3 events behind the log (limit 2)\n",
    )
    world.services.caught_up(world.events())
    assert probe.get("/readyz").status_code == 200
    app.extensions["learnloop"].close()


def test_the_probes_need_no_sign_in_and_set_no_cookie(app: Flask) -> None:
    probe = app.test_client()
    for path, body in (("/healthz", "ok\n"), ("/readyz", "ready\n")):
        answer = probe.get(path)
        assert (answer.status_code, answer.text, answer.mimetype) == (200, body, "text/plain")
        assert "Set-Cookie" not in answer.headers
        assert answer.headers["Cache-Control"] == "no-store"


def test_services_that_cannot_be_finished_close_what_they_opened(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A process starting during an outage builds its Application, then fails to make the
    # read side's tables; left to the garbage collector, PostgreSQL's pool was collected
    # on one of its own threads and logged "cannot join current thread" (R7 in CI).
    opened: list[Any] = []
    closed: list[Any] = []
    original = services_module.open_application

    def open_application(storage: Storage, engine: sa.Engine) -> Any:
        application = original(storage, engine)
        close = application.close

        def closing() -> None:
            closed.append(application)
            close()

        application.close = closing  # type: ignore[method-assign]  # this one: others die meanwhile
        opened.append(application)
        return application

    def setup(self: object) -> None:
        raise psycopg.OperationalError("connection failed: the database is cut")

    monkeypatch.setattr(services_module, "open_application", open_application)
    monkeypatch.setattr(services_module.Runner, "setup", setup)
    with pytest.raises(psycopg.OperationalError):
        make_app(sqlite_url, CATCH_UP_AT_START=False)
    assert len(opened) == 1
    assert closed == opened
