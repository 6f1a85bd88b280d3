"""Members writing to one cycle at once: additions, plan comments and revisions from
possibly stale versions; then every submission sent once more with the same key."""

import random
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from uuid import UUID

from tests.server.checks import Expect, Verdict, check_store
from tests.server.client import Form, Member, Submission, marker
from tests.server.fleet import Fleet
from tests.server.server import Server
from tests.server.store import Stored, marks_now
from tests.server.world import Person, prepare

WEIGHTS = {"entry": 5, "comment": 3, "revision": 2}  # of the writes R1 and R2 make
STALE_WAIT = 1.5  # a reviser may sit on the form this long: another revision lands first
ANSWER_DEADLINE = 60.0  # how long a member keeps replaying a submission whose answer was lost
TWINS = 0.25  # of the submissions made through several servers, those sent to two at once


@dataclass
class Writer:
    """A member at work on one cycle, and what went wrong in its own code (not the server's)."""

    member: Member
    cycle_id: UUID
    rng: random.Random
    retry_lost: bool = False
    again: tuple[int, ...] = ()  # statuses that mean "send it again", with retry_lost
    weights: dict[str, int] = field(default_factory=lambda: dict(WEIGHTS))
    stale_wait: float = STALE_WAIT
    elsewhere: int | None = None  # another server's port: replays go there, as a load
    # balancer may send a retry
    twins: float = 0.0  # the share of submissions also sent there at the same moment
    crashed: list[str] = field(default_factory=list)

    def write_one(self) -> Submission | None:
        """Read the page a form is on, fill it in and post it; None if the page failed."""
        kind = self.rng.choices(list(self.weights), weights=list(self.weights.values()))[0]
        cycle = f"/cycles/{self.cycle_id}"
        answer, forms = self.member.forms(cycle + ("/revise" if kind == "revision" else ""))
        if answer.status != 200:
            return None
        if kind == "entry":
            form = _form(forms, lambda f: f.action.endswith("/entries"))
            kinds = form.name_ending("kind")
            form.set(kinds, self.rng.choice(form.options[kinds]))
            text = form.name_ending("text")
        elif kind == "comment":
            form = _form(forms, lambda f: "/comments?on=plan" in f.action)
            text = form.name_ending("text")
        else:
            form = _form(forms, lambda f: f.action.endswith("/revisions"))
            cites = form.name_ending("cites")
            form.tick(cites, self.rng.choice(form.options[cites]))
            text = form.name_ending("change")
            if self.stale_wait and self.rng.random() < 0.5:
                time.sleep(self.rng.uniform(0, self.stale_wait))
        mark = marker()
        submission = self.member.prepare(
            kind, form, text, f"{kind} from {self.member.person.name} {mark}", mark
        )
        if self.retry_lost:
            deadline = time.monotonic() + ANSWER_DEADLINE
            self.member.send_until_answered(submission, deadline, self.again)
        elif self.elsewhere and self.rng.random() < self.twins:
            self._send_twice(submission)
        else:
            self.member.send(submission)
        return submission

    def _send_twice(self, submission: Submission) -> None:
        """Send it to this member's server and, at the same moment, to another one."""
        twin = threading.Thread(
            target=self.member.replay, args=(submission, self.elsewhere), daemon=True
        )
        twin.start()
        self.member.send(submission)
        twin.join()

    def sign_in(self) -> None:
        """Sign in (before the clock starts)."""
        try:
            self.member.sign_in()
        except Exception:
            self.crashed.append(traceback.format_exc())

    def run(self, seconds: float) -> None:
        """Write until the time is up (signing in first if not yet signed in)."""
        try:
            if not self.member.signed_in:
                self.member.sign_in()
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                self.write_one()
        except Exception:
            self.crashed.append(traceback.format_exc())

    def replay_all(self) -> None:
        """Send every submission once more, same key: a retry, a double click, two tabs."""
        try:
            for submission in list(self.member.sent):
                self.member.replay(submission, self.elsewhere)
        except Exception:
            self.crashed.append(traceback.format_exc())


W = TypeVar("W", bound="Writer")


def _form(forms: Sequence[Form], wanted: Callable[[Form], bool]) -> Form:
    found = [f for f in forms if wanted(f)]
    assert found, f"no such form among {[f.action for f in forms]}"
    return found[0]


def writers(
    ports: Sequence[int],
    people: Sequence[Person],
    cycle_id: UUID,
    seed: int,
    retry_lost: bool = False,
) -> list[Writer]:
    """One writer per person, each with its own client and random choices, spread over the
    servers on `ports` in turn; with more than one, each replays to the next server."""
    # Seeded, so a run's choices can be replayed; nothing here is a secret.
    rngs = [random.Random(seed * 1000 + n) for n in range(len(people))]  # noqa: S311
    team = []
    for n, (person, rng) in enumerate(zip(people, rngs, strict=True)):
        port, next_port = ports[n % len(ports)], ports[(n + 1) % len(ports)]
        elsewhere = next_port if next_port != port else None
        team.append(Writer(Member(port, person), cycle_id, rng, retry_lost, elsewhere=elsewhere))
    return team


def together(team: Sequence[W], work: Callable[[W], None]) -> None:
    """Run every writer's work at once, in threads, and wait for them all."""
    threads = [threading.Thread(target=work, args=(w,), daemon=True) for w in team]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def submissions(team: Sequence[Writer]) -> list[Submission]:
    """Everything the writers sent."""
    return [s for w in team for s in w.member.sent]


def pages(team: Sequence[Writer]) -> list[int | None]:
    """The status of every page the writers read (None: lost)."""
    return [status for w in team for _, status, _ in w.member.pages]


def crashes(team: Sequence[Writer]) -> list[str]:
    """Tracebacks of the writers' own failures (a form missing from a page, say)."""
    return [c for w in team for c in w.crashed]


def concurrency(
    database_url: str, logs: Path, seconds: float, count: int = 8, seed: int = 1
) -> Verdict:
    """R1: `count` members write to one cycle for `seconds`, then replay everything once."""
    clock = Stopwatch()
    world = prepare(database_url, members=count)
    team = world.teams[0]
    clock.lap("prepare")
    with Server(database_url, logs, projection_worker=True) as server:
        clock.lap("start")
        group = writers([server.port], team.members, team.cycle_id, seed)
        before_replays = write_then_replay(group, lambda w: w.run(seconds), database_url, clock)
    return judge_replayed(
        f"R1 concurrency: {count} writers x {seconds:.0f} s on {_name(database_url)}, "
        "then every submission replayed once",
        database_url,
        group,
        before_replays,
        clock,
    )


def write_then_replay(
    group: Sequence[W], work: Callable[[W], None], database_url: str, clock: "Stopwatch"
) -> Stored:
    """Sign in, each writer does its work, then sends every submission once more; what was
    stored before the replays."""
    together(group, Writer.sign_in)
    clock.lap("sign in")
    together(group, work)
    clock.lap("write")
    before_replays = marks_now(database_url)
    together(group, lambda w: w.replay_all())
    clock.lap("replay")
    return before_replays


def judge_replayed(
    title: str,
    database_url: str,
    group: Sequence[Writer],
    before_replays: Stored,
    clock: "Stopwatch",
) -> Verdict:
    """The verdict on a run whose writers replayed everything, once the servers stopped."""
    clock.lap("stop")
    verdict = check_store(
        title,
        database_url,
        submissions(group),
        pages(group),
        Expect(replays=True),
        before_replays,
    )
    clock.lap("check")
    verdict.timing = str(clock)
    verdict.problems += [f"a writer crashed: {c}" for c in crashes(group)]
    return verdict


def past_one_machine(
    database_url: str,
    logs: Path,
    seconds: float,
    count: int = 8,
    seed: int = 3,
    twins: float = TWINS,
) -> Verdict:
    """Four web servers and two projection workers start at once on an empty database;
    members write to one cycle through all four for `seconds` (a share of submissions
    sent to two servers at the same moment), then send everything again to another one."""
    clock = Stopwatch()
    with Fleet(database_url, logs) as fleet:
        not_up = fleet.came_up()
        clock.lap("start")
        world = prepare(database_url, members=count)
        team = world.teams[0]
        clock.lap("prepare")
        group = writers(fleet.ports, team.members, team.cycle_id, seed)
        for writer in group:
            writer.twins = twins
        before_replays = write_then_replay(group, lambda w: w.run(seconds), database_url, clock)
    verdict = judge_replayed(
        f"Past one machine: {fleet.webs} web servers and {fleet.workers} projection workers "
        f"on one {_name(database_url)} database, {count} writers x {seconds:.0f} s through "
        "all of them, then every submission replayed to another server",
        database_url,
        group,
        before_replays,
        clock,
    )
    sent = submissions(group)
    twinned = sum(1 for s in sent if len(s.replays) > 1)  # its twin, and the replay
    per_server = [
        sum(len(w.member.sent) for w in group[n :: fleet.webs]) for n in range(fleet.webs)
    ]
    verdict.notes.append(
        f"sent to two servers at once: {twinned} of {len(sent)}; sent to each server first: "
        f"{per_server}"
    )
    if twins and not twinned:
        verdict.problems.append("no submission was sent to two servers at once")
    verdict.problems += [f"did not come up: {m}" for m in not_up]
    return verdict


def crashing(
    database_url: str,
    logs: Path,
    seconds: float,
    kills: int = 5,
    count: int = 8,
    seed: int = 2,
) -> Verdict:
    """R2: members write while the projection worker and a web worker are killed -9 in turn."""
    # `kills` times each; a member whose answer was lost sends the same submission again.
    clock = Stopwatch()
    world = prepare(database_url, members=count)
    team = world.teams[0]
    killed: list[str] = []
    clock.lap("prepare")
    with Server(database_url, logs, projection_worker=True) as server:
        clock.lap("start")
        group = writers([server.port], team.members, team.cycle_id, seed, retry_lost=True)
        together(group, Writer.sign_in)
        clock.lap("sign in")
        chaos = threading.Thread(
            target=_kill_in_turn, args=(server, group, seconds, kills, killed), daemon=True
        )
        chaos.start()
        together(group, lambda w: w.run(seconds))
        chaos.join()
        clock.lap("write")
    clock.lap("stop")
    verdict = check_store(
        f"R2 crashes: {count} writers x {seconds:.0f} s on {_name(database_url)}, "
        f"kill -9 of {killed.count('worker')} projection worker(s) and "
        f"{killed.count('web')} web worker(s)",
        database_url,
        submissions(group),
        pages(group),
        Expect(pages_lost=True),
    )
    clock.lap("check")
    verdict.timing = str(clock)
    verdict.problems += [f"a writer crashed: {c}" for c in crashes(group)]
    if killed.count("web") < kills or killed.count("worker") < kills:
        verdict.problems.append(f"fewer kills than planned: {killed}")
    return verdict


def _kill_in_turn(
    server: Server, group: Sequence[Writer], seconds: float, kills: int, killed: list[str]
) -> None:
    """Every so often kill -9 the projection worker or a web worker (mid-post), in turn."""
    # A web worker dies while a post is in flight, so some die between commit and answer.
    pause = seconds / (2 * kills + 1)
    rng = random.Random(seconds)  # noqa: S311 - not for secrets
    try:
        for n in range(2 * kills):
            time.sleep(pause)
            if n % 2:
                server.wait_workers()  # the master restarts the last one killed
                posting = time.monotonic() + pause
                while not any(w.member.posting for w in group) and time.monotonic() < posting:
                    time.sleep(0.005)
                # Somewhere within a post's usual time: before or after it commits.
                took = sorted(t for w in group for _, _, t in w.member.posts) or [0.1]
                time.sleep(rng.uniform(0, took[len(took) // 2]))
                server.kill_web_worker()
                killed.append("web")
            else:
                server.kill_worker()
                killed.append("worker")
    except Exception:
        killed.append(traceback.format_exc())


class Stopwatch:
    """How long each phase of a run took, for the report."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.monotonic()

    def lap(self, name: str) -> None:
        """End a phase."""
        now = time.monotonic()
        self.laps[name] = now - self._last
        self._last = now

    def __str__(self) -> str:
        return ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.laps.items())


def _name(database_url: str) -> str:
    return "SQLite" if database_url.startswith("sqlite") else "PostgreSQL"
