"""What a run must leave behind: each accepted submission stored once, a read model that
equals a rebuild, and no 5xx — read straight from the database the server wrote to."""

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import sqlalchemy as sa

from domain.application import Learnloop
from projections.database import all_projections, make_engine
from projections.runner import Runner
from tests.server.client import Submission
from web.storage import storage_for

MARK = re.compile(r"\[sub:([0-9a-f]{32})\]")
PAGE = 1000
SHOWN = 5  # examples of each problem in a failure message


@contextmanager
def store(database_url: str) -> Iterator[tuple[Learnloop, sa.Engine]]:
    """The Application and the read-side engine on the server's database."""
    storage = storage_for(database_url, str(Path.cwd() / "instance"))
    app = Learnloop(env=storage.persistence_env)
    engine = make_engine(storage.sqlalchemy_url)
    try:
        yield app, engine
    finally:
        engine.dispose()
        app.close()


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


class Copy(NamedTuple):
    """One stored event carrying a submission's mark: its type and when it was recorded."""

    topic: str
    at: float  # seconds since the epoch, the server's clock (the same machine's)


Stored = dict[str, list[Copy]]


def stored_marks(app: Learnloop) -> Stored:
    """Each mark found in the event store: the events that carry it."""
    found: Stored = defaultdict(list)
    start: int | None = None
    while True:
        notifications = app.recorder.select_notifications(
            start=start, limit=PAGE, inclusive_of_start=start is None
        )
        for notification in notifications:
            event: Any = app.mapper.to_domain_event(notification)  # an aggregate's: timestamped
            marks = {m for s in _strings(vars(event)) for m in MARK.findall(s)}
            for mark in marks:
                copy = Copy(type(event).__qualname__, event.timestamp.timestamp())
                found[f"[sub:{mark}]"].append(copy)
        if len(notifications) < PAGE:
            return found
        start = notifications[-1].id


def dump(engine: sa.Engine) -> dict[str, list[str]]:
    """Every row of every projection table, all columns, sorted (each row as its repr:
    some columns hold JSON lists, which do not hash)."""
    rows = {}
    with engine.connect() as conn:
        for projection in all_projections():
            for table in projection.tables:
                found = conn.execute(sa.select(table)).all()
                rows[table.name] = sorted(repr(tuple(r)) for r in found)
    return rows


@dataclass
class ReadModel:
    """The read model as the run left it, and as a rebuild from the events makes it."""

    lag: int
    before: dict[str, list[str]]
    after: dict[str, list[str]]

    def differences(self) -> list[str]:
        """Each table that differs, with some of the rows on one side only."""
        problems = []
        for name in sorted(set(self.before) | set(self.after)):
            old = Counter(self.before.get(name, []))
            new = Counter(self.after.get(name, []))
            if old == new:
                continue
            only_old = list((old - new).elements())[:SHOWN]
            only_new = list((new - old).elements())[:SHOWN]
            problems.append(
                f"table {name}: {sum(old.values())} rows, rebuilt {sum(new.values())}; "
                f"only before: {only_old}; only rebuilt: {only_new}"
            )
        return problems


def rebuild_and_compare(app: Learnloop, engine: sa.Engine) -> ReadModel:
    """Catch up (as the worker would), dump, rebuild every projection, dump again.

    Run it with the server stopped: a rebuild drops the tables the pages read.
    """
    runner = Runner(engine, app.recorder, app.mapper, all_projections())
    lag = max((s.lag for s in runner.status()), default=0)
    runner.catch_up()
    before = dump(engine)
    runner.rebuild()
    return ReadModel(lag, before, dump(engine))


KINDS = ("entry", "comment", "revision")
ADDITIONS = ("entry", "comment")  # commute with anything: never refused


@dataclass
class Tally:
    """Counts per kind of submission, for the report and the closing note."""

    kind: str
    sent: int = 0
    accepted: int = 0
    refused: Counter[int] = field(default_factory=Counter)
    errors: int = 0  # 5xx
    unanswered: int = 0  # never answered, even after retries
    retried: int = 0  # submissions sent again because an answer was lost
    committed_then_lost: int = 0  # of those, ones a try whose answer was lost had recorded
    replayed: int = 0
    replay_answers: Counter[str] = field(default_factory=Counter)
    recorded_by_replay: int = 0
    stored_once: int = 0
    accepted_stored_once: int = 0
    stored_twice_or_more: int = 0
    refused_but_stored: int = 0
    accepted_not_stored: int = 0

    def line(self) -> str:
        """One line of the report."""
        refused = ", ".join(f"{n}x{s}" for s, n in sorted(self.refused.items())) or "0"
        replays = ", ".join(f"{n}x{s}" for s, n in sorted(self.replay_answers.items())) or "-"
        return (
            f"{self.kind:<9} sent {self.sent:>5}  accepted {self.accepted:>5}  "
            f"refused {refused:<12} 5xx {self.errors:>3}  unanswered {self.unanswered:>2}  "
            f"retried-after-loss {self.retried:>3} (had committed {self.committed_then_lost})  "
            f"replayed {self.replayed:>5} ({replays}; "
            f"recorded by a replay {self.recorded_by_replay})  "
            f"stored once {self.stored_once:>5}  twice+ {self.stored_twice_or_more:>3}  "
            f"refused-yet-stored {self.refused_but_stored:>2}  "
            f"accepted-not-stored {self.accepted_not_stored:>2}"
        )


def _answer(status: int | None) -> str:
    return "lost" if status is None else str(status)


@dataclass
class Verdict:
    """The counts of a run and every way it broke the promise."""

    title: str
    tallies: dict[str, Tally]
    pages: Counter[str]
    problems: list[str]
    read_model: ReadModel | None = None
    timing: str = ""

    @property
    def ok(self) -> bool:
        """No problem found."""
        return not self.problems

    def report(self) -> str:
        """The counts, then the problems (the first few of each)."""
        lines = [f"== {self.title}"]
        lines += [t.line() for t in self.tallies.values() if t.sent]
        total = sum(t.sent for t in self.tallies.values())
        pages = ", ".join(f"{n}x{s}" for s, n in sorted(self.pages.items()))
        lines.append(f"submissions {total}; page reads {sum(self.pages.values())} ({pages})")
        if self.read_model is not None:
            same = "equal to" if not self.read_model.differences() else "DIFFERENT from"
            rows = sum(len(r) for r in self.read_model.before.values())
            lines.append(
                f"read model: {rows} rows, lag {self.read_model.lag} when the server stopped, "
                f"{same} a rebuild"
            )
        if self.timing:
            lines.append(f"time: {self.timing}")
        if self.problems:
            lines.append(f"PROBLEMS ({len(self.problems)}):")
            lines += [f"  - {p}" for p in self.problems]
        else:
            lines.append("no problems")
        return "\n".join(lines)


def judge(
    title: str,
    submissions: Sequence[Submission],
    pages: Iterable[int | None],
    stored: Stored,
    read_model: ReadModel | None,
    replays_expected: bool = False,
    pages_may_be_lost: bool = False,
    before_replays: Stored | None = None,
) -> Verdict:
    """Count the run and list what went wrong: every accepted submission stored exactly once,
    every refused one not stored, no 5xx (first answers, replays and pages), no answer lost
    for good, and the read model equal to a rebuild."""
    tallies = {k: Tally(k) for k in KINDS}
    wrong: dict[str, list[str]] = defaultdict(list)
    for s in submissions:
        t = tallies.setdefault(s.kind, Tally(s.kind))
        t.sent += 1
        t.retried += s.lost > 0 and s.status is not None
        copies = len(stored.get(s.marker, []))
        if s.lost and copies and len(s.sent_at) > 1:
            # Recorded before the last try was sent: a try whose answer was lost committed it.
            t.committed_then_lost += min(c.at for c in stored[s.marker]) < s.sent_at[-1]
        what = f"{s.kind} {s.marker} by {s.member} (key {s.key[:8]})"
        if s.status is None:
            t.unanswered += 1
            wrong["no answer, even after retrying"].append(f"{what}: {s.error}")
        elif s.status >= 500:
            t.errors += 1
            first = copies if before_replays is None else len(before_replays.get(s.marker, []))
            wrong["answered 5xx"].append(f"{what}: {s.status}, stored {first}x by then")
        elif s.accepted:
            t.accepted += 1
        else:
            t.refused[s.status] += 1
            if s.kind in ADDITIONS:
                wrong["an addition refused (additions always land)"].append(f"{what}: {s.status}")
        earlier = len(before_replays.get(s.marker, [])) if before_replays is not None else 0
        if s.replays and before_replays is not None and copies > earlier:
            t.recorded_by_replay += 1
            # A replay of one that failed may record it (a retry that works); of one that
            # was stored, never.
            if earlier:
                wrong["a replay recorded it again"].append(
                    f"{what}: {earlier}x before, {copies}x after"
                )
        if s.replays:
            t.replayed += 1
            t.replay_answers.update(_answer(r) for r in s.replays)
            for r in s.replays:
                if r is None or r >= 500:
                    wrong["replay answered 5xx or not at all"].append(f"{what}: {_answer(r)}")
                elif s.accepted and not 200 <= r < 400:
                    wrong["replay of an accepted submission answered otherwise"].append(
                        f"{what}: first {s.status}, replay {r}"
                    )
        if copies == 1:
            t.stored_once += 1
            t.accepted_stored_once += s.accepted
        elif copies > 1:
            t.stored_twice_or_more += 1
            topics = [c.topic for c in stored[s.marker]]
            wrong["stored more than once"].append(f"{what}: {copies}x {topics}")
        if s.refused and copies:
            t.refused_but_stored += 1
            wrong["refused (4xx) yet stored"].append(f"{what}: {s.status}, stored {copies}x")
        if s.accepted and not copies:
            t.accepted_not_stored += 1
            wrong["accepted yet not stored (lost)"].append(f"{what}: {s.status}")
    if replays_expected and not any(s.replays for s in submissions):
        wrong["nothing was replayed"].append("the run replayed no submission")
    page_counts = Counter(_answer(p) for p in pages)
    errors = sum(n for s, n in page_counts.items() if s != "lost" and int(s) >= 500)
    if errors:
        wrong["page reads answered 5xx"].append(f"{errors} of them")
    if page_counts["lost"] and not pages_may_be_lost:
        wrong["page reads not answered"].append(f"{page_counts['lost']} of them")
    problems = []
    for kind, cases in wrong.items():
        shown = "; ".join(cases[:SHOWN]) + (
            f"; … {len(cases) - SHOWN} more" if len(cases) > SHOWN else ""
        )
        problems.append(f"{kind}: {len(cases)} — {shown}")
    if read_model is not None:
        problems += [f"read model differs from a rebuild: {d}" for d in read_model.differences()]
    return Verdict(title, tallies, page_counts, problems, read_model)


def check_store(
    title: str,
    database_url: str,
    submissions: Sequence[Submission],
    pages: Iterable[int | None],
    replays_expected: bool = False,
    pages_may_be_lost: bool = False,
    before_replays: Stored | None = None,
) -> Verdict:
    """Read the events and the read model the stopped server left, and judge the run."""
    with store(database_url) as (app, engine):
        stored = stored_marks(app)
        read_model = rebuild_and_compare(app, engine)
    return judge(
        title,
        submissions,
        pages,
        stored,
        read_model,
        replays_expected,
        pages_may_be_lost,
        before_replays,
    )


def marks_now(database_url: str) -> Stored:
    """The marks stored so far (the server may be running: this only reads)."""
    with store(database_url) as (app, _):
        return stored_marks(app)
