"""Helpers for web tests: make a group and a cycle through the Application directly."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.builders import entry_ids, plan
from tests.conftest import make_app, register, sign_in
from tests.web.statements import Statements, count_statements
from web.services import Services
from web.sessions import KEY as SESSIONS
from web.throttle import KEY as THROTTLE

HX = {"HX-Request": "true"}


@dataclass
class Made:
    """Ids of what a test set up."""

    group_id: UUID
    cycle_id: UUID

    def entry_ids(self, app: Flask) -> list[UUID]:
        """The cycle's entry ids, oldest first."""
        return entry_ids(services_of(app).app, self.cycle_id)


def services_of(app: Flask) -> Services:
    """The app's services."""
    found: Services = app.extensions["learnloop"]
    return found


def events_in(app: Flask) -> int:
    """How many events the app has stored."""
    return services_of(app).app.recorder.max_notification_id() or 0


@pytest.fixture
def statements(monkeypatch: pytest.MonkeyPatch) -> Statements:
    """Every SQL statement sent, to count (tests/web/statements.py): in place before the
    app opens any connection."""
    return count_statements(monkeypatch)


@pytest.fixture
def counted_app(statements: Statements, database_url: str) -> Iterator[Flask]:
    """The web app on each database, its statements counted."""
    app = make_app(database_url)
    yield app
    services_of(app).close()


def ann_acting(app: Flask) -> tuple[UUID, UUID, FlaskClient]:
    """Ann's account, her group's cycle in its act phase (one observation of hers), and a
    client signed in as her."""
    s = services_of(app)
    ann = register(s.app, "Ann Facilitator")
    group = s.app.form_group("Ward 9", "Fewer falls at night", str(ann))
    cycle = s.app.open_cycle(
        group.id, plan("Night-time rounding", questions=[("Fewer falls?", "Half")]), str(ann)
    )
    s.caught_up(s.app.record_observation(cycle.id, "Two rounds missed", str(ann)).notification_id)
    return ann, cycle.id, sign_in(app.test_client(), ann)


@pytest.fixture
def acting(app: Flask, ann: UUID) -> Made:
    """A group with a cycle in its act phase: one observation, no reflection yet."""
    s = services_of(app)
    group = s.app.form_group("Ward 9", "Fewer falls at night", str(ann))
    cycle = s.app.open_cycle(
        group.id,
        plan("Night-time rounding", questions=[("Fewer falls?", "Half as many")]),
        str(ann),
    )
    s.caught_up(s.app.record_observation(cycle.id, "Two rounds missed", "Bob").notification_id)
    return Made(group.id, cycle.id)


@pytest.fixture
def made(app: Flask, ann: UUID) -> Made:
    """Ann's group with one cycle: an observation and a reflection, read model caught up."""
    s = services_of(app)
    group = s.app.form_group("Ward 7", "80% of discharges before noon", str(ann))
    cycle = s.app.open_cycle(
        group.id,
        plan("Criteria-led discharge", "Bay B", [("Home by 11?", "One of two")]),
        str(ann),
    )
    s.app.record_observation(cycle.id, "Pharmacy held one patient", "Bob")
    last = s.app.record_reflection(cycle.id, "Order drugs the day before", "Bob")
    s.caught_up(last.notification_id)
    return Made(group.id, cycle.id)


class Clock:
    """A clock the tests move by hand, so nothing waits for real time to pass."""

    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **how_long: float) -> None:
        """Move the clock on, e.g. advance(minutes=15)."""
        self.now += timedelta(**how_long)


@pytest.fixture
def clock(app: Flask) -> Clock:
    """The app's sessions and sign-in throttle read this clock."""
    moved = Clock()
    app.extensions[SESSIONS].clock = moved
    app.extensions[THROTTLE].clock = moved
    return moved
