"""The real server as subprocesses: gunicorn on a free port, the projection worker beside it."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from tests.server.world import SECRET_KEY

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT = 60.0  # two workers each build the app; the machine may be busy
STOP_TIMEOUT = 10.0


class PortTakenError(RuntimeError):
    """The server could not listen: something else took its port first."""


def free_port() -> int:
    """A TCP port on loopback nobody is listening on (the kernel's choice)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def server_command(port: int, workers: int, threads: int) -> list[str]:
    """`learnloop serve`: gunicorn with the workers and threads asked for."""
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


def environment(database_url: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The server's environment: the database, a fixed secret key, INFO logs."""
    env = dict(os.environ)
    env.update(
        LEARNLOOP_DATABASE_URL=database_url,
        LEARNLOOP_SECRET_KEY=SECRET_KEY,
        LEARNLOOP_LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
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
        self._close()

    def terminate(self) -> None:
        """SIGTERM it (and its process group) and return at once; `stop` waits."""
        if self.popen is not None and self.popen.poll() is None:
            _signal_group(self.pid, signal.SIGTERM)

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
        self._close()

    def _close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def _signal_group(pgid: int, signum: int) -> None:
    with suppress(ProcessLookupError):
        os.killpg(pgid, signum)


@dataclass
class Server:
    """`learnloop serve` (gunicorn) on a free port, and optionally `learnloop worker`."""

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
        """Start the web server (and worker), and wait until it answers.

        A port of its own choosing that another process (say another xdist worker's
        server) took between choosing and binding is given up for another, twice at most.
        """
        chosen = not self.port
        for attempt in range(3):
            try:
                self.launch()
                return self.finish_starting()
            except PortTakenError:
                if not chosen or attempt == 2:
                    raise
                self.port = 0
        raise AssertionError("unreachable")

    def launch(self) -> None:
        """Start gunicorn on its port and return at once (`finish_starting` waits for it)."""
        self.logs.mkdir(parents=True, exist_ok=True)
        self.port = self.port or free_port()
        self.web = Process(
            "web",
            server_command(self.port, self.workers, self.threads),
            self._environment(),
            self.logs / f"web-{self.port}.log",
        )
        self.web.start()

    def finish_starting(self) -> "Server":
        """Wait until the launched server answers, then start its projection worker."""
        try:
            self.wait_ready()
            self.master_pid = self._find_master()
            if self.projection_worker:
                self.worker = projection_worker(
                    self._environment(), self.logs / f"worker-{self.port}.log"
                )
                self.worker.start()
        except BaseException:
            self.stop()
            raise
        return self

    def _environment(self) -> dict[str, str]:
        # As `learnloop serve --threads` tells the app: its pools are sized for them.
        return environment(self.database_url, {"LEARNLOOP_THREADS": str(self.threads), **self.env})

    def wait_ready(self, timeout: float = READY_TIMEOUT) -> None:
        """Poll /healthz (or /signin, before it exists) until it answers 200."""
        assert self.web is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.web.running():
                log = tail(self.web.log)
                taken = "Connection in use" in log  # gunicorn, after five tries
                error = PortTakenError if taken else RuntimeError
                raise error(f"The server exited at start:\n{log}")
            if self._answers("/healthz") or self._answers("/signin"):
                return
            time.sleep(0.1)
        raise RuntimeError(f"The server did not answer in {timeout:.0f} s:\n{tail(self.web.log)}")

    def _answers(self, path: str) -> bool:
        return status(self.port, path) == 200

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


def status(port: int, path: str) -> int | None:
    """The status a GET of `path` on 127.0.0.1:`port` answers (None: no answer)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    except OSError:
        return None
    finally:
        connection.close()


def projection_worker(env: dict[str, str], log: Path) -> Process:
    """`learnloop worker`, polling twice a second (not yet started)."""
    return Process("worker", [str(BIN / "learnloop"), "worker", "--interval", "0.5"], env, log)


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
