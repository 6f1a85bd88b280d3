"""One app per form for the hostile-input tests: its people (a facilitator, a member, an
outsider), a group and another, and fresh groups and cycles on demand."""

from dataclasses import dataclass, field
from uuid import UUID

from flask import Flask
from flask.testing import FlaskClient

from domain.application import Learnloop, Recorded
from domain.cycle import Cycle
from domain.methods import PDSA
from tests.builders import entry_ids, plan
from tests.conftest import join, register, sign_in
from tests.web.conftest import services_of
from tests.web.hostile_values import MEASURE, MSC, PEER_ASSIST, QUESTION, STORY, TASK


@dataclass
class World:
    """One app per form: its people, a group and another (to ask for advice, or bring
    stories from), and fresh groups and cycles (following a method, if asked) on demand."""

    app: Flask
    ann: UUID
    clients: dict[str, FlaskClient] = field(default_factory=dict)
    serial: int = 0
    # Catch the read model up after each step. The form-level tests need not: they read
    # aggregates, and catch up once before rendering what a write changed.
    catch_up: bool = True

    def __post_init__(self) -> None:
        s = services_of(self.app).app
        self.bob = register(s, "Bob Member")
        self.cat = register(s, "Cat Outsider")
        self.clients = {
            "facilitator": sign_in(self.app.test_client(), self.ann),
            "signed out": self.app.test_client(),
            "outsider": sign_in(self.app.test_client(), self.cat),
        }
        self.group = self.new_group()
        self.other = self.new_group()  # one the group may ask for advice, or bring stories from

    @property
    def s(self) -> Learnloop:
        return services_of(self.app).app

    def done(self, recorded: Recorded) -> UUID:
        if self.catch_up:
            services_of(self.app).caught_up(recorded.notification_id)
        return recorded.id

    def next(self) -> int:
        self.serial += 1
        return self.serial

    def new_group(self, with_bob: bool = False) -> UUID:
        group = self.done(self.s.form_group("Ward 9", "Fewer falls at night", str(self.ann)))
        if with_bob:
            joined = join(self.s, group, self.bob, "member", self.ann)
            if self.catch_up:
                services_of(self.app).caught_up(joined)
        return group

    def new_cycle(
        self, observed: bool = True, reflected: bool = False, method: str = PDSA
    ) -> UUID:
        opened = self.s.open_cycle(
            self.group,
            plan("Night-time rounding", questions=[(QUESTION, "Half as many")], tasks=[TASK]),
            str(self.ann),
            method,
        )
        cycle = self.done(opened)
        if observed:
            self.done(self.s.record_observation(cycle, "Two rounds missed", str(self.ann)))
        if reflected:
            self.done(self.s.record_reflection(cycle, "Order torches first", str(self.ann)))
        return cycle

    def new_measure(self, ratio: bool = False) -> UUID:
        """A measure of the group, with two points (a percentage's, if `ratio`)."""
        definition = {**MEASURE, "ratio": ratio, "unit": "%" if ratio else "falls"}
        measure = self.done(self.s.define_measure(self.group, definition, str(self.ann)))
        rows = "2025-11-01,3,20\n2025-12-01,5,22" if ratio else "2025-11-01,12\n2025-12-01,9"
        self.done(self.s.import_points(measure, rows, "paste", str(self.ann)))
        return measure

    def point(self, measure_id: UUID) -> str:
        """The id of a measure's first point."""
        return str(next(iter(self.s.repository.get(measure_id).points)))

    def cycle(self, cycle_id: UUID) -> Cycle:
        found: Cycle = self.s.repository.get(cycle_id)
        return found

    def peer_assist(self) -> tuple[UUID, UUID]:
        """A Peer Assist cycle that asked the other group for advice, and the request."""
        cycle = self.new_cycle(observed=False, method=PEER_ASSIST)
        asked = self.s.request_advice(cycle, self.other, "Who has done it?", str(self.ann))
        return cycle, self.done(asked)

    def panel(self) -> tuple[UUID, UUID]:
        """A Most Significant Change cycle with one story (from the other group), and the story."""
        cycle = self.new_cycle(observed=False, method=MSC)
        self.done(self.s.collect_story(cycle, self.other, STORY, str(self.ann)))
        return cycle, entry_ids(self.s, cycle)[-1]
