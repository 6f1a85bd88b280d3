"""Past one machine: several `learnloop serve` servers and `learnloop worker`s on one
database, all started at the same moment, as a deployment behind a load balancer runs."""

import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.server.server import (
    READY_TIMEOUT,
    PortTakenError,
    Process,
    Server,
    environment,
    projection_worker,
    status,
    tail,
)

# What `learnloop worker` says once it has built the app (made or found the tables).
WORKER_UP = "Worker keeping"


@dataclass
class Fleet:
    """`webs` web servers, each gunicorn with one worker process on its own port, and
    `workers` projection workers, sharing one database."""

    database_url: str
    logs: Path
    webs: int = 4
    workers: int = 2
    threads: int = 2
    servers: list[Server] = field(default_factory=list)
    projection_workers: list[Process] = field(default_factory=list)

    @property
    def ports(self) -> list[int]:
        """Where each web server listens."""
        return [s.port for s in self.servers]

    def start(self) -> "Fleet":
        """Start every process before waiting for any, so they set the database up together."""
        env = environment(self.database_url, {"LEARNLOOP_THREADS": str(self.threads)})
        self.servers = [
            Server(self.database_url, self.logs, workers=1, threads=self.threads)
            for _ in range(self.webs)
        ]
        self.projection_workers = [
            projection_worker(env, self.logs / f"worker-{n}.log") for n in range(self.workers)
        ]
        try:
            for server in self.servers:
                server.launch()
            for worker in self.projection_workers:
                worker.start()
            for server in self.servers:
                try:
                    server.finish_starting()
                except PortTakenError:  # another test's server took the port: again, alone
                    server.port = 0
                    server.start()
        except BaseException:
            self.stop()
            raise
        return self

    def came_up(self, timeout: float = READY_TIMEOUT) -> list[str]:
        """What did not come up: each web server must answer /readyz (its database
        reachable, its read model set up and caught up) and each worker must run and
        have built its app. Empty when all did."""
        deadline = time.monotonic() + timeout
        missing = self._missing()
        while missing and time.monotonic() < deadline:
            time.sleep(0.2)
            missing = self._missing()
        return missing

    def _missing(self) -> list[str]:
        missing = [
            f"web server on port {s.port}: /readyz answers {status(s.port, '/readyz')}"
            for s in self.servers
            if status(s.port, "/readyz") != 200
        ]
        for worker in self.projection_workers:
            if not worker.running():
                missing.append(f"{worker.log.name} exited: {tail(worker.log, 5)}")
            elif WORKER_UP not in tail(worker.log, 1000):
                missing.append(f"{worker.log.name} has not said it is keeping up")
        return missing

    def stop(self) -> None:
        """Stop every process: SIGTERM to all at once (each takes a moment to finish),
        then SIGKILL to any still running; always reaped."""
        processes = [*self.projection_workers, *(s.web for s in self.servers if s.web)]
        for process in processes:
            process.terminate()
        for process in processes:
            process.stop()

    def __enter__(self) -> "Fleet":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
