"""The pilot group: a small team trying out a change."""

from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.fields import checked


class PilotGroup(Aggregate):
    """A pilot group, its aim and the cycles it has opened."""

    class Formed(Aggregate.Created):
        """A team formed a pilot group with an aim."""

        name: str
        aim: str
        actor: str

    class CycleAdded(Aggregate.Event):
        """The group opened its next learning cycle."""

        cycle_id: UUID
        number: int
        actor: str

    @event(Formed)
    def __init__(self, name: str, aim: str, actor: str) -> None:
        self.name = name
        self.aim = aim
        self.formed_by = actor
        self.cycle_ids: list[UUID] = []

    @classmethod
    def form(cls, name: str, aim: str, actor: str) -> "PilotGroup":
        """Form a group, refusing a blank or over-long name or aim."""
        return cls(
            name=checked("name", name), aim=checked("aim", aim), actor=checked("actor", actor)
        )

    @property
    def next_cycle_number(self) -> int:
        """The number the next cycle this group opens will carry."""
        return len(self.cycle_ids) + 1

    def add_cycle(self, cycle_id: UUID, actor: str) -> int:
        """Record that the group opened a cycle; return the cycle's number."""
        number = self.next_cycle_number
        self._cycle_added(cycle_id=cycle_id, number=number, actor=actor)
        return number

    @event(CycleAdded)
    def _cycle_added(self, cycle_id: UUID, number: int, actor: str) -> None:
        self.cycle_ids.append(cycle_id)
