"""The verdict on a run: each accepted submission stored once, each refused one not stored,
no 5xx, and a read model equal to a rebuild."""

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tests.server.client import Submission
from tests.server.store import ReadModel, Stored, rebuild_and_compare, store, stored_marks

SHOWN = 5  # examples of each problem in a failure message


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
    notes: list[str] = field(default_factory=list)  # a scenario's own counts

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
        lines += self.notes
        if self.timing:
            lines.append(f"time: {self.timing}")
        if self.problems:
            lines.append(f"PROBLEMS ({len(self.problems)}):")
            lines += [f"  - {p}" for p in self.problems]
        else:
            lines.append("no problems")
        return "\n".join(lines)


@dataclass(frozen=True)
class Expect:
    """What a run may see without it being a problem."""

    replays: bool = False  # the run replays submissions: it must have replayed some
    pages_lost: bool = False  # page reads may go unanswered (a worker was killed)
    page_statuses: frozenset[int] = frozenset()  # 5xx pages that are right (an outage's 503)
    additions: frozenset[str] = frozenset(ADDITIONS)  # kinds never refused


def judge(
    title: str,
    submissions: Sequence[Submission],
    pages: Iterable[int | None],
    stored: Stored,
    read_model: ReadModel | None,
    expect: Expect = Expect(),
    before_replays: Stored | None = None,
) -> Verdict:
    """Count the run and list every way it broke the promise."""
    # Every accepted submission stored exactly once, every refused one not stored, no 5xx
    # (first answers, replays, pages), no answer lost for good, a read model equal to a rebuild.
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
            wrong["no answer (connection lost or timed out)"].append(f"{what}: {s.error}")
        elif s.status >= 500:
            t.errors += 1
            first = copies if before_replays is None else len(before_replays.get(s.marker, []))
            wrong["answered 5xx"].append(f"{what}: {s.status}, stored {first}x by then")
        elif s.accepted:
            t.accepted += 1
        else:
            t.refused[s.status] += 1
            if s.kind in expect.additions:
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
        if not s.marker:  # nothing of it to find by a mark: its scenario checks the store
            continue
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
    if expect.replays and not any(s.replays for s in submissions):
        wrong["nothing was replayed"].append("the run replayed no submission")
    page_counts = Counter(_answer(p) for p in pages)
    errors = sum(
        n
        for s, n in page_counts.items()
        if s != "lost" and int(s) >= 500 and int(s) not in expect.page_statuses
    )
    if errors:
        wrong["page reads answered 5xx"].append(f"{errors} of them")
    if page_counts["lost"] and not expect.pages_lost:
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
    expect: Expect = Expect(),
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
        expect,
        before_replays,
    )
