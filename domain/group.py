"""The pilot group: a small team trying out a change."""

from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.errors import InvalidFieldError
from domain.fields import checked


class PilotGroup(Aggregate):
    """A pilot group, its aim, its members and the cycles it has opened."""

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

    class AimRevised(Aggregate.Event):
        """The group changed what it is trying to improve, and said why."""

        aim: str
        reason: str
        actor: str

    class MemberAdded(Aggregate.Event):
        """Someone joined the group."""

        member: str
        actor: str

    @event(Formed)
    def __init__(self, name: str, aim: str, actor: str) -> None:
        self.name = name
        self.aim = aim
        self.formed_by = actor
        self.cycle_ids: list[UUID] = []
        self.members: list[str] = [actor]

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

    def revise_aim(self, aim: str, reason: str, actor: str) -> None:
        """Change the aim, saying why; the old aim stays in the record."""
        aim = checked("aim", aim)
        if aim == self.aim:
            raise InvalidFieldError("aim", "The aim is unchanged: edit it, or cancel.")
        self._aim_revised(
            aim=aim, reason=checked("decision_reason", reason), actor=checked("actor", actor)
        )

    @event(AimRevised)
    def _aim_revised(self, aim: str, reason: str, actor: str) -> None:
        self.aim = aim

    def add_member(self, member: str, actor: str) -> None:
        """Add someone to the group by name."""
        member = checked("member", member)
        if member.casefold() in {m.casefold() for m in self.members}:
            raise InvalidFieldError("member", f"{member} is already a member.")
        self._member_added(member=member, actor=checked("actor", actor))

    @event(MemberAdded)
    def _member_added(self, member: str, actor: str) -> None:
        self.members.append(member)
