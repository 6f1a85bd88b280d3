"""What the server left in the database: the marks in the event store, and the read model
beside a rebuild of it."""

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import sqlalchemy as sa

from domain.application import Learnloop
from projections.database import all_projections, make_engine
from projections.runner import Runner
from web.storage import storage_for

MARK = re.compile(r"\[sub:([0-9a-f]{32})\]")
PAGE = 1000
SHOWN = 5  # examples of each difference in a failure message


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
    return {
        mark: [Copy(type(e).__qualname__, e.timestamp.timestamp()) for e in events]
        for mark, events in marked_events(app).items()
    }


def marked_events(app: Learnloop) -> dict[str, list[Any]]:
    """Each mark found in the event store: the events that carry it, oldest first."""
    found: dict[str, list[Any]] = defaultdict(list)
    start: int | None = None
    while True:
        notifications = app.recorder.select_notifications(
            start=start, limit=PAGE, inclusive_of_start=start is None
        )
        for notification in notifications:
            event: Any = app.mapper.to_domain_event(notification)  # an aggregate's: timestamped
            for mark in {m for s in _strings(vars(event)) for m in MARK.findall(s)}:
                found[f"[sub:{mark}]"].append(event)
        if len(notifications) < PAGE:
            return found
        start = notifications[-1].id


def dump(engine: sa.Engine) -> dict[str, list[str]]:
    """Every row of every projection table, all columns, sorted."""
    # Each row as its repr: some columns hold JSON lists, which do not hash.
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
    """Catch up (as the worker would), dump, rebuild every projection, dump again."""
    # Run it with the server stopped: a rebuild drops the tables the pages read.
    runner = Runner(engine, app.recorder, app.mapper, all_projections())
    lag = max((s.lag for s in runner.status()), default=0)
    runner.catch_up()
    before = dump(engine)
    runner.rebuild()
    return ReadModel(lag, before, dump(engine))


def marks_now(database_url: str) -> Stored:
    """The marks stored so far (the server may be running: this only reads)."""
    with store(database_url) as (app, _):
        return stored_marks(app)
