"""What the server finds when it starts: accounts, groups and open cycles, made directly."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from uuid import UUID

from domain.application import Learnloop
from domain.clock import today
from domain.when import Happened
from tests.builders import entry_recorded, plan
from tests.conftest import PASSWORD, join, register
from web import create_app
from web.services import Services

SECRET_KEY = "server-test-secret-" + "0" * 32


@dataclass(frozen=True)
class Person:
    """Someone who signs in: their email and name (every password is PASSWORD)."""

    email: str
    name: str
    password: str = PASSWORD


@dataclass(frozen=True)
class Team:
    """A group with one open cycle in its act phase, and the people who record in it."""

    group_id: UUID
    cycle_id: UUID
    members: tuple[Person, ...]


@dataclass(frozen=True)
class World:
    """What was made on the database before the server started."""

    database_url: str
    teams: tuple[Team, ...]
    facilitator: str = ""  # the actor who made the groups (an admin)

    @property
    def people(self) -> list[Person]:
        """Every member of every team."""
        return [p for t in self.teams for p in t.members]


def prepare(
    database_url: str,
    teams: int = 1,
    members: int = 8,
    history: int = 0,
    prefix: str = "m",
    role: str = "member",
) -> World:
    """Accounts, groups and an open cycle each, made through the Application on the database;
    the people join with `role` (facilitators also open cycles)."""
    # Each cycle starts with one observation (so it is acting and a revision can cite it)
    # and `history` more entries, comments and revisions, so pages have something to show.
    flask_app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": SECRET_KEY})
    services: Services = flask_app.extensions["learnloop"]
    app = services.app
    try:
        ann = register(app, f"{prefix}ann Facilitator", admin=True)
        made = []
        for t in range(teams):
            group = app.form_group(f"Ward {t + 1}", "80% of discharges before noon", str(ann))
            cycle = app.open_cycle(
                group.id,
                plan("Criteria-led discharge", "Bay B", [("Home by 11?", "One of two")]),
                str(ann),
                # Begun two months ago, so that scenarios may date what happened in it since.
                happened=Happened(today() - timedelta(days=60)),
            )
            people = []
            for n in range(members):
                person = Person(f"{prefix}{t}x{n}@example.org", f"{prefix}{t}x{n} Member")
                join(app, group.id, register(app, person.name), role, ann)
                people.append(person)
            last = app.record_observation(cycle.id, "Two rounds missed", str(ann))
            _history(app, cycle.id, history, str(ann))
            made.append(Team(group.id, cycle.id, tuple(people)))
            services.caught_up(last.notification_id)
        services.runner.catch_up()
    finally:
        services.close()
    return World(database_url, tuple(made), str(ann))


def _history(app: Learnloop, cycle_id: UUID, count: int, actor: str) -> None:
    """Entries, plan comments and now and then a revision, as a cycle collects them."""
    for n in range(count):
        seen = app.record_observation(cycle_id, f"Seen on round {n}: a bed was late", actor)
        app.comment(cycle_id, "plan", f"Comment {n} on the plan", actor)
        if n % 10 == 9:
            cycle: Any = app.repository.get(cycle_id)
            app.revise_plan(
                cycle_id,
                cycle.plan_version,
                plan(f"Criteria-led discharge, round {n}", f"Bay B, change {n}"),
                f"Change after round {n}",
                [entry_recorded(app, seen)],
                actor,
            )
