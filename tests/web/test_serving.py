"""Serving: `learnloop serve` under gunicorn, processes starting together, honest status."""

import multiprocessing
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from multiprocessing.synchronize import Barrier
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask

from tests.conftest import make_app
from tests.web.conftest import services_of
from web import serving
from web.cli import main

STARTING = 4


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[serving.Server]:
    """The gunicorn servers `learnloop serve` would have run, not run."""
    ran: list[serving.Server] = []
    monkeypatch.setattr(serving.Server, "run", lambda self: ran.append(self))
    return ran


def test_serve_runs_threaded_gunicorn_workers_that_each_build_the_app(
    served: list[serving.Server],
) -> None:
    result = CliRunner().invoke(
        main, ["serve", "--port", "5999", "--workers", "3", "--threads", "2"]
    )
    assert result.exit_code == 0, result.output
    [server] = served
    cfg = server.cfg
    assert (cfg.bind, cfg.workers, cfg.threads) == (["127.0.0.1:5999"], 3, 2)
    assert (cfg.worker_class_str, cfg.preload_app, cfg.accesslog) == ("gthread", False, None)
    assert server.app_config == {"THREADS": 2}


def test_serve_takes_workers_and_threads_from_the_environment(
    served: list[serving.Server], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEARNLOOP_WORKERS", "1")
    monkeypatch.setenv("LEARNLOOP_THREADS", "8")
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 0, result.output
    [server] = served
    assert (server.cfg.workers, server.cfg.threads) == (1, 8)


def test_gunicorn_trusts_no_forwarded_header_of_its_own(served: list[serving.Server]) -> None:
    CliRunner().invoke(main, ["serve"])
    [server] = served
    assert (server.cfg.forwarded_allow_ips, server.cfg.secure_scheme_headers) == ([], {})


def test_a_worker_builds_the_app_with_its_pools_sized_to_its_threads(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEARNLOOP_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("LEARNLOOP_SECRET_KEY", "test")
    server = serving.Server(serving.options("127.0.0.1", 5999, 1, 6), {"THREADS": 6})
    app = server.load()
    assert isinstance(app, Flask)
    engine = services_of(app).engine
    try:
        assert (app.config["THREADS"], engine.pool.size()) == (6, 6)  # type: ignore[attr-defined]
    finally:
        services_of(app).close()


def test_the_event_stores_sqlite_pool_waits_as_long_as_its_write_lock(app: Flask) -> None:
    # Its default of 5 s made reads fail while a writer of another process held the lock.
    pool = services_of(app).app.factory.datastore.pool  # type: ignore[attr-defined]
    assert pool.pool_timeout == 30


def build_app_at_once(url: str, barrier: Barrier) -> None:
    """What each gunicorn worker does after the fork: build the app (and its database)."""
    barrier.wait(timeout=60)
    services_of(make_app(url)).close()


def test_workers_starting_together_on_a_fresh_database_all_start(database_url: str) -> None:
    spawn = multiprocessing.get_context("spawn")
    barrier = spawn.Barrier(STARTING)
    workers = [
        spawn.Process(target=build_app_at_once, args=(database_url, barrier))
        for _ in range(STARTING)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [w.exitcode for w in workers] == [0] * STARTING


def test_projections_status_reports_the_lag_without_catching_up(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEARNLOOP_DATABASE_URL", sqlite_url)
    app = make_app(sqlite_url)  # builds the read model, caught up
    s = services_of(app)
    s.app.form_group("Ward 7", "Fewer falls", "Ann")
    s.app.form_group("Ward 8", "Fewer falls", "Ann")
    result = CliRunner().invoke(main, ["projections", "status"])
    s.close()
    assert result.exit_code == 0, result.output
    lags = dict(re.findall(r"^(\w+) .*\(lag (\d+)\)$", result.output, re.MULTILINE))
    assert lags["group_directory"] == "2"
    assert set(lags) == {p.name for p in s.runner.projections}


def free_port() -> int:
    """A TCP port on loopback that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def answered(url: str, within: float) -> int:
    """The status of GET url, retrying until the server listens (for at most `within` s)."""
    deadline = time.monotonic() + within
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310
                status: int = answer.status
                return status
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def wait_for(log: Path, pattern: str, count: int, within: float) -> None:
    """Wait until the log holds `count` lines matching, or the time is up."""
    deadline = time.monotonic() + within
    while len(re.findall(pattern, log.read_text())) < count and time.monotonic() < deadline:
        time.sleep(0.2)


def test_learnloop_serve_answers_with_two_workers_on_a_fresh_database(
    database_url: str, tmp_path: Path
) -> None:
    port = free_port()
    env = {**os.environ, "LEARNLOOP_DATABASE_URL": database_url, "LEARNLOOP_SECRET_KEY": "t"}
    learnloop = Path(sys.executable).with_name("learnloop")
    command = [str(learnloop), "serve", "--port", str(port), "--workers", "2", "--threads", "4"]
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            status = answered(f"http://127.0.0.1:{port}/signin", within=60)
            wait_for(log, r"Worker \d+ ready", 2, within=60)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
    text = log.read_text()
    assert (status, server.returncode) == (200, 0), text
    assert len(re.findall(r"Worker \d+ ready", text)) == 2, text
    assert "Traceback" not in text, text
    assert re.search(
        r"\[INFO\] web\.requests: GET /signin 200 [\d.]+ms cpu=[\d.]+ms id=\w+", text
    ), text
