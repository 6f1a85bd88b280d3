"""The learning cycle: plan, act, reflect, revise."""

from dataclasses import dataclass
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate, event

from domain.errors import (
    CycleMovedOnError,
    NothingToReflectOnError,
    RevisionCitesNoLearningError,
    StalePlanError,
    UnknownEntryError,
)
from domain.fields import checked
from domain.plan import Plan

PLAN, ACT, REFLECT = "plan", "act", "reflect"
OBSERVATION, REFLECTION = "observation", "reflection"


@dataclass(frozen=True)
class Entry:
    """Something a member recorded in the cycle: an observation or a reflection."""

    id: UUID
    kind: str
    text: str
    actor: str


class Cycle(Aggregate):
    """One learning cycle of a pilot group, from its plan to its revisions."""

    class Opened(Aggregate.Created):
        """A group opened a learning cycle with its first plan."""

        group_id: UUID
        number: int
        plan: dict[str, Any]
        actor: str

    class ObservationRecorded(Aggregate.Event):
        """A member recorded what they saw while acting."""

        entry_id: UUID
        text: str
        actor: str

    class ReflectionRecorded(Aggregate.Event):
        """A member recorded what was learned."""

        entry_id: UUID
        text: str
        actor: str

    class PlanRevised(Aggregate.Event):
        """The plan changed, in the light of the cited observations or reflections."""

        version: int
        plan: dict[str, Any]
        change: str
        cites: list[UUID]
        actor: str

    @event(Opened)
    def __init__(self, group_id: UUID, number: int, plan: dict[str, Any], actor: str) -> None:
        self.group_id = group_id
        self.number = number
        self.plan = Plan.from_event_data(plan)
        self.plan_version = 1
        self.phase = PLAN
        self.entries: list[Entry] = []

    @classmethod
    def open(cls, cycle_id: UUID, group_id: UUID, number: int, plan: Plan, actor: str) -> "Cycle":
        """Open a cycle with its first plan, under the id its group already recorded."""
        return cls._create(
            cls.Opened,
            id=cycle_id,
            group_id=group_id,
            number=number,
            plan=plan.as_event_data(),
            actor=checked("actor", actor),
        )

    def record_observation(self, text: str, actor: str) -> UUID:
        """Record what was seen while acting; moves the cycle into its act phase."""
        if self.phase == REFLECT:
            raise CycleMovedOnError(
                "This cycle has moved on to reflecting; record what you saw as a reflection."
            )
        entry_id = uuid4()
        self._observation_recorded(
            entry_id=entry_id, text=checked("text", text), actor=checked("actor", actor)
        )
        return entry_id

    @event(ObservationRecorded)
    def _observation_recorded(self, entry_id: UUID, text: str, actor: str) -> None:
        self.entries.append(Entry(entry_id, OBSERVATION, text, actor))
        self.phase = ACT

    def record_reflection(self, text: str, actor: str) -> UUID:
        """Record what was learned; needs something to have been done first."""
        if not any(e.kind == OBSERVATION for e in self.entries):
            raise NothingToReflectOnError(
                "Record at least one observation from acting before reflecting."
            )
        entry_id = uuid4()
        self._reflection_recorded(
            entry_id=entry_id, text=checked("text", text), actor=checked("actor", actor)
        )
        return entry_id

    @event(ReflectionRecorded)
    def _reflection_recorded(self, entry_id: UUID, text: str, actor: str) -> None:
        self.entries.append(Entry(entry_id, REFLECTION, text, actor))
        self.phase = REFLECT

    def revise_plan(
        self, based_on: int, plan: Plan, change: str, cites: list[UUID], actor: str
    ) -> int:
        """Revise the plan in the light of cited learning; return the new version."""
        if based_on != self.plan_version:
            raise StalePlanError(
                f"The plan was revised (now version {self.plan_version}) while you were "
                "editing. Your text is kept below: check the newer plan, then save again."
            )
        if not cites:
            raise RevisionCitesNoLearningError(
                "Say which reflection or observation this revision is made in the light of."
            )
        known = {e.id for e in self.entries}
        unknown = [c for c in cites if c not in known]
        if unknown:
            raise UnknownEntryError("A cited entry is not part of this cycle.")
        self._plan_revised(
            version=self.plan_version + 1,
            plan=plan.as_event_data(),
            change=checked("change", change),
            cites=list(dict.fromkeys(cites)),
            actor=checked("actor", actor),
        )
        return self.plan_version

    @event(PlanRevised)
    def _plan_revised(
        self,
        version: int,
        plan: dict[str, Any],
        change: str,
        cites: list[UUID],
        actor: str,
    ) -> None:
        self.plan = Plan.from_event_data(plan)
        self.plan_version = version
