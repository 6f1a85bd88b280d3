"""`make load` (P4): signed-in users read and write at once against the real server.

80% page reads (group, cycle, revision history, timeline, dashboard, library), 20% writes
(entries, plan comments, now and then a revision), from 12 users in 3 groups, against
gunicorn with 1 and with 2 workers (4 threads each), on SQLite and on PostgreSQL. Prints
requests/s, latency percentiles, errors and the server's CPU time per request (the
gunicorn master's and workers' user+sys time over the run / requests; and each request's
own, split into reads and writes, from the CPU time its log line gives), then checks
every accepted write is stored once and shown on its page. A benchmark, not a test:

    python -m tests.server.load [--seconds 60] [--users 12] [--workers 1 2]
                                [--database sqlite postgres]
"""

import argparse
import html
import random
import re
import statistics
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tests.server.checks import Verdict, check_store
from tests.server.client import Member, Submission
from tests.server.databases import database
from tests.server.scenario import Writer, crashes
from tests.server.server import Server, cpu_seconds, tail
from tests.server.world import Team, prepare

TEAMS = 3
THREADS = 4
HISTORY = 40  # entries and plan comments each cycle starts with (and a revision per 10)
WRITE_SHARE = 0.2
WRITES = {"entry": 6, "comment": 3, "revision": 1}
READS = ("group", "cycle", "history", "timeline", "dashboard", "library")
MARK = re.compile(r"\[sub:[0-9a-f]{32}\]")
# A request's line in the server's log: its method and the CPU time its thread spent.
REQUEST_CPU = re.compile(r"web\.requests: (GET|POST) (\S+) \d{3} [\d.]+ms cpu=([\d.]+)ms ")
UUID_IN_PATH = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
MAX_PAGES = 1000  # a bound on walking a paged list back


@dataclass
class User:
    """A signed-in member of one team: mostly reading its pages, sometimes writing."""

    writer: Writer
    team: Team
    rng: random.Random

    def read(self) -> None:
        """Open one of the pages a member reads."""
        page = self.rng.choice(READS)
        group, cycle = self.team.group_id, self.team.cycle_id
        path = {
            "group": f"/groups/{group}",
            "cycle": f"/cycles/{cycle}",
            "history": f"/cycles/{cycle}/history",
            "timeline": f"/groups/{group}/timeline",
            "dashboard": "/dashboard",
            "library": "/library",
        }[page]
        self.writer.member.get(path)

    def run(self, deadline: float) -> None:
        """Read or write until the time is up."""
        try:
            while time.monotonic() < deadline:
                if self.rng.random() < WRITE_SHARE:
                    self.writer.write_one()
                else:
                    self.read()
        except Exception:
            self.writer.crashed.append(traceback.format_exc())


def percentile(values: Sequence[float], p: int) -> float:
    """The p-th percentile (0 if there are too few values)."""
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


@dataclass
class Result:
    """One configuration's figures."""

    database: str
    workers: int
    seconds: float
    gets: list[tuple[str, int | None, float]]
    posts: list[tuple[str, int | None, float]]
    cpu: float  # seconds: the gunicorn master's and workers'
    worker_cpu: float  # seconds: the projection worker's
    cpu_ms: dict[str, list[float]]  # each request's, by "METHOD path" with {id} for ids
    workers_restarted: bool
    sent: list[Submission]
    verdict: Verdict
    not_shown: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        """Requests answered or not."""
        return len(self.gets) + len(self.posts)

    @property
    def errors(self) -> int:
        """5xx answers and requests never answered."""
        return sum(1 for _, s, _ in self.gets + self.posts if s is None or s >= 500)

    def latency(self, which: list[tuple[str, int | None, float]]) -> str:
        """p50/p95/p99 in ms."""
        times = [t * 1000 for _, _, t in which]
        return "/".join(f"{percentile(times, p):.0f}" for p in (50, 95, 99))

    def report(self) -> str:
        """The configuration's lines."""
        refused = Counter(s for _, s, _ in self.posts if s is not None and 400 <= s < 500)
        accepted = [s for s in self.sent if s.accepted]
        lines = [
            f"== P4 load: {self.database}, gunicorn {self.workers} worker(s) x {THREADS} "
            f"threads, {self.seconds:.0f} s",
            f"requests {self.requests} ({len(self.gets)} reads, {len(self.posts)} writes): "
            f"{self.requests / self.seconds:.1f}/s",
            f"latency ms p50/p95/p99: all {self.latency(self.gets + self.posts)}, "
            f"reads {self.latency(self.gets)}, writes {self.latency(self.posts)}",
            f"errors {self.errors} (5xx or no answer); refused writes {dict(refused) or 0}",
            f"server CPU (user+sys): gunicorn master and workers {self.cpu:.1f} s, "
            f"{self.cpu_per_request:.1f} ms per request"
            + (" (a worker restarted: undercounted)" if self.workers_restarted else "")
            + f"; projection worker {self.worker_cpu:.1f} s",
            f"CPU per request from its log line: reads {self.cpu_line('GET')}, "
            f"writes {self.cpu_line('POST')}; by route:",
            *self.cpu_routes(),
            f"capacity at this mix: 1000 / {self.cpu_per_request:.1f} ms = "
            f"{1000 / max(self.cpu_per_request, 0.001):.0f} requests/s per core the web "
            "processes have to themselves",
            f"accepted writes {len(accepted)}: stored exactly once "
            f"{sum(t.accepted_stored_once for t in self.verdict.tallies.values())}, "
            f"not shown on their page {len(self.not_shown)}",
        ]
        if self.verdict.read_model is not None:
            same = "equal to" if not self.verdict.read_model.differences() else "DIFFERENT from"
            lines.append(f"read model {same} a rebuild")
        problems = self.verdict.problems + [f"not shown on its page: {m}" for m in self.not_shown]
        lines += [f"  PROBLEM {p}" for p in problems[:20]] or ["no problems"]
        return "\n".join(lines)

    @property
    def cpu_per_request(self) -> float:
        """The web processes' CPU milliseconds per request answered in the run."""
        return 1000 * self.cpu / max(self.requests, 1)

    def cpu_of(self, method: str) -> list[float]:
        """The CPU milliseconds of each of the run's requests of one method."""
        return [
            t for route, times in self.cpu_ms.items() if route.startswith(method) for t in times
        ]

    def cpu_median(self, method: str) -> float:
        """The median CPU milliseconds of the run's requests of one method (0: none)."""
        times = self.cpu_of(method)
        return statistics.median(times) if times else 0.0

    def cpu_line(self, method: str) -> str:
        """Median, mean and count of one method's requests' CPU milliseconds."""
        times = self.cpu_of(method)
        if not times:
            return "none logged"
        return (
            f"median {statistics.median(times):.1f} ms (mean {statistics.fmean(times):.1f}, "
            f"{len(times)} requests)"
        )

    def cpu_routes(self) -> list[str]:
        """Each route's median CPU milliseconds and share of all, the costliest first."""
        total = sum(sum(times) for times in self.cpu_ms.values()) or 1.0
        routes = sorted(self.cpu_ms.items(), key=lambda r: -sum(r[1]))
        return [
            f"  {route:<40} median {statistics.median(times):>6.1f} ms  x{len(times):<5} "
            f"{100 * sum(times) / total:>3.0f}% of the requests' CPU"
            for route, times in routes
        ]

    @property
    def ok(self) -> bool:
        """No errors, nothing lost or doubled, everything shown."""
        return self.verdict.ok and not self.not_shown and not self.errors

    def row(self) -> str:
        """One line of the summary table."""
        return (
            f"{self.database:<10} {self.workers:>7} {self.requests / self.seconds:>7.1f} "
            f"{self.latency(self.gets + self.posts):>14} {self.errors:>6} "
            f"{self.cpu_per_request:>10.1f} {self.cpu_median('GET'):>9.1f} "
            f"{self.cpu_median('POST'):>9.1f} {'ok' if self.ok else 'PROBLEMS'}"
        )


def walk(member: Member, path: str, older: str) -> set[str]:
    """The marks on a page and on every page its pager link (labelled `older`) leads to."""
    found: set[str] = set()
    link = re.compile(r'<a href="([^"]*)"[^>]*>\s*' + re.escape(older))
    seen: set[str] = set()
    for _ in range(MAX_PAGES):
        if path in seen:
            break
        seen.add(path)
        answer = member.get(path)
        found |= set(MARK.findall(answer.body))
        nxt = link.search(answer.body)
        if nxt is None:
            break
        path = html.unescape(nxt.group(1)).split("#", 1)[0]
    return found


def shown(member: Member, team: Team) -> dict[str, set[str]]:
    """The marks each kind of write shows on the page a member looks for it on."""
    # The plan shows only its newest comments; every comment is in the group's timeline.
    cycle, group = team.cycle_id, team.group_id
    return {
        "entry": walk(member, f"/cycles/{cycle}", "Earlier entries"),
        "comment": walk(member, f"/groups/{group}/timeline?kind=comments", "Older events"),
        "revision": walk(member, f"/cycles/{cycle}/history", "Later versions"),
    }


def run(kind: str, url: str, workers: int, seconds: float, count: int, logs: Path) -> Result:
    """One configuration: a fresh database, the server, the load, then the checks."""
    world = prepare(url, teams=TEAMS, members=count // TEAMS, history=HISTORY)
    with Server(url, logs, workers=workers, threads=THREADS, projection_worker=True) as server:
        users = []
        for n, (team, person) in enumerate((t, p) for t in world.teams for p in t.members):
            rng = random.Random(n)  # noqa: S311 - seeded for repeatable runs, not secrets
            member = Member(server.port, person)
            writer = Writer(member, team.cycle_id, rng, weights=WRITES, stale_wait=0)
            users.append(User(writer, team, rng))
        _all(users, lambda u: u.writer.member.sign_in())
        for user in users:  # count the load only, not signing in
            user.writer.member.pages.clear()
            user.writer.member.posts.clear()
        pids = [server.master_pid, *server.web_workers()]
        assert server.web is not None
        assert server.worker is not None
        worker, log = server.worker.pid, server.web.log
        cpu, worker_cpu, logged = cpu_seconds(pids), cpu_seconds([worker]), log.stat().st_size
        started = time.monotonic()
        deadline = started + seconds
        _all(users, lambda u: u.run(deadline))
        elapsed = time.monotonic() - started
        cpu = cpu_seconds(pids) - cpu
        worker_cpu = cpu_seconds([worker]) - worker_cpu
        cpu_ms = request_cpu(log, logged, log.stat().st_size)
        restarted = server.web_workers() != pids[1:]
        gets = [g for u in users for g in u.writer.member.pages]
        posts = [p for u in users for p in u.writer.member.posts]
        sent = [s for u in users for s in u.writer.member.sent]
        missing = []
        for team in world.teams:
            reader = Member(server.port, team.members[0])
            reader.sign_in()
            marks = shown(reader, team)
            missing += [
                f"{s.kind} {s.marker} by {s.member}"
                for s in sent
                if s.accepted
                and s.path.startswith(f"/cycles/{team.cycle_id}")
                and s.marker not in marks[s.kind]
            ]
    verdict = check_store(f"P4 {kind} {workers} worker(s)", url, sent, [s for _, s, _ in gets])
    verdict.problems += [f"a user crashed: {c}" for c in crashes([u.writer for u in users])]
    return Result(
        kind,
        workers,
        elapsed,
        gets,
        posts,
        cpu,
        worker_cpu,
        cpu_ms,
        restarted,
        sent,
        verdict,
        missing,
    )


def request_cpu(log: Path, start: int, end: int) -> dict[str, list[float]]:
    """The CPU milliseconds of each request the server logged between two offsets of its
    log, by route (GET: a read, POST: a write)."""
    with log.open("rb") as text:
        text.seek(start)
        lines = text.read(end - start).decode(errors="replace")
    found: dict[str, list[float]] = {}
    for method, path, cpu in REQUEST_CPU.findall(lines):
        route = f"{method} {UUID_IN_PATH.sub('{id}', path)}"
        found.setdefault(route, []).append(float(cpu))
    return found


def _all(users: Sequence[User], work: Callable[[User], None]) -> None:
    threads = [threading.Thread(target=work, args=(u,), daemon=True) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def main(argv: list[str] | None = None) -> int:
    """Run each configuration and print its figures and a summary; 1 if any had problems."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--users", type=int, default=12)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--database", nargs="+", choices=("sqlite", "postgres"), default=["sqlite", "postgres"]
    )
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory(prefix="learnloop-load-") as folder:
        for kind in args.database:
            for workers in args.workers:
                logs = Path(folder) / f"{kind}-{workers}"
                with database(kind, Path(folder)) as url:
                    result = run(kind, url, workers, args.seconds, args.users, logs)
                print(result.report(), flush=True)
                if not result.ok:
                    for path in sorted(logs.glob("*.log")):
                        print(f"--- end of {path.name} ---\n{tail(path, 20)}")
                print(flush=True)
                results.append(result)
    print(
        f"{'database':<10} {'workers':>7} {'req/s':>7} {'p50/p95/p99 ms':>14} "
        f"{'errors':>6} {'cpu ms/req':>10} {'read cpu':>9} {'write cpu':>9} verdict"
    )
    print("(cpu ms/req: the web processes' CPU time / requests; read and write cpu: the")
    print(" median of each request's own CPU time, from its log line)")
    for result in results:
        print(result.row())
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
