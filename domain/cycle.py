"""The learning cycle: its state and the events that change it, a stored schema (topics name
`domain.cycle:Cycle.<Event>`). Its commands, grouped by concern, are in the mixins it is made
of: phases (act, reflect, revise, decide), record keeping (tasks, corrections, comments) and
method records (Peer Assist, Most Significant Change)."""

from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.cycle_commands import happened_data
from domain.entries import (
    ACT,
    ADVICE,
    CHOICE,
    COMPARISON,
    DECIDED,
    MISTAKE,
    OBSERVATION,
    PLAN,
    REFLECT,
    REFLECTION,
    STORY,
    Decision,
)
from domain.errors import InvalidFieldError
from domain.fields import checked
from domain.journal import Journal
from domain.method_records import MethodRecords
from domain.methods import PDSA, method
from domain.phases import PhaseCommands
from domain.plan import Plan, PlanData
from domain.record_keeping import RecordKeeping
from domain.when import Happened

__all__ = ["ACT", "DECIDED", "OBSERVATION", "PLAN", "REFLECT", "REFLECTION", "Cycle"]


class Cycle(PhaseCommands, RecordKeeping, MethodRecords, Aggregate):
    """One learning cycle of a pilot group, from its plan to its decision."""

    # Version 2 follows a method (cycles stored before methods followed PDSA); version 3
    # keeps its entries in a Journal; version 4 keeps of them only what its rules need;
    # version 5 keeps when it was opened, if that was before it was recorded.
    class_version = 5

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A snapshot taken before methods existed: a PDSA cycle that asked no one."""
        state.update(method=PDSA, advice_asked={}, chosen=None)

    @staticmethod
    def upcast_v2_v3(state: dict[str, Any]) -> None:
        """A snapshot taken when the cycle held its entries as a list."""
        state["journal"] = {"entries": state.pop("entries")}

    @staticmethod
    def upcast_v3_v4(state: dict[str, Any]) -> None:
        """A snapshot taken when the cycle's journal held every entry whole, its text too."""
        state["journal"] = Journal.of_entries(state["journal"]["entries"])

    @staticmethod
    def upcast_v4_v5(state: dict[str, Any]) -> None:
        """A snapshot taken before cycles kept when they were opened: it cannot say whether
        the cycle was backdated, so what is recorded in it is not checked against its opening
        (its next snapshot keeps it; a past view as things happened copes either way)."""
        state["opened"] = None

    class Opened(Aggregate.Created):
        """A group opened a learning cycle with its first plan, following a method."""

        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Cycles opened before methods existed followed PDSA."""
            state["method"] = PDSA

        group_id: UUID
        number: int
        plan: PlanData
        method: str
        actor: str
        happened: str = ""  # when it happened, if not when recorded (domain/when.py)

        def apply(self, aggregate: "Cycle") -> None:
            aggregate.opened = self.happened  # nothing in the cycle is dated before it

    class Continued(Aggregate.Created):
        """An adapt decision opened this cycle with a plan revised from the last one."""

        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Cycles continued before methods existed followed PDSA."""
            state["method"] = PDSA

        group_id: UUID
        number: int
        plan: PlanData
        method: str
        previous_cycle_id: UUID
        change: str
        cites: list[UUID]
        actor: str
        happened: str = ""  # when it happened, if not when recorded (domain/when.py)

        def apply(self, aggregate: "Cycle") -> None:
            aggregate.previous_cycle_id = self.previous_cycle_id  # the ramp's link
            aggregate.opened = self.happened  # nothing in the cycle is dated before it

    class ObservationRecorded(Aggregate.Event):
        """A member recorded what they saw while acting (v0.1; now ActEntryRecorded)."""

        entry_id: UUID
        text: str
        actor: str
        happened: str = ""  # when it happened, if not when recorded (domain/when.py)

        def apply(self, aggregate: "Cycle") -> None:
            aggregate.add(self.entry_id, OBSERVATION, ACT)

    class ActEntryRecorded(Aggregate.Event):
        """A member recorded an action, observation, problem or surprise while acting."""

        entry_id: UUID
        kind: str
        text: str
        question: str
        actor: str
        happened: str = ""  # when it happened, if not when recorded (domain/when.py)

        def apply(self, aggregate: "Cycle") -> None:
            aggregate.add(self.entry_id, self.kind, ACT)

    class PredictionCompared(Aggregate.Event):
        """A member compared what happened with one question's prediction."""

        entry_id: UUID
        question: str
        outcome: str
        text: str
        actor: str
        happened: str = ""  # when it happened, if not when recorded (domain/when.py)

        def apply(self, aggregate: "Cycle") -> None:
            aggregate.add(self.entry_id, COMPARISON, REFLECT)

    class ReflectionRecorded(Aggregate.Event):
        """A member recorded what was learned."""

        entry_id: UUID
        text: str
        actor: str
        happened: str = ""  # when it happened, if not when recorded (domain/when.py)

        def apply(self, aggregate: "Cycle") -> None:
            aggregate.add(self.entry_id, REFLECTION, REFLECT)

    class MistakeOwned(Aggregate.Event):
        """A member owned a mistake — recorded without blame, as learning."""

        entry_id: UUID
        text: str
        actor: str
        happened: str = ""  # when it happened, if not when recorded (domain/when.py)

        def apply(self, aggregate: "Cycle") -> None:
            aggregate.add(self.entry_id, MISTAKE, REFLECT)

    class PlanRevised(Aggregate.Event):
        """The plan changed, in the light of the cited entries."""

        version: int
        plan: PlanData
        change: str
        cites: list[UUID]
        actor: str

        def apply(self, aggregate: "Cycle") -> None:
            aggregate.plan = Plan.from_event_data(self.plan)
            aggregate.plan_version = self.version

    class SetupTaskCompleted(Aggregate.Event):
        """A set-up task of the plan was done."""

        task_id: str
        actor: str

        def apply(self, aggregate: "Cycle") -> None:
            aggregate.tasks_done.append(self.task_id)

    class EntryAmended(Aggregate.Event):
        """An entry was corrected; the original stays in the record."""

        entry_id: UUID
        text: str
        reason: str
        actor: str

        def apply(self, aggregate: "Cycle") -> None:
            aggregate.journal.amend(self.entry_id)

    class EntryWithdrawn(Aggregate.Event):
        """An entry was withdrawn; it stays in the record, marked as withdrawn."""

        entry_id: UUID
        reason: str
        actor: str

        def apply(self, aggregate: "Cycle") -> None:
            aggregate.journal.withdraw(self.entry_id)

    class CommentAdded(Aggregate.Event):
        """Someone commented on the plan, an entry or the decision."""

        comment_id: UUID
        on: str
        text: str
        actor: str

    class AdviceRequested(Aggregate.Event):
        """Peer Assist: the group asked another group, one that has done it before."""

        request_id: UUID
        to_group_id: UUID
        question: str
        actor: str

        def apply(self, aggregate: "Cycle") -> None:
            aggregate.advice_asked[self.request_id.hex] = self.to_group_id

    class AdviceGiven(Aggregate.Event):
        """Peer Assist: a member of the asked group gave advice (an entry plans may cite)."""

        entry_id: UUID
        request_id: UUID
        from_group_id: UUID
        text: str
        actor: str
        happened: str = ""  # when it happened, if not when recorded (domain/when.py)

        def apply(self, aggregate: "Cycle") -> None:
            aggregate.add(self.entry_id, ADVICE)

    class StoryCollected(Aggregate.Event):
        """Most Significant Change: a story of change, told by someone, reached the panel."""

        entry_id: UUID
        from_group_id: UUID
        title: str
        teller: str
        text: str
        why: str
        actor: str
        happened: str = ""  # when it happened, if not when recorded (domain/when.py)

        def apply(self, aggregate: "Cycle") -> None:
            aggregate.add(self.entry_id, STORY, ACT)

    class StoryChosen(Aggregate.Event):
        """Most Significant Change: the panel chose the most significant story, saying why."""

        entry_id: UUID
        story_id: UUID
        reasons: str
        actor: str
        happened: str = ""  # when it happened, if not when recorded (domain/when.py)

        def apply(self, aggregate: "Cycle") -> None:
            aggregate.add(self.entry_id, CHOICE, REFLECT)
            aggregate.chosen = self.story_id

    class DecisionMade(Aggregate.Event):
        """The group decided to adopt, adapt or abandon the change."""

        decision: str
        reason: str
        next_cycle_id: UUID | None
        actor: str
        happened: str = ""  # when it happened, if not when recorded (domain/when.py)

        def apply(self, aggregate: "Cycle") -> None:
            aggregate.decision = Decision(
                self.decision, self.reason, self.actor, self.next_cycle_id
            )
            aggregate.phase = DECIDED

    @event(Opened)
    def __init__(
        self, group_id: UUID, number: int, plan: PlanData, method: str, actor: str
    ) -> None:
        self.group_id = group_id
        self.number = number
        self.method = method
        self.advice_asked = {}
        self.chosen = None
        self.plan = Plan.from_event_data(plan)
        self.plan_version = 1
        self.phase = PLAN
        self.journal = Journal()
        self.tasks_done = []
        self.decision = None
        self.previous_cycle_id: UUID | None = None

    @classmethod
    def open(
        cls,
        cycle_id: UUID,
        group_id: UUID,
        number: int,
        plan: Plan,
        actor: str,
        method_key: str = PDSA,
        happened: Happened | None = None,
    ) -> "Cycle":
        """Open a ramp's first cycle, under the id its group already recorded."""
        return cls._create(
            cls.Opened,
            id=cycle_id,
            group_id=group_id,
            number=number,
            plan=plan.as_event_data(),
            method=method(method_key).key,
            actor=checked("actor", actor),
            happened=happened_data(happened),
        )

    @classmethod
    def continue_from(
        cls,
        cycle_id: UUID,
        previous: "Cycle",
        number: int,
        plan: Plan,
        change: str,
        cites: list[UUID],
        actor: str,
        happened: Happened | None = None,
        *,
        scaling_up: bool = False,
    ) -> "Cycle":
        """Open the next cycle of a ramp, with a plan revised in the light of cited learning."""
        if scaling_up and not plan.scale.strip():
            message = "Say the larger scale the next cycle tests: who, how many, where, how long."
            raise InvalidFieldError("scale", message)
        previous.journal.check_cites(cites)
        return cls._create(
            cls.Continued,
            id=cycle_id,
            group_id=previous.group_id,
            number=number,
            plan=plan.as_event_data(),
            method=previous.method,  # a ramp keeps its method
            previous_cycle_id=previous.id,
            change=checked("change", change),
            cites=list(dict.fromkeys(cites)),
            actor=checked("actor", actor),
            happened=happened_data(happened),
        )

    def add(self, entry_id: UUID, kind: str, phase: str | None = None) -> None:
        """Keep an entry just recorded; recording it may move the cycle into a phase."""
        self.journal.add(entry_id, kind)
        self.phase = phase or self.phase
