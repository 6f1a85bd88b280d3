"""Stores of a chosen size for the benchmarks, built reproducibly and kept between runs.

A store holds one group whose pages are measured (`Focus`), among many other groups
whose history the pages must not pay for. The focal group is the same (same seed, same
texts, same shape) whatever the store's size, and it is recorded half-way through the
others, so its rows sit neither first nor last in any table.

Every event is recorded through the domain's own commands on aggregates, and saved with
the Application (so the log, the snapshots and the read model are what a real deployment
would hold); only, many commands go into one save, so a million events take minutes.
Built stores are kept under ~/.cache/learnloop-bench (SQLite files) or as PostgreSQL
databases named after the store, keyed by `VERSION`: change the generator, bump it.
"""

import json
import os
import random
from dataclasses import asdict, dataclass
from pathlib import Path
from uuid import UUID

import psycopg

from domain.accounts import Account
from domain.application import Learnloop
from domain.cycle import Cycle
from domain.entries import ADAPT, CONFIRMED
from domain.group import PilotGroup
from domain.plan import Plan
from tests.builders import plan
from tests.conftest import make_app, password_hash
from tests.server import databases

VERSION = 1
CACHE = Path(os.environ.get("LEARNLOOP_BENCH_CACHE", Path.home() / ".cache" / "learnloop-bench"))
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
    "board",
    "huddle",
    "sticker",
    "checklist",
    "criteria",
    "consultant",
    "registrar",
    "morning",
    "noon",
    "delay",
    "transport",
]
QUESTION = "Will more patients go home before noon?"


@dataclass(frozen=True)
class Focus:
    """The measured group's ids: its sponsor and member, a cycle of each kind, an entry."""

    group: str
    sponsor: str
    facilitator: str
    open_cycle: str  # in its act phase, with a plan revised several times
    reflecting_cycle: str  # in its reflect phase: the adapt page applies
    entry: str  # an entry of the open cycle
    learning: str  # a learning entry of the cycle before it
    events: int  # in the whole store


def sentence(rng: random.Random, n: int = 12) -> str:
    """Words from a ward's vocabulary, as a sentence."""
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def people(app: Learnloop, prefix: str, count: int) -> list[str]:
    """`count` accounts, saved together."""
    accounts = [
        Account.register(
            f"{prefix}-{i}@example.org", f"{prefix.title()} {i}", password_hash(), False, "bench"
        )
        for i in range(count)
    ]
    app.save(*accounts)
    return [str(a.id) for a in accounts]


def _plan(rng: random.Random) -> Plan:
    return Plan.checked(**plan(sentence(rng, 5), sentence(rng, 30), [(QUESTION, "Yes, half")]))


def ramp(
    app: Learnloop,
    group: PilotGroup,
    crew: list[str],
    rng: random.Random,
    cycles: int,
    per_cycle: int,
    last_reflecting: bool = False,
) -> tuple[Cycle, UUID]:
    """A ramp of `cycles` cycles of about `per_cycle` events each, each adapted into the
    next citing its learning; the last is left open (acting, or reflecting if asked).
    Returns the last cycle and a learning entry of the one before it (or of itself)."""
    cycle_id = Cycle.create_id()
    cycle = Cycle.open(cycle_id, group.id, group.add_cycle(cycle_id, crew[0]), _plan(rng), crew[0])
    learning = UUID(int=0)  # none until a cycle has reflected
    for n in range(cycles):
        last = n == cycles - 1
        acting = per_cycle * 4 // 5
        entries: list[UUID] = []
        for i in range(acting):
            who = rng.choice(crew)
            if entries and rng.random() < 0.15:
                cycle.comment(rng.choice(entries).hex, sentence(rng, 8), who)
            else:
                kind = rng.choice(["action", "observation", "problem", "surprise"])
                entries.append(cycle.record_act_entry(kind, sentence(rng, 20), QUESTION, who))
            if i % 40 == 39 and entries:  # revised in the light of what was just seen
                cycle.revise_plan(
                    cycle.plan_version, _plan(rng), sentence(rng, 8), [entries[-1]], who
                )
        if last and not last_reflecting:
            app.save(group, cycle)
            return cycle, learning
        learned = [cycle.compare_prediction(QUESTION, CONFIRMED, sentence(rng, 15), crew[0])]
        learned += [cycle.record_reflection(sentence(rng, 15), rng.choice(crew)) for _ in range(3)]
        learning = learned[-1]
        for _ in range(max(1, per_cycle // 50)):
            cycle.revise_plan(
                cycle.plan_version, _plan(rng), sentence(rng, 8), [learning], crew[0]
            )
        if last:
            app.save(group, cycle)
            return cycle, learning
        next_id = Cycle.create_id()
        following = Cycle.continue_from(
            next_id,
            cycle,
            group.add_cycle(next_id, crew[0]),
            _plan(rng),
            sentence(rng, 8),
            [learning],
            crew[0],
        )
        cycle.decide(ADAPT, sentence(rng, 10), next_id, crew[0])
        app.save(group, cycle)
        cycle = following
    raise AssertionError("unreachable: the last cycle returns")


def background_group(app: Learnloop, rng: random.Random, name: str, events: int) -> int:
    """A group of 25 with five ramps sharing about `events` events; how many were written."""
    crew = people(app, name.lower().replace(" ", "-"), 25)
    group = PilotGroup.form(name, sentence(rng, 8), crew[0])
    for account in crew[1:-1]:
        group.join(account, "member", crew[0])
    group.join(crew[-1], "sponsor", crew[0])
    app.save(group)
    before = app.recorder.max_notification_id() or 0
    for _ in range(5):
        last, _ = ramp(app, group, crew[:-1], rng, cycles=4, per_cycle=max(10, events // 20))
        app.ask_for_help(last.id, sentence(rng, 10), crew[1])
    return (app.recorder.max_notification_id() or 0) - before


def focal_group(app: Learnloop) -> dict[str, str]:
    """The measured group: always the same, whatever surrounds it."""
    rng = random.Random(2026)  # noqa: S311 - test data
    crew = people(app, "ward-seven", 6)
    sponsor = crew[-1]
    group = PilotGroup.form("Ward 7", "Home before noon", crew[0])
    for account in crew[1:-1]:
        group.join(account, "member", crew[0])
    group.join(sponsor, "sponsor", crew[0])
    app.save(group)
    reflecting, _ = ramp(app, group, crew[:-1], rng, cycles=2, per_cycle=120, last_reflecting=True)
    current, learning = ramp(app, group, crew[:-1], rng, cycles=3, per_cycle=150)
    observed = current.record_observation(sentence(rng, 12), crew[1])
    app.save(current)
    for _ in range(4):
        app.ask_for_help(current.id, sentence(rng, 10), crew[1])
    return {
        "group": str(group.id),
        "sponsor": sponsor,
        "facilitator": crew[0],
        "open_cycle": str(current.id),
        "reflecting_cycle": str(reflecting.id),
        "entry": str(observed),
        "learning": str(learning),
    }


def fill(app: Learnloop, events: int, seed: int = 7) -> Focus:
    """Groups of about 5,000 events each until there are `events` in all, the focal group
    recorded once half of them are."""
    rng = random.Random(seed)  # noqa: S311 - test data
    focus: dict[str, str] = {}
    n = 0
    while (app.recorder.max_notification_id() or 0) < events:
        if not focus and (app.recorder.max_notification_id() or 0) >= events // 2:
            focus = focal_group(app)
        background_group(app, rng, f"Team {n}", min(5_000, events // 2))
        n += 1
        if n % 20 == 0:
            print(f"    {n} groups, {app.recorder.max_notification_id():,} events", flush=True)
    return Focus(**focus, events=app.recorder.max_notification_id() or 0)


def store(kind: str, events: int) -> tuple[str, Focus]:
    """A store of about `events` events on `kind` ("sqlite" or "postgres"), its read model
    caught up: the cached one if built before, else built now (and kept)."""
    name = f"learnloop_bench_v{VERSION}_{events}"
    CACHE.mkdir(parents=True, exist_ok=True)
    described = CACHE / f"{name}_{kind}.json"
    url = _url(kind, name)
    if described.exists():
        return url, Focus(**json.loads(described.read_text()))
    _fresh(kind, name)
    print(f"  building a {events:,}-event store on {kind} (kept for next time)", flush=True)
    flask_app = make_app(url)
    services = flask_app.extensions["learnloop"]
    focus = fill(services.app, events)
    print(f"    {focus.events:,} events recorded; catching the read model up", flush=True)
    services.caught_up(focus.events)
    services.close()
    described.write_text(json.dumps(asdict(focus)))  # written last: the store is whole
    return url, focus


def _url(kind: str, name: str) -> str:
    if kind == "sqlite":
        return f"sqlite:///{CACHE / name}.sqlite"
    admin = os.environ.get("LEARNLOOP_TEST_DATABASE_URL") or databases.ADMIN_URL
    return f"{admin.rsplit('/', 1)[0]}/{name}"


def _fresh(kind: str, name: str) -> None:
    """No trace of an earlier, unfinished build."""
    if kind == "sqlite":
        for leftover in CACHE.glob(f"{name}.sqlite*"):  # with its WAL and lock files
            leftover.unlink()
        return
    admin = os.environ.get("LEARNLOOP_TEST_DATABASE_URL") or databases.ADMIN_URL
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
