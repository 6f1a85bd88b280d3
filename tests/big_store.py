"""A large, realistic event store for benchmarks, built once and cached outside the repository.

How it is built: through the domain's aggregates and the Application's `save`, as the
product records events (every rule of every command is checked), but with several
commands on an aggregate before each save and the database in memory until the end
(then copied to a file with SQLite's backup), which makes a million events take minutes
rather than hours. Snapshots are not taken: they are not part of the notification log a
rebuild reads, and a cycle's snapshots grow with the square of its size.

What is built follows from a fixed seed: the same people, groups, ramps, texts and
commands in the same order every time (ids and clocks differ from one build to the next).
The shape is the deployment issue 12 designs for: 5,000 people, each with an account,
each joining one of 200 groups by invitation; groups differ in how much they record (a
few record most); each works in ramps of one to four cycles, PDSA mostly, some Peer
Assist and Most Significant Change; a cycle has from 20 to 3,000 events, log-uniformly:
acts and observations, comments, help requests with answers, plan revisions citing what
was learned, corrections, comparisons, reflections, mistakes, and a decision. Most groups
track one to three measures (tests/big_store_measures.py): baseline data pasted when the
group forms, then values recorded, corrected and noted on as its ramps run. Forty
ramps are under way at once and take turns a few commands at a time, so the log
interleaves cycles and groups as a busy deployment's does.

The store is one SQLite file under ~/.cache/learnloop-bench (or LEARNLOOP_BENCH_CACHE),
named by GENERATOR, the seed and the size; `copy_store` puts its events into a fresh
SQLite file or PostgreSQL database for a run. `python -m tests.big_store EVENTS` builds one.
"""

import math
import os
import random
import shutil
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import psycopg
from psycopg.sql import SQL, Identifier, Literal

from domain.accounts import Account
from domain.application import Learnloop
from domain.cycle import Cycle
from domain.entries import ABANDON, ADAPT, ADOPT, CONFIRMED, NOT_CONFIRMED, PARTLY
from domain.group import PilotGroup
from domain.help import HelpRequest
from domain.invitation import Invitation
from domain.methods import PDSA
from domain.passwords import hash_password
from domain.plan import Plan
from domain.roles import MEMBER, SPONSOR
from tests.big_store_measures import Measures
from web.storage import storage_for

# Raise when what the generator records changes: a cached store of another version is
# then not used (nor removed: delete old ones by hand).
GENERATOR = 2
CACHE = Path(os.environ.get("LEARNLOOP_BENCH_CACHE", "~/.cache/learnloop-bench")).expanduser()
GROUPS, PEOPLE, UNDER_WAY = 200, 5_000, 40
SMALLEST_CYCLE, LARGEST_CYCLE = 20, 3_000
PASSWORD = "bench-password"  # every account's, so a benchmark can sign anyone in

WORDS = [
    "patient",
    "ward",
    "discharge",
    "pharmacy",
    "porter",
    "bed",
    "nurse",
    "round",
    "drugs",
    "handover",
    "bay",
    "consultant",
    "criteria",
    "morning",
    "noon",
    "transport",
    "family",
    "carer",
    "letter",
    "audit",
    "chart",
    "catheter",
    "falls",
    "infection",
    "sepsis",
    "board",
    "huddle",
    "rota",
    "night",
    "shift",
    "weekend",
    "team",
    "volunteer",
    "referral",
    "clinic",
    "waiting",
    "list",
    "appointment",
    "phone",
    "call",
    "reminder",
    "leaflet",
    "form",
    "signature",
    "delay",
    "bottleneck",
    "queue",
    "lunch",
    "doctor",
    "therapist",
    "kitchen",
    "laundry",
    "bus",
    "parking",
    "lift",
    "stairs",
    "sheet",
    "target",
]
ACT_KINDS = ("action", "observation", "observation", "problem", "surprise")
PEER_ASSIST, STORIES = "peer_assist", "most_significant_change"
METHODS = (PDSA,) * 12 + (
    "after_action_review",
    "retrospect",
    "action_learning_set",
    "appreciative_inquiry",
    "learning_log",
    PEER_ASSIST,
    STORIES,
)


def cached_store(events: int = 1_000_000, seed: int = 12) -> Path:
    """The path of the cached store of about `events` events, built first if missing."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"store-g{GENERATOR}-s{seed}-{events}.sqlite"
    if not path.exists():
        started = time.perf_counter()
        building = path.with_suffix(f".building-{os.getpid()}")
        build(building, events, seed)
        building.rename(path)
        print(f"built {path} in {time.perf_counter() - started:.0f} s", flush=True)
    return path


def copy_store(source: Path, url: str) -> int:
    """Put the cached store's events into the empty database at `url`; how many there are."""
    if url.startswith("sqlite:///"):
        shutil.copyfile(source, url.removeprefix("sqlite:///"))
        return _count(source)
    # The event store makes its own tables; the rows then go in under the same ids.
    app = Learnloop(env=storage_for(url, "").persistence_env)
    table = Identifier(app.recorder.events_table_name)  # type: ignore[attr-defined]
    app.close()
    with sqlite3.connect(source) as old, psycopg.connect(url) as new, new.cursor() as cursor:
        rows = old.execute(
            "SELECT rowid, originator_id, originator_version, topic, state"
            " FROM stored_events ORDER BY rowid"
        )
        columns = SQL("notification_id, originator_id, originator_version, topic, state")
        with cursor.copy(SQL("COPY {} ({}) FROM STDIN").format(table, columns)) as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(
            SQL(
                "SELECT setval(pg_get_serial_sequence({}, 'notification_id'),"
                " max(notification_id)) FROM {}"
            ).format(Literal(table.as_string()), table)
        )
    with psycopg.connect(url, autocommit=True) as new:
        new.execute(SQL("VACUUM ANALYZE {}").format(table))
    return _count(source)


def _count(source: Path) -> int:
    with sqlite3.connect(source) as db:
        found: int = db.execute("SELECT max(rowid) FROM stored_events").fetchone()[0]
    return found


def build(path: Path, events: int, seed: int) -> None:
    """Record about `events` events, then write them to a new SQLite file at `path`."""
    memory = f"file:learnloop-bench-{uuid4().hex}?mode=memory&cache=shared"
    # Held open so the shared in-memory database lives until it is copied out.
    with sqlite3.connect(memory, uri=True) as held:
        app = Unsnapshotted(
            env={"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": memory}
        )
        try:
            Builder(app, random.Random(seed), events).run()  # noqa: S311 - test data
        finally:
            app.close()
        with sqlite3.connect(path) as target:
            held.backup(target)


class Unsnapshotted(Learnloop):
    """The Application, taking no snapshots (see the module's docstring)."""

    snapshotting_intervals = {}  # taken by the base class as declared there


@dataclass
class Member:
    """An account, as commands name it (its id as text) and as invitations do."""

    actor: str
    email: str


@dataclass
class Tracked:
    """What the builder remembers of an entry, to correct it, cite it or choose it."""

    id: UUID
    kind: str  # "act", "story", "advice", "mistake" or "learning" (what decisions rest on)
    revision: int = 1
    withdrawn: bool = False


@dataclass
class Builder:
    """Records people, groups and ramps until the store holds about `target` events."""

    app: Learnloop
    rng: random.Random
    target: int
    group_count: int = GROUPS
    person_count: int = PEOPLE
    saved: Callable[[], object] = lambda: None  # called after each save
    written: int = 0
    teams: dict[UUID, list[Member]] = field(default_factory=dict)
    measures: Measures = field(init=False)

    def __post_init__(self) -> None:
        self.measures = Measures(self.rng, self.text)

    def run(self) -> None:
        """People and groups first; then ramps, many under way at once, taking turns."""
        people = self._people()
        count = self.group_count
        groups = [self._group(n, people[n::count]) for n in range(count)]
        weights = [self.rng.paretovariate(1.5) for _ in groups]  # a few groups record most
        under_way: list[Iterator[list[Any]]] = []
        while self.written < self.target or under_way:
            while self.written < self.target and len(under_way) < UNDER_WAY:
                group = self.rng.choices(groups, weights)[0]
                under_way.append(Ramp(self, group, self.teams[group.id]).run())
            turn = self.rng.randrange(len(under_way))
            changed = next(under_way[turn], None)
            if changed is None:
                under_way.pop(turn)
            else:
                self.save(*changed)

    def save(self, *aggregates: Any) -> None:
        """Save the aggregates' new events, in one transaction."""
        self.written += sum(len(a.pending_events) for a in aggregates)
        self.app.save(*aggregates)
        self.saved()

    def text(self, low: int, high: int) -> str:
        """A sentence of `low` to `high` words."""
        words = self.rng.choices(WORDS, k=self.rng.randint(max(low, 1), high))
        return " ".join(words).capitalize() + "."

    def plan(self) -> Plan:
        """A plan with one to three questions and up to three set-up tasks."""
        questions = [
            (self.text(5, 10)[:-1] + "?", self.text(3, 8), self.text(0, 8))
            for _ in range(self.rng.randint(1, 3))
        ]
        tasks = [(self.text(3, 7), "Person", "2027-01-15") for _ in range(self.rng.randint(0, 3))]
        return Plan.checked(
            objective=self.text(4, 9),
            plan_text=self.text(20, 80),
            questions=questions,
            who=self.text(2, 5),
            where=self.text(2, 5),
            when=self.text(2, 5),
            data=self.text(5, 15),
            measures=self.text(5, 15),
            tasks=tasks,
        )

    def _people(self) -> list[Member]:
        password = hash_password(PASSWORD)
        people, batch = [], []
        for n in range(self.person_count):
            email = f"person{n}@bench.example"
            account = Account.register(email, f"Person {n}", password, n == 0, "admin")
            people.append(Member(str(account.id), email))
            batch.append(account)
            if len(batch) == 500:
                self.save(*batch)
                batch = []
        self.save(*batch)
        return people

    def _group(self, number: int, team: list[Member]) -> PilotGroup:
        """A group formed by its first member, who invites the rest and sets it up."""
        facilitator = team[0].actor
        group = PilotGroup.form(f"Group {number}", self.text(6, 14), facilitator)
        invitations = []
        for person in team[1:]:
            role = SPONSOR if self.rng.random() < 0.15 else MEMBER
            now = datetime.now(UTC)
            invitation = Invitation.send(group.id, person.email, role, "token", now, facilitator)
            invitation.accept("token", UUID(person.actor), person.email, now)
            group.join(person.actor, role, person.actor)
            invitations.append(invitation)
        for guest in range(self.rng.randint(0, 3)):
            group.add_member(f"Guest {number}.{guest}", facilitator)
        if self.rng.random() < 0.3:
            group.revise_aim(self.text(6, 14), self.text(5, 12), facilitator)
        if self.rng.random() < 0.5:
            group.share(True, facilitator)
        if self.rng.random() < 0.2:
            group.change_role(team[1].actor, SPONSOR, facilitator)
        if self.rng.random() < 0.1:
            group.remove(team[-1].actor, facilitator)
            team = team[:-1]
        self.save(group, *invitations, *self.measures.define(group.id, facilitator))
        self.teams[group.id] = team
        return group


@dataclass
class Ramp:
    """One ramp of one to four cycles, each adapted from the one before; yields what it
    changed every few commands, for the builder to save."""

    builder: Builder
    group: PilotGroup
    team: list[Member]
    cycle: Cycle = field(init=False)
    method: str = field(init=False)
    plan: Plan = field(init=False)
    version: int = 1  # of the plan
    entries: list[Tracked] = field(default_factory=list)
    tasks_done: set[str] = field(default_factory=set)
    requests: list[HelpRequest] = field(default_factory=list)  # saved with the next turn
    measured: list[Any] = field(default_factory=list)  # measures changed, saved likewise

    def run(self) -> Iterator[list[Any]]:
        """The ramp, a turn at a time: each turn yields the aggregates it changed."""
        rng, lead = self.builder.rng, self.team[0].actor
        self.method = rng.choice(METHODS)
        self.plan = self.builder.plan()
        cycle_id = Cycle.create_id()
        number = self.group.add_cycle(cycle_id, lead)
        self.cycle = Cycle.open(cycle_id, self.group.id, number, self.plan, lead, self.method)
        yield [self.group, self.cycle]
        cycles = rng.choice((1, 1, 2, 2, 3, 4))
        for n in range(cycles):
            yield from self._fill(int(math.exp(rng.uniform(math.log(20), math.log(3_000)))))
            reason = self.builder.text(5, 20)
            if n == cycles - 1 or self.builder.written >= self.builder.target:
                self.cycle.decide(rng.choice((ADOPT, ABANDON)), reason, None, lead)
                if rng.random() < 0.3:
                    self.cycle.comment("decision", self.builder.text(4, 20), self._actor())
                yield [self.cycle]
                return
            cites = [e.id for e in self.entries if e.kind == "learning" and not e.withdrawn]
            self.plan = self.builder.plan()
            next_id = Cycle.create_id()
            number = self.group.add_cycle(next_id, lead)
            following = Cycle.continue_from(
                next_id, self.cycle, number, self.plan, self.builder.text(5, 15), cites[-3:], lead
            )
            self.cycle.decide(ADAPT, reason, next_id, lead)
            yield [self.group, self.cycle, following]
            self.cycle, self.entries, self.tasks_done, self.version = following, [], set(), 1

    def _fill(self, size: int) -> Iterator[list[Any]]:
        """About `size` events in the cycle, acting then reflecting, a turn at a time."""
        rng = self.builder.rng
        acting = max(2, int(size * rng.uniform(0.4, 0.7)))
        done = 0
        while done < size and self.builder.written < self.builder.target:
            for _ in range(rng.randint(1, 12)):
                self._command(rng.random(), reflecting=done >= acting)
                done += 1
            yield self._changed()
        if not any(e.kind in ("act", "story") for e in self.entries):
            self._act()
        if not any(e.kind == "learning" and not e.withdrawn for e in self.entries):
            self._reflect(0.0)  # a comparison, or a panel's choice
        yield self._changed()

    def _changed(self) -> list[Any]:
        changed, self.requests = [self.cycle, *self.requests], []
        changed += list({id(m): m for m in self.measured}.values())
        self.measured = []
        return changed

    def _actor(self) -> str:
        return self.builder.rng.choice(self.team).actor

    def _command(self, roll: float, *, reflecting: bool) -> None:
        standing = [e for e in self.entries[-30:] if not e.withdrawn]
        if roll < 0.15:
            targets = ["plan", *(e.id.hex for e in self.entries[-20:])]
            self.cycle.comment(
                self.builder.rng.choice(targets), self.builder.text(4, 30), self._actor()
            )
        elif roll < 0.22:
            self._help()
        elif roll < 0.27 and standing:
            self._revise(standing)
        elif roll < 0.30 and standing:
            self._correct(self.builder.rng.choice(standing))
        elif roll < 0.32 and self._task():
            pass
        elif roll < 0.35 and self.method == PEER_ASSIST:
            self._advice()
        elif roll > 0.96 and self._measure():
            pass
        elif reflecting and any(e.kind in ("act", "story") for e in self.entries):
            self._reflect(roll)
        else:
            self._act()

    def _act(self) -> None:
        text, rng = self.builder.text, self.builder.rng
        if self.method == STORIES and not any(e.kind == "learning" for e in self.entries):
            teller = rng.choice(list(self.builder.teams))
            story = self.cycle.collect_story(
                teller, text(3, 8), "A patient", text(30, 120), text(5, 20), self._actor()
            )
            self.entries.append(Tracked(story, "story"))
            return
        question = rng.choice(self.plan.questions).text if rng.random() < 0.3 else ""
        entry = self.cycle.record_act_entry(
            rng.choice(ACT_KINDS), text(8, 60), question, self._actor()
        )
        self.entries.append(Tracked(entry, "act"))

    def _reflect(self, roll: float) -> None:
        text, rng, cycle = self.builder.text, self.builder.rng, self.cycle
        stories = [e for e in self.entries if e.kind == "story" and not e.withdrawn]
        if self.method == STORIES and stories and not self._chosen():
            entry = cycle.choose_story(rng.choice(stories).id, text(10, 40), self._actor())
        elif roll < 0.55:
            outcome = rng.choice((CONFIRMED, PARTLY, NOT_CONFIRMED))
            question = rng.choice(self.plan.questions).text
            entry = cycle.compare_prediction(question, outcome, text(8, 50), self._actor())
        elif roll < 0.9:
            entry = cycle.record_reflection(text(10, 80), self._actor())
        else:
            # Owned, not learned: citable, but no decision rests on it.
            self.entries.append(Tracked(cycle.own_mistake(text(8, 40), self._actor()), "mistake"))
            return
        self.entries.append(Tracked(entry, "learning"))

    def _chosen(self) -> bool:
        return self.method == STORIES and any(e.kind == "learning" for e in self.entries)

    def _help(self) -> None:
        rng, text = self.builder.rng, self.builder.text
        asker = self._actor()
        request = HelpRequest.ask(self.group.id, self.cycle.id, text(6, 30), asker)
        for _ in range(rng.choice((0, 1, 1, 1, 2))):
            request.answer(text(5, 40), self._actor())
        if rng.random() < 0.5:
            request.close(asker)
        self.requests.append(request)

    def _revise(self, standing: list[Tracked]) -> None:
        self.plan = self.builder.plan()
        cites = [e.id for e in standing[-2:]]
        self.cycle.revise_plan(
            self.version, self.plan, self.builder.text(4, 20), cites, self._actor()
        )
        self.version += 1

    def _correct(self, entry: Tracked) -> None:
        text = self.builder.text
        # Learning stays standing (a decision rests on it), and so do stories (a choice).
        if entry.kind in ("learning", "story") or self.builder.rng.random() < 0.8:
            self.cycle.amend_entry(
                entry.id, entry.revision, text(8, 50), text(3, 12), self._actor()
            )
        else:
            self.cycle.withdraw_entry(entry.id, entry.revision, text(3, 12), self._actor())
            entry.withdrawn = True
        entry.revision += 1

    def _measure(self) -> bool:
        changed = self.builder.measures.step(self.group.id, self._actor())
        if changed is not None:
            self.measured.append(changed)
        return changed is not None

    def _task(self) -> bool:
        todo = [t.id for t in self.plan.tasks if t.id not in self.tasks_done]
        if todo:
            self.cycle.complete_task(todo[0], self._actor())
            self.tasks_done.add(todo[0])
        return bool(todo)

    def _advice(self) -> None:
        text, rng = self.builder.text, self.builder.rng
        asked = rng.choice([g for g in self.builder.teams if g != self.group.id])
        request = self.cycle.request_advice(asked, text(6, 25), self._actor())
        adviser = rng.choice(self.builder.teams[asked]).actor
        advice = self.cycle.give_advice(request, asked, text(10, 60), adviser)
        self.entries.append(Tracked(advice, "advice"))


if __name__ == "__main__":
    print(cached_store(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000))
