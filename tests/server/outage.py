"""R7: members write to one cycle while PostgreSQL is cut away behind a proxy, then restored:
the app's 503 page meanwhile, recovery by itself, nothing lost or doubled."""

import http.client
import random
import threading
import time
import traceback
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tests.faults.proxy import Proxy
from tests.server.checks import Expect, Verdict, check_store
from tests.server.client import Answer, Member, Submission, Upload
from tests.server.scenario import Stopwatch, Writer, crashes, pages, submissions, together
from tests.server.server import Server
from tests.server.store import Stored, marks_now
from tests.server.world import Person, prepare

WEIGHTS = {"entry": 3, "comment": 2}  # additions only: each must land, outage or not
# The app's 503 page (web/templates/errors/unavailable.html) and what it must never be.
WORDS = (
    "Learnloop can't reach its database just now. Nothing you sent was lost",
    "it will not be recorded twice",
)
NOT_OURS = ("Internal Server Error", "Traceback")
RETRY_AFTER = "5"
# web/starting.py's lines: a worker booted during the cut, and built once the database is back.
STAND_IN = "Database unreachable at start"
BUILT = "Database reachable again: the app is built"
PAUSE = 0.5  # a member whose page did not load waits this long before loading it again
PROBE_EVERY = 0.2  # a load balancer's probes, much more often than a real one's
KILL_INTO_CUT = 1.0  # a web worker is killed this far into the cut: its successor boots in it
BOOT_BOUND = 15.0  # the cut lasts until that successor is up (at most this long)
READY_BOUND = 30.0  # how long after the restore /readyz may take to answer 200 again
TIMEOUT = 30.0
SHOWN = 3


class Witness(Member):
    """A member's client that keeps each 5xx answer it gets, to read the page it was."""

    def __init__(self, port: int, person: Person) -> None:
        super().__init__(port, person)
        self.failures: list[tuple[str, str, Answer]] = []  # method, path, answer

    def request(
        self,
        method: str,
        path: str,
        fields: list[tuple[str, str]] | None = None,
        port: int | None = None,
        files: list[Upload] | None = None,
        timeout: float | None = None,
    ) -> Answer:
        """One request, as a member's; a 5xx answer is kept."""
        answer = super().request(method, path, fields, port, files, timeout)
        if answer.status is not None and answer.status >= 500:
            self.failures.append((method, path, answer))
        return answer


@dataclass(frozen=True)
class Probe:
    """One answer to a load balancer's probe (status None: none came)."""

    path: str
    status: int | None
    text: str
    retry_after: str
    started: float  # epoch seconds, as a submission's sends are
    ended: float


def probe(port: int, path: str) -> Probe:
    """GET a probe on a fresh connection, no cookie."""
    started = time.time()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        text = response.read().decode(errors="replace")
        retry_after = response.getheader("Retry-After") or ""
        return Probe(path, response.status, text, retry_after, started, time.time())
    except (OSError, http.client.HTTPException) as error:
        return Probe(path, None, repr(error), "", started, time.time())
    finally:
        connection.close()


@dataclass
class Timeline:
    """When the run's phases began (epoch seconds; 0 or None: it never came)."""

    started: float = 0.0
    cut_at: float = 0.0
    killed_at: float = 0.0  # a web worker was killed (in the cut)
    restored_at: float = 0.0
    ready_at: float | None = None  # /readyz answered 200 again
    built_at: float | None = None  # the worker booted during the cut was built
    stopped_at: float = 0.0

    def in_cut(self, p: Probe) -> bool:
        """Whether a probe was asked and answered while the proxy was cut."""
        return self.cut_at <= p.started and p.ended <= self.restored_at

    def lost_to_the_kill(self, p: Probe) -> bool:
        """Whether a probe got no answer because the worker serving it was killed then."""
        return p.status is None and p.started <= self.killed_at <= p.ended


@dataclass
class Run:
    """What an outage run saw, besides what the writers sent."""

    timeline: Timeline = field(default_factory=Timeline)
    probes: list[Probe] = field(default_factory=list)
    killed: list[int] = field(default_factory=list)  # web workers killed during the cut
    logs: str = ""  # the server's and the worker's logs
    failed: list[str] = field(default_factory=list)  # tracebacks of the test's own threads


def outage(
    direct_url: str,
    proxied_url: str,
    proxy: Proxy,
    logs: Path,
    before: float,
    cut: float,
    after: float,
    count: int = 8,
    seed: int = 7,
) -> Verdict:
    """R7: `count` members write; the database is cut `before` s in, for `cut` s, then back."""
    # The server reaches PostgreSQL through the proxy; the test prepares and checks directly.
    clock = Stopwatch()
    world = prepare(direct_url, members=count)
    team = world.teams[0]
    run = Run()
    clock.lap("prepare")
    with Server(proxied_url, logs, projection_worker=True) as server:
        clock.lap("start")
        # Seeded, so a run's choices can be replayed; nothing here is a secret.
        rngs = [random.Random(seed * 1000 + n) for n in range(count)]  # noqa: S311
        # A post answered 503, or whose answer was lost, is sent again with the same key.
        group = [
            Writer(
                Witness(server.port, p),
                team.cycle_id,
                rng,
                retry_lost=True,
                again=(503,),
                weights=dict(WEIGHTS),
            )
            for p, rng in zip(team.members, rngs, strict=True)
        ]
        together(group, Writer.sign_in)
        clock.lap("sign in")
        stop = threading.Event()
        threads = [
            threading.Thread(target=keep_writing, args=(w, stop), daemon=True) for w in group
        ]
        threads.append(
            threading.Thread(target=_probe_until, args=(server.port, stop, run), daemon=True)
        )
        run.timeline.started = time.time()
        for t in threads:
            t.start()
        try:
            _conduct(server, proxy, run, before, cut, after)
        except Exception:
            run.failed.append(traceback.format_exc())
        finally:
            proxy.restore()
            stop.set()
            run.timeline.stopped_at = time.time()
            for t in threads:
                t.join()
        clock.lap("write")
    clock.lap("stop")
    run.logs = "\n".join(
        p.log.read_text(errors="replace") for p in (server.web, server.worker) if p
    )
    sent = submissions(group)
    verdict = check_store(
        f"R7 outage: {count} writers on PostgreSQL behind a proxy, cut {before:.0f} s in "
        f"for {cut:.0f} s or more, then restored; writes {after:.0f} s after recovery",
        direct_url,
        sent,
        pages(group),
        Expect(pages_lost=True, page_statuses=frozenset({503})),
    )
    clock.lap("check")
    failures = [f for w in group if isinstance(w.member, Witness) for f in w.member.failures]
    verdict.problems += outage_problems(run, sent, failures)
    verdict.notes += outage_notes(run, sent, pages(group), marks_now(direct_url))
    verdict.timing = str(clock)
    verdict.problems += [f"a writer crashed: {c}" for c in crashes(group)]
    verdict.problems += [f"the test's own thread failed: {f}" for f in run.failed]
    return verdict


def keep_writing(writer: Writer, stop: threading.Event) -> None:
    """Write until told to stop, reading the cycle page after each write that lands."""
    # A page that did not load (a 503) is loaded again after a pause, as a person would.
    try:
        while not stop.is_set():
            submission = writer.write_one()
            if submission is None:
                stop.wait(PAUSE)
            elif submission.status == 303:
                writer.member.get(f"/cycles/{writer.cycle_id}")  # following the redirect
    except Exception:
        writer.crashed.append(traceback.format_exc())


def _probe_until(port: int, stop: threading.Event, run: Run) -> None:
    """Ask /healthz and /readyz in turn until told to stop."""
    try:
        while not stop.is_set():
            for path in ("/healthz", "/readyz"):
                run.probes.append(probe(port, path))
            stop.wait(PROBE_EVERY)
    except Exception:
        run.failed.append(traceback.format_exc())


def _conduct(
    server: Server, proxy: Proxy, run: Run, before: float, cut: float, after: float
) -> None:
    """Cut the proxy mid-load, kill a web worker in the cut, restore; wait for recovery."""
    timeline = run.timeline
    assert server.web is not None
    time.sleep(before)
    proxy.cut()
    # After the cut and before the restore: a probe between the two saw only the cut.
    timeline.cut_at = time.time()
    time.sleep(KILL_INTO_CUT)
    # Its successor boots with the database away: it must serve 503, not fail to boot.
    timeline.killed_at = time.time()
    run.killed.append(server.kill_web_worker())
    booted = time.monotonic() + BOOT_BOUND
    while STAND_IN not in server.web.log.read_text(errors="replace"):
        if time.monotonic() > booted:
            break
        time.sleep(0.1)
    time.sleep(max(0.0, timeline.cut_at + cut - time.time()))
    timeline.restored_at = time.time()
    proxy.restore()
    bound = time.monotonic() + READY_BOUND
    while (timeline.ready_at is None or timeline.built_at is None) and time.monotonic() < bound:
        if timeline.ready_at is None and probe(server.port, "/readyz").status == 200:
            timeline.ready_at = time.time()
        if timeline.built_at is None and BUILT in server.web.log.read_text(errors="replace"):
            timeline.built_at = time.time()
        time.sleep(0.1)
    time.sleep(after)


def outage_problems(
    run: Run, sent: Sequence[Submission], failures: Sequence[tuple[str, str, Answer]]
) -> list[str]:
    """Every way the run broke R7's promises beyond what `judge` checks."""
    problems: list[str] = []
    wrong: dict[str, list[str]] = {}

    def note(kind: str, case: str) -> None:
        wrong.setdefault(kind, []).append(case)

    # Every 5xx a member saw: a 503, with Retry-After and the app's own page.
    for method, path, answer in failures:
        what = f"{method} {path}: {answer.status}"
        if answer.status != 503:
            note("answered a 5xx other than 503", f"{what} {answer.body[:300]!r}")
            continue
        if answer.retry_after != RETRY_AFTER:
            note("a 503 without Retry-After: 5", f"{what} Retry-After {answer.retry_after!r}")
        if not all(w in answer.body for w in WORDS) or any(w in answer.body for w in NOT_OURS):
            note("a 503 that is not the app's page", f"{what} {answer.body[:300]!r}")
    if not any(answer.status == 503 for _, _, answer in failures):
        note("the cut did not bite", "no page or post answered 503")
    if not any(503 in s.answers and s.accepted for s in sent):
        note("no post that got a 503 was sent again and accepted", "none")
    timeline = run.timeline
    # Probes: /healthz is up all along; /readyz says 503 all through the cut, 200 after
    # (but for a probe in flight on the worker killed, as a writer's answer may be lost then).
    for p in run.probes:
        if p.path == "/healthz" and p.status != 200 and not timeline.lost_to_the_kill(p):
            note("/healthz answered other than 200", f"{p.status} {p.text[:200]!r}")
    during = [p for p in run.probes if timeline.in_cut(p)]
    for path in ("/healthz", "/readyz"):
        if not [p for p in during if p.path == path]:
            note(f"no {path} probe answered during the cut", "none")
    for p in during:
        if p.path != "/readyz" or timeline.lost_to_the_kill(p):
            continue
        fine = (p.status, p.retry_after) == (503, RETRY_AFTER)
        if not fine or not p.text.startswith("database unreachable"):
            note("/readyz during the cut not 503 database unreachable", f"{p.status} {p.text!r}")
    if timeline.ready_at is None:
        note("/readyz did not answer 200 again after the restore", f"within {READY_BOUND:.0f} s")
    else:
        later = [s for s in sent if s.sent_at and s.sent_at[0] >= timeline.ready_at]
        if not any(s.accepted for s in later):
            note("no write accepted after the recovery", f"{len(later)} sent then")
    # The worker killed in the cut: its successor booted as a stand-in and was built after.
    if not run.killed:
        note("no web worker was killed during the cut", "none")
    elif STAND_IN not in run.logs:
        note("no web worker booted during the cut (as a 503 stand-in)", "none")
    elif timeline.built_at is None:
        note("the worker booted during the cut was not built after the restore", "none")
    if "Traceback" in run.logs:
        at = run.logs.index("Traceback")
        note("a traceback in the server's logs", run.logs[max(0, at - 300) : at + 1500])
    for kind, cases in wrong.items():
        more = f"; … {len(cases) - SHOWN} more" if len(cases) > SHOWN else ""
        problems.append(f"{kind}: {len(cases)} — " + "; ".join(cases[:SHOWN]) + more)
    return problems


def outage_notes(
    run: Run, sent: Sequence[Submission], page_reads: Sequence[int | None], stored: Stored
) -> list[str]:
    """The run's outage figures, for the report and the closing note."""
    t = run.timeline
    after_503 = [s for s in sent if 503 in s.answers]
    after_lost = [s for s in sent if s.lost]
    posts_503 = sum(s.answers.count(503) for s in sent)
    again = {id(s): s for s in after_503 + after_lost}.values()
    during = Counter(f"{p.path} {p.status}" for p in run.probes if t.in_cut(p))
    ready = f"{t.ready_at - t.restored_at:.1f} s" if t.ready_at is not None else "never"
    return [
        f"outage: cut {t.cut_at - t.started:.1f} s into the writing for "
        f"{t.restored_at - t.cut_at:.1f} s; /readyz 200 again {ready} after the restore; "
        f"writing stopped {t.stopped_at - t.restored_at:.1f} s after the restore",
        f"503 answers: {posts_503} to posts ({len(after_503)} submissions), "
        f"{page_reads.count(503)} to page reads",
        f"sent again with the same key: {len(after_503)} after a 503, {len(after_lost)} after a "
        f"lost answer; accepted in the end {sum(s.accepted for s in again)} of {len(again)}; "
        f"a try answered 503 had recorded it: {sum(recorded_by_a_503(s, stored) for s in sent)}",
        "probes during the cut: "
        + ", ".join(f"{n}x {k}" for k, n in sorted(during.items()))
        + f"; web worker killed in the cut: {len(run.killed)}, its successor "
        + ("booted as a stand-in" if STAND_IN in run.logs else "did NOT boot as a stand-in")
        + (", built after the restore" if t.built_at is not None else ", NOT built after"),
        f"in all: sent {len(sent)}, accepted {sum(s.accepted for s in sent)}, "
        f"503s {posts_503 + page_reads.count(503)}, sent again {len(again)}",
    ]


def recorded_by_a_503(submission: Submission, stored: Stored) -> bool:
    """Whether a send answered 503 had in fact recorded the submission (the next did not)."""
    # The event's time (the server's clock, the same machine's) falls between that send
    # and the next: the commit went through and its answer was lost to the cut.
    copies = stored.get(submission.marker, [])
    if not copies:
        return False
    at = min(c.at for c in copies)
    sends = list(zip(submission.sent_at, submission.sent_at[1:], submission.answers, strict=False))
    return any(start <= at < following and answer == 503 for start, following, answer in sends)
