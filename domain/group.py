"""The pilot group: a small team trying out a change."""

from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.errors import InvalidFieldError, LastFacilitatorError, UnknownMemberError
from domain.fields import checked
from domain.roles import FACILITATOR, checked_role


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
        """Someone was listed as a member by name (v0.2, before accounts)."""

        member: str
        actor: str

    class MemberJoined(Aggregate.Event):
        """An account joined the group with a role (by accepting an invitation)."""

        account_id: str
        role: str
        actor: str

    class RoleChanged(Aggregate.Event):
        """A facilitator changed a member's role."""

        account_id: str
        role: str
        actor: str

    class MemberRemoved(Aggregate.Event):
        """A facilitator removed someone from the group."""

        account_id: str
        actor: str

    class SharingChanged(Aggregate.Event):
        """The group chose whether its learning is shared organisation-wide."""

        shared: bool
        actor: str

    @event(Formed)
    def __init__(self, name: str, aim: str, actor: str) -> None:
        self.name = name
        self.aim = aim
        self.formed_by = actor
        self.cycle_ids: list[UUID] = []
        self.members: list[str] = [actor]
        # Who has which role, by account id; whoever forms a group facilitates it.
        self.roles: dict[str, str] = {actor: FACILITATOR}
        self.shared = False

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
            aim=aim, reason=checked("aim_reason", reason), actor=checked("actor", actor)
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

    def join(self, account_id: str, role: str, actor: str) -> None:
        """Give an account a role in the group (an accepted invitation)."""
        role = checked_role(role)
        if self.roles.get(account_id) == role:
            return
        if account_id in self.roles:
            self.change_role(account_id, role, actor)
            return
        self._member_joined(account_id=account_id, role=role, actor=actor)

    @event(MemberJoined)
    def _member_joined(self, account_id: str, role: str, actor: str) -> None:
        self.roles[account_id] = role

    def change_role(self, account_id: str, role: str, actor: str) -> None:
        """Change a member's role, keeping at least one facilitator."""
        role = checked_role(role)
        if account_id not in self.roles:
            raise UnknownMemberError("That person is not in this group.")
        self._keeps_a_facilitator(account_id, role)
        if self.roles.get(account_id) != role:
            self._role_changed(account_id=account_id, role=role, actor=actor)

    @event(RoleChanged)
    def _role_changed(self, account_id: str, role: str, actor: str) -> None:
        self.roles[account_id] = role

    def remove(self, account_id: str, actor: str) -> None:
        """Remove someone from the group, keeping at least one facilitator."""
        if account_id not in self.roles:
            raise UnknownMemberError("That person is not in this group.")
        self._keeps_a_facilitator(account_id, None)
        self._member_removed(account_id=account_id, actor=actor)

    @event(MemberRemoved)
    def _member_removed(self, account_id: str, actor: str) -> None:
        del self.roles[account_id]

    def share(self, shared: bool, actor: str) -> None:
        """Share the group's learning organisation-wide, or keep it private."""
        if shared != self.shared:
            self._sharing_changed(shared=shared, actor=actor)

    @event(SharingChanged)
    def _sharing_changed(self, shared: bool, actor: str) -> None:
        self.shared = shared

    def _keeps_a_facilitator(self, account_id: str, new_role: str | None) -> None:
        others = [a for a, r in self.roles.items() if r == FACILITATOR and a != account_id]
        if new_role != FACILITATOR and not others:
            raise LastFacilitatorError(
                "A group needs a facilitator: make someone else facilitator first."
            )
