"""The real server as subprocesses: gunicorn on a free port, the projection worker beside it."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import IO, Any
from uuid import UUID

import psycopg

from domain.application import Learnloop
from tests.builders import plan
from tests.conftest import PASSWORD, join, register
from web import create_app
from web.services import Services

SECRET_KEY = "server-test-secret-" + "0" * 32
BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT = 60.0  # two workers each build the app; the machine may be busy
STOP_TIMEOUT = 10.0


@dataclass(frozen=True)
class Person:
    """Someone who signs in: their email and name (every password is PASSWORD)."""

    email: str
    name: str
    password: str = PASSWORD


@dataclass(frozen=True)
class Team:
    """A group with one open cycle in its act phase, and the people who record in it."""

    group_id: UUID
    cycle_id: UUID
    members: tuple[Person, ...]


@dataclass(frozen=True)
class World:
    """What was made on the database before the server started."""

    database_url: str
    teams: tuple[Team, ...]

    @property
    def people(self) -> list[Person]:
        """Every member of every team."""
        return [p for t in self.teams for p in t.members]


def prepare(
    database_url: str, teams: int = 1, members: int = 8, history: int = 0, prefix: str = "m"
) -> World:
    """Make accounts, groups and an open cycle each, through the Application, on the database.

    Each cycle starts with one observation (so it is acting and a revision can cite it)
    and `history` more entries, comments and revisions, so pages have something to show.
    """
    flask_app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": SECRET_KEY})
    services: Services = flask_app.extensions["learnloop"]
    app = services.app
    try:
        ann = register(app, f"{prefix}ann Facilitator", admin=True)
        made = []
        for t in range(teams):
            group = app.form_group(f"Ward {t + 1}", "80% of discharges before noon", str(ann))
            cycle = app.open_cycle(
                group.id,
                plan("Criteria-led discharge", "Bay B", [("Home by 11?", "One of two")]),
                str(ann),
            )
            people = []
            for n in range(members):
                person = Person(f"{prefix}{t}x{n}@example.org", f"{prefix}{t}x{n} Member")
                join(app, group.id, register(app, person.name), "member", ann)
                people.append(person)
            last = app.record_observation(cycle.id, "Two rounds missed", str(ann))
            _history(app, cycle.id, history, str(ann))
            made.append(Team(group.id, cycle.id, tuple(people)))
            services.caught_up(last.notification_id)
        services.runner.catch_up()
    finally:
        services.close()
    return World(database_url, tuple(made))


def _history(app: Learnloop, cycle_id: UUID, count: int, actor: str) -> None:
    """Entries, plan comments and now and then a revision, as a cycle collects them."""
    for n in range(count):
        app.record_observation(cycle_id, f"Seen on round {n}: a bed was late", actor)
        app.comment(cycle_id, "plan", f"Comment {n} on the plan", actor)
        if n % 10 == 9:
            cycle: Any = app.repository.get(cycle_id)
            app.revise_plan(
                cycle_id,
                cycle.plan_version,
                plan(f"Criteria-led discharge, round {n}", f"Bay B, change {n}"),
                f"Change after round {n}",
                [cycle.entries[-1].id],
                actor,
            )


def free_port() -> int:
    """A TCP port on loopback nobody is listening on (the kernel's choice)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@cache
def serve_runs_gunicorn() -> bool:
    """Whether `learnloop serve` takes --workers and --threads (it runs gunicorn then)."""
    try:
        result = subprocess.run(
            [str(BIN / "learnloop"), "serve", "--help"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "--workers" in result.stdout and "--threads" in result.stdout


def server_command(port: int, workers: int, threads: int) -> list[str]:
    """The command that serves the app: `learnloop serve` once it runs gunicorn, else gunicorn."""
    if serve_runs_gunicorn():
        return [
            str(BIN / "learnloop"),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--threads",
            str(threads),
        ]
    if not (BIN / "gunicorn").exists():
        raise RuntimeError(
            f"No gunicorn in {BIN}, and `learnloop serve` does not run it yet: "
            f"{BIN / 'pip'} install gunicorn"
        )
    return [
        str(BIN / "gunicorn"),
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        "--bind",
        f"127.0.0.1:{port}",
        "--no-control-socket",  # its default path is one per machine: servers would share it
        "web:create_app()",
    ]


def environment(database_url: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The server's environment: the database, a fixed secret key, INFO logs."""
    env = dict(os.environ)
    env.update(
        LEARNLOOP_DATABASE_URL=database_url,
        LEARNLOOP_SECRET_KEY=SECRET_KEY,
        LEARNLOOP_LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
        # Read by gunicorn's command line, if `learnloop serve` passes through it.
        GUNICORN_CMD_ARGS="--no-control-socket",
    )
    env.update(extra or {})
    return env


def tail(path: Path, lines: int = 40) -> str:
    """The last lines of a log file."""
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return f"({path} not written)"
    return "\n".join(text.splitlines()[-lines:])


@dataclass
class Process:
    """A subprocess in a session of its own, its output in a log file."""

    name: str
    command: list[str]
    env: dict[str, str]
    log: Path
    popen: "subprocess.Popen[bytes] | None" = None
    _file: IO[bytes] | None = None

    def start(self) -> None:
        """Start it; its stdout and stderr go to the log, appended across restarts."""
        self._file = self.log.open("ab")
        self.popen = subprocess.Popen(
            self.command,
            env=self.env,
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=self._file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopping it stops its children
        )

    @property
    def pid(self) -> int:
        """The process id of what was started."""
        assert self.popen is not None, f"{self.name} was not started"
        return self.popen.pid

    def running(self) -> bool:
        """Whether it is still running."""
        return self.popen is not None and self.popen.poll() is None

    def kill(self) -> None:
        """kill -9 it (and its process group) and reap it."""
        if self.popen is None:
            return
        _signal_group(self.pid, signal.SIGKILL)
        self.popen.wait()

    def stop(self) -> None:
        """SIGTERM, then SIGKILL if it has not stopped in time; always reaped."""
        if self.popen is None:
            return
        if self.popen.poll() is None:
            _signal_group(self.pid, signal.SIGTERM)
            with suppress(subprocess.TimeoutExpired):
                self.popen.wait(STOP_TIMEOUT)
        # The group too: a worker the master left behind must not outlive the test.
        _signal_group(self.pid, signal.SIGKILL)
        self.popen.wait()
        if self._file is not None:
            self._file.close()
            self._file = None


def _signal_group(pgid: int, signum: int) -> None:
    with suppress(ProcessLookupError):
        os.killpg(pgid, signum)


@dataclass
class Server:
    """gunicorn (through `learnloop serve` once it can) and optionally `learnloop worker`."""

    database_url: str
    logs: Path
    workers: int = 2
    threads: int = 4
    projection_worker: bool = False
    env: dict[str, str] = field(default_factory=dict)
    port: int = 0
    web: Process | None = None
    worker: Process | None = None
    master_pid: int = 0

    @property
    def host(self) -> str:
        """Where it listens."""
        return f"127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        """The base URL."""
        return f"http://{self.host}"

    def start(self) -> "Server":
        """Start the web server (and worker), and wait until it answers."""
        self.logs.mkdir(parents=True, exist_ok=True)
        self.port = self.port or free_port()
        # As `learnloop serve --threads` tells the app: its pools are sized for them.
        env = environment(self.database_url, {"LEARNLOOP_THREADS": str(self.threads), **self.env})
        self.web = Process(
            "web",
            server_command(self.port, self.workers, self.threads),
            env,
            self.logs / f"web-{self.port}.log",
        )
        self.web.start()
        try:
            self.wait_ready()
            self.master_pid = self._find_master()
            if self.projection_worker:
                self.worker = Process(
                    "worker",
                    [str(BIN / "learnloop"), "worker", "--interval", "0.5"],
                    env,
                    self.logs / f"worker-{self.port}.log",
                )
                self.worker.start()
        except BaseException:
            self.stop()
            raise
        return self

    def wait_ready(self, timeout: float = READY_TIMEOUT) -> None:
        """Poll /healthz (or /signin, before it exists) until it answers 200."""
        assert self.web is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.web.running():
                raise RuntimeError(f"The server exited at start:\n{tail(self.web.log)}")
            if self._answers("/healthz") or self._answers("/signin"):
                return
            time.sleep(0.1)
        raise RuntimeError(f"The server did not answer in {timeout:.0f} s:\n{tail(self.web.log)}")

    def _answers(self, path: str) -> bool:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            connection.request("GET", path)
            return connection.getresponse().status == 200
        except OSError:
            return False
        finally:
            connection.close()

    def _find_master(self) -> int:
        """The gunicorn master: the started process, or the one it runs gunicorn in."""
        assert self.web is not None
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            pid = self.web.pid
            kids = children(pid)
            # A wrapper (say `learnloop serve` running gunicorn as a child) has one child
            # that has children of its own: the master is below it.
            while len(kids) == 1 and children(kids[0]):
                pid, kids = kids[0], children(kids[0])
            if len(kids) == self.workers:
                return pid
            time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not start {self.workers} workers")

    def web_workers(self) -> list[int]:
        """The gunicorn master's worker processes now."""
        return children(self.master_pid)

    def wait_workers(self, timeout: float = READY_TIMEOUT) -> None:
        """Wait until the master runs all its workers again (after one was killed)."""
        deadline = time.monotonic() + timeout
        while len(self.web_workers()) < self.workers and time.monotonic() < deadline:
            time.sleep(0.05)

    def kill_web_worker(self) -> int:
        """kill -9 one gunicorn worker (the master starts another); its pid."""
        pids = self.web_workers()
        assert pids, "gunicorn has no worker to kill"
        os.kill(pids[0], signal.SIGKILL)
        return pids[0]

    def kill_worker(self) -> None:
        """kill -9 the projection worker and start it again."""
        assert self.worker is not None, "no projection worker was started"
        self.worker.kill()
        self.worker.start()

    def stop(self) -> None:
        """Stop the worker and the server: SIGTERM then SIGKILL, always."""
        for process in (self.worker, self.web):
            if process is not None:
                process.stop()

    def log_tails(self, lines: int = 40) -> str:
        """The end of each process's log, to print when a test fails."""
        parts = []
        for process in (self.web, self.worker):
            if process is not None:
                parts.append(f"--- {process.log} ---\n{tail(process.log, lines)}")
        return "\n".join(parts)

    def __enter__(self) -> "Server":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def children(pid: int) -> list[int]:
    """The ids of a process's children, read from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # it ended while we looked
        # The command name is in parentheses and may hold spaces: the fields follow the last ")".
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


def cpu_seconds(pids: Sequence[int]) -> float:
    """User plus system CPU time the processes have used, from /proc/<pid>/stat."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / ticks


ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


@contextmanager
def database(kind: str, folder: Path) -> Iterator[str]:
    """A fresh database for a script: a SQLite file in `folder`, or a PostgreSQL database."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / f'learnloop-{uuid.uuid4().hex[:8]}.sqlite'}"
    else:
        with postgres_database() as url:
            yield url


@contextmanager
def postgres_database(admin_url: str | None = None) -> Iterator[str]:
    """A PostgreSQL database of its own for a script, dropped afterwards."""
    admin = admin_url or os.environ.get("LEARNLOOP_TEST_DATABASE_URL") or ADMIN_URL
    name = f"learnloop_server_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{admin.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
