"""What every group of a cycle's commands shares: the cycle's state as they see it, and the
rules of its phases that more than one of them keeps."""

from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar
from uuid import UUID, uuid4

from domain.entries import ACTED, STORY, Decision
from domain.errors import CycleClosedError, NothingToReflectOnError, UnknownQuestionError
from domain.fields import checked
from domain.journal import Journal
from domain.methods import Method, method
from domain.plan import Plan
from domain.when import Happened, data_of, not_before_opening

if TYPE_CHECKING:
    from eventsourcing.domain import CanMutateAggregate

    Event = type[CanMutateAggregate[UUID]]


class CycleCommands:
    """The base of the mixins Cycle is made of: each holds one group of its commands."""

    if TYPE_CHECKING:  # what Cycle holds (domain/cycle.py), declared for the type checker
        id: UUID
        created_on: datetime
        group_id: UUID
        method: str
        plan: Plan
        plan_version: int
        phase: str
        journal: Journal
        tasks_done: list[str]
        decision: Decision | None
        advice_asked: dict[str, UUID]  # request id (hex) -> the group asked
        chosen: UUID | None  # the story the panel chose
        # When it was opened ("" when it was recorded; None: unknown, domain/cycle.py)
        opened: str | None
        ActEntryRecorded: ClassVar[Event]
        PredictionCompared: ClassVar[Event]
        ReflectionRecorded: ClassVar[Event]
        MistakeOwned: ClassVar[Event]
        PlanRevised: ClassVar[Event]
        DecisionMade: ClassVar[Event]
        SetupTaskCompleted: ClassVar[Event]
        EntryAmended: ClassVar[Event]
        EntryWithdrawn: ClassVar[Event]
        CommentAdded: ClassVar[Event]
        AdviceRequested: ClassVar[Event]
        AdviceGiven: ClassVar[Event]
        StoryCollected: ClassVar[Event]
        StoryChosen: ClassVar[Event]

        def trigger_event(self, event_class: Event, **kwargs: Any) -> None: ...

    @property
    def followed(self) -> Method:
        """The method this cycle follows."""
        return method(self.method)

    def check_open(self) -> None:
        """A decision closes the cycle: nothing more can be recorded in it."""
        if self.decision is not None:
            raise CycleClosedError(
                f"This cycle is closed: {self.decision.actor} decided to "
                f"{self.decision.decision} it. Nothing more can be recorded in it."
            )

    def _ready_to_reflect(self) -> None:
        """Reflecting (or a panel's choosing) needs something done or seen first."""
        self.check_open()
        if not self.journal.has(ACTED):
            raise NothingToReflectOnError(
                "Record at least one observation from acting before reflecting."
                if STORY not in self.followed.records
                else "Collect at least one story before the panel chooses."
            )

    def _record(
        self,
        event_class: "Event",
        actor: str,
        id_name: str = "entry_id",
        happened: Happened | None = None,
        **fields: Any,
    ) -> UUID:
        """Trigger `event_class` for something new (an entry, unless `id_name` says what),
        with its author checked last and when it happened if the team said; its id."""
        new_id = uuid4()
        when = {"happened": self._happened_data(happened)} if happened else {}
        self.trigger_event(
            event_class, **{id_name: new_id}, **fields, actor=checked("actor", actor), **when
        )
        return new_id

    def _happened_data(self, happened: Happened | None) -> str:
        """When something in this cycle happened, as its event stores it: never in the
        future, and never before the cycle was opened (by the date it was opened, or when it
        was recorded if not backdated)."""
        data = happened_data(happened)
        said = Happened.from_data(data)
        if said is not None and self.opened is not None:
            opening = Happened.from_data(self.opened) or Happened.of_moment(self.created_on)
            not_before_opening(said, opening)
        return data

    def _question(self, question: str) -> str:
        if question and question not in {q.text for q in self.plan.questions}:
            raise UnknownQuestionError("That question is not part of the current plan.")
        return question


def happened_data(happened: Happened | None) -> str:
    """When something happened, as its event stores it: never in the future."""
    return data_of(happened and Happened.checked(happened.day, happened.at))
