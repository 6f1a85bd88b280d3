"""The Learnloop Application: commands in, ids and notification ids out."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError, JSONTranscoder, Recording

from domain.cycle import Cycle
from domain.errors import NotFoundError
from domain.group import PilotGroup
from domain.plan import Plan
from domain.transcodings import TRANSCODINGS

A = TypeVar("A", bound=Aggregate)

# Appending an entry commutes with a concurrent append, so a lost race is
# simply retried against the newer state; the command re-checks every rule.
RETRIES = 3


@dataclass(frozen=True)
class Recorded:
    """What a command returns: the aggregate it touched and where the log now stands."""

    id: UUID
    notification_id: int


class Learnloop(Application[UUID]):
    """Records pilot groups and their learning cycles as events."""

    name = "Learnloop"
    snapshotting_intervals = {Cycle: 50}

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        """Teach the store the value types aggregates hold, so snapshots can be taken."""
        super().register_transcodings(transcoder)
        for transcoding in TRANSCODINGS:
            transcoder.register(transcoding)

    def form_group(self, name: str, aim: str, actor: str) -> Recorded:
        """Form a pilot group."""
        group = PilotGroup.form(name=name, aim=aim, actor=actor)
        return self._recorded(group.id, self.save(group))

    def open_cycle(
        self,
        group_id: UUID,
        objective: str,
        plan_text: str,
        questions: list[tuple[str, str]],
        actor: str,
    ) -> Recorded:
        """Open the group's next learning cycle with its first plan."""
        plan = Plan.checked(objective, plan_text, questions)

        def command() -> Recorded:
            group = self._get(PilotGroup, group_id)
            cycle_id = Cycle.create_id()
            number = group.add_cycle(cycle_id, actor)
            cycle = Cycle.open(cycle_id, group.id, number, plan, actor)
            return self._recorded(cycle.id, self.save(group, cycle))

        return self._retrying(command)

    def record_observation(self, cycle_id: UUID, text: str, actor: str) -> Recorded:
        """Record an observation made while acting."""
        return self._on_cycle(cycle_id, lambda c: c.record_observation(text, actor))

    def record_reflection(self, cycle_id: UUID, text: str, actor: str) -> Recorded:
        """Record a reflection on what was learned."""
        return self._on_cycle(cycle_id, lambda c: c.record_reflection(text, actor))

    def revise_plan(
        self,
        cycle_id: UUID,
        based_on: int,
        objective: str,
        plan_text: str,
        questions: list[tuple[str, str]],
        change: str,
        cites: list[UUID],
        actor: str,
    ) -> Recorded:
        """Revise a cycle's plan, citing the learning it was revised in the light of."""
        plan = Plan.checked(objective, plan_text, questions)
        return self._on_cycle(
            cycle_id, lambda c: c.revise_plan(based_on, plan, change, cites, actor)
        )

    def _on_cycle(self, cycle_id: UUID, change: Callable[[Cycle], Any]) -> Recorded:
        def command() -> Recorded:
            cycle = self._get(Cycle, cycle_id)
            change(cycle)
            return self._recorded(cycle.id, self.save(cycle))

        return self._retrying(command)

    def _get(self, cls: type[A], aggregate_id: UUID) -> A:
        try:
            aggregate: Aggregate = self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            raise NotFoundError(f"No {cls.__name__} with id {aggregate_id}.") from None
        if not isinstance(aggregate, cls):
            raise NotFoundError(f"No {cls.__name__} with id {aggregate_id}.")
        return aggregate

    @staticmethod
    def _retrying(command: Callable[[], Recorded]) -> Recorded:
        for _ in range(RETRIES - 1):
            try:
                return command()
            except IntegrityError:
                continue
        return command()

    @staticmethod
    def _recorded(aggregate_id: UUID, recordings: list[Recording[UUID]]) -> Recorded:
        return Recorded(aggregate_id, recordings[-1].notification.id)
