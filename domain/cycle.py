"""The learning cycle: plan, act, reflect, revise — and the rules that keep them in order."""

from typing import Any
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate, event

from domain.entries import (
    ACT,
    ACT_KINDS,
    ACTED,
    ADAPT,
    ADVICE,
    CHOICE,
    COMPARISON,
    DECIDED,
    DECISIONS,
    LEARNED,
    MISTAKE,
    OBSERVATION,
    OUTCOMES,
    PLAN,
    REFLECT,
    REFLECTION,
    STORY,
    Decision,
    Entry,
)
from domain.errors import (
    AlreadyDecidedError,
    CycleClosedError,
    CycleMovedOnError,
    InvalidChoiceError,
    NothingLearnedError,
    NothingToReflectOnError,
    NotThisMethodError,
    PlanHasNoQuestionError,
    RevisionCitesNoLearningError,
    StaleEntryError,
    StalePlanError,
    UnknownEntryError,
)
from domain.fields import checked
from domain.methods import PDSA, Method, method
from domain.plan import Plan

__all__ = ["ACT", "DECIDED", "OBSERVATION", "PLAN", "REFLECT", "REFLECTION", "Cycle", "Entry"]


class Cycle(Aggregate):
    """One learning cycle of a pilot group, from its plan to its decision."""

    # Version 2 follows a method (cycles stored before methods followed PDSA).
    class_version = 2

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A snapshot taken before methods existed: a PDSA cycle that asked no one."""
        state.update(method=PDSA, advice_asked={}, chosen=None)

    class Opened(Aggregate.Created):
        """A group opened a learning cycle with its first plan, following a method."""

        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Cycles opened before methods existed followed PDSA."""
            state["method"] = PDSA

        group_id: UUID
        number: int
        plan: dict[str, Any]
        method: str
        actor: str

    class Continued(Aggregate.Created):
        """An adapt decision opened this cycle with a plan revised from the last one."""

        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Cycles continued before methods existed followed PDSA."""
            state["method"] = PDSA

        group_id: UUID
        number: int
        plan: dict[str, Any]
        method: str
        previous_cycle_id: UUID
        change: str
        cites: list[UUID]
        actor: str

        def apply(self, aggregate: "Cycle") -> None:
            """Link the new cycle to the one it continues (the ramp)."""
            aggregate.previous_cycle_id = self.previous_cycle_id

    class ObservationRecorded(Aggregate.Event):
        """A member recorded what they saw while acting (v0.1; now ActEntryRecorded)."""

        entry_id: UUID
        text: str
        actor: str

    class ActEntryRecorded(Aggregate.Event):
        """A member recorded an action, observation, problem or surprise while acting."""

        entry_id: UUID
        kind: str
        text: str
        question: str
        actor: str

    class PredictionCompared(Aggregate.Event):
        """A member compared what happened with one question's prediction."""

        entry_id: UUID
        question: str
        outcome: str
        text: str
        actor: str

    class ReflectionRecorded(Aggregate.Event):
        """A member recorded what was learned."""

        entry_id: UUID
        text: str
        actor: str

    class MistakeOwned(Aggregate.Event):
        """A member owned a mistake — recorded without blame, as learning."""

        entry_id: UUID
        text: str
        actor: str

    class PlanRevised(Aggregate.Event):
        """The plan changed, in the light of the cited entries."""

        version: int
        plan: dict[str, Any]
        change: str
        cites: list[UUID]
        actor: str

    class SetupTaskCompleted(Aggregate.Event):
        """A set-up task of the plan was done."""

        task_id: str
        actor: str

    class EntryAmended(Aggregate.Event):
        """An entry was corrected; the original stays in the record."""

        entry_id: UUID
        text: str
        reason: str
        actor: str

    class EntryWithdrawn(Aggregate.Event):
        """An entry was withdrawn; it stays in the record, marked as withdrawn."""

        entry_id: UUID
        reason: str
        actor: str

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

    class AdviceGiven(Aggregate.Event):
        """Peer Assist: a member of the asked group gave advice (an entry plans may cite)."""

        entry_id: UUID
        request_id: UUID
        from_group_id: UUID
        text: str
        actor: str

    class StoryCollected(Aggregate.Event):
        """Most Significant Change: a story of change, told by someone, reached the panel."""

        entry_id: UUID
        from_group_id: UUID
        title: str
        teller: str
        text: str
        why: str
        actor: str

    class StoryChosen(Aggregate.Event):
        """Most Significant Change: the panel chose the most significant story, saying why."""

        entry_id: UUID
        story_id: UUID
        reasons: str
        actor: str

    class DecisionMade(Aggregate.Event):
        """The group decided to adopt, adapt or abandon the change."""

        decision: str
        reason: str
        next_cycle_id: UUID | None
        actor: str

    @event(Opened)
    def __init__(
        self, group_id: UUID, number: int, plan: dict[str, Any], method: str, actor: str
    ) -> None:
        self._start(group_id, number, plan, method)

    def _start(self, group_id: UUID, number: int, plan: dict[str, Any], method: str) -> None:
        self.group_id = group_id
        self.number = number
        self.method = method
        self.advice_asked: dict[str, UUID] = {}  # request id (hex) -> the group asked
        self.chosen: UUID | None = None  # the story the panel chose
        self.plan = Plan.from_event_data(plan)
        self.plan_version = 1
        self.phase = PLAN
        self.entries: list[Entry] = []
        self.tasks_done: list[str] = []
        self.decision: Decision | None = None
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
    ) -> "Cycle":
        """Open the next cycle of a ramp, with a plan revised in the light of cited learning."""
        previous.check_cites(cites)
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
        )

    # Act

    def record_act_entry(self, kind: str, text: str, question: str, actor: str) -> UUID:
        """Record what was done or seen; moves the cycle into its act phase."""
        self._open_for(ACT)
        if kind not in ACT_KINDS:
            raise InvalidChoiceError(f"An act entry is one of: {', '.join(ACT_KINDS)}.")
        if not self.plan.questions:
            raise PlanHasNoQuestionError("Give the plan a question before acting on it.")
        entry_id = uuid4()
        self._act_entry_recorded(
            entry_id=entry_id,
            kind=kind,
            text=checked("text", text),
            question=self._question(question),
            actor=checked("actor", actor),
        )
        return entry_id

    def record_observation(self, text: str, actor: str) -> UUID:
        """Record what was seen while acting."""
        return self.record_act_entry(OBSERVATION, text, "", actor)

    @event(ActEntryRecorded)
    def _act_entry_recorded(
        self, entry_id: UUID, kind: str, text: str, question: str, actor: str
    ) -> None:
        self.entries.append(Entry(entry_id, kind, text, actor, question=question))
        self.phase = ACT

    @event(ObservationRecorded)
    def _observation_recorded(self, entry_id: UUID, text: str, actor: str) -> None:
        self.entries.append(Entry(entry_id, OBSERVATION, text, actor))
        self.phase = ACT

    # Reflect

    def compare_prediction(self, question: str, outcome: str, text: str, actor: str) -> UUID:
        """Say whether a question's prediction came true, and how."""
        self._ready_to_reflect()
        if outcome not in OUTCOMES:
            raise InvalidChoiceError("Say whether the prediction was confirmed, partly, or not.")
        if not question:
            raise UnknownEntryError("Choose the question whose prediction you are comparing.")
        entry_id = uuid4()
        self._prediction_compared(
            entry_id=entry_id,
            question=self._question(question),
            outcome=outcome,
            text=checked("text", text),
            actor=checked("actor", actor),
        )
        return entry_id

    @event(PredictionCompared)
    def _prediction_compared(
        self, entry_id: UUID, question: str, outcome: str, text: str, actor: str
    ) -> None:
        self.entries.append(Entry(entry_id, COMPARISON, text, actor, question, outcome))
        self.phase = REFLECT

    def record_reflection(self, text: str, actor: str) -> UUID:
        """Record what was learned; needs something to have been done first."""
        self._ready_to_reflect()
        entry_id = uuid4()
        self._reflection_recorded(
            entry_id=entry_id, text=checked("text", text), actor=checked("actor", actor)
        )
        return entry_id

    @event(ReflectionRecorded)
    def _reflection_recorded(self, entry_id: UUID, text: str, actor: str) -> None:
        self.entries.append(Entry(entry_id, REFLECTION, text, actor))
        self.phase = REFLECT

    def own_mistake(self, text: str, actor: str) -> UUID:
        """Record a mistake as learning, without blame."""
        self._ready_to_reflect()
        entry_id = uuid4()
        self._mistake_owned(
            entry_id=entry_id, text=checked("text", text), actor=checked("actor", actor)
        )
        return entry_id

    @event(MistakeOwned)
    def _mistake_owned(self, entry_id: UUID, text: str, actor: str) -> None:
        self.entries.append(Entry(entry_id, MISTAKE, text, actor))
        self.phase = REFLECT

    # Revise

    def revise_plan(
        self, based_on: int, plan: Plan, change: str, cites: list[UUID], actor: str
    ) -> int:
        """Revise the plan in the light of cited learning; return the new version."""
        self._not_closed()
        if based_on != self.plan_version:
            raise StalePlanError(
                f"The plan was revised (now version {self.plan_version}) while you were "
                "editing. Your text is kept below: check the newer plan, then save again."
            )
        self.check_cites(cites)
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
        self, version: int, plan: dict[str, Any], change: str, cites: list[UUID], actor: str
    ) -> None:
        self.plan = Plan.from_event_data(plan)
        self.plan_version = version

    # Peer Assist: ask a group that has done it before; its advice can be cited like learning.

    def request_advice(self, to_group_id: UUID, question: str, actor: str) -> UUID:
        """Ask another group for advice; returns the request's id."""
        self._follows(ADVICE, "requests for advice")
        self._not_closed()
        if to_group_id == self.group_id:
            raise InvalidChoiceError(
                "Ask a group other than your own: Peer Assist learns from those who have "
                "done it before."
            )
        request_id = uuid4()
        self._advice_requested(
            request_id=request_id,
            to_group_id=to_group_id,
            question=checked("advice_question", question),
            actor=checked("actor", actor),
        )
        return request_id

    @event(AdviceRequested)
    def _advice_requested(
        self, request_id: UUID, to_group_id: UUID, question: str, actor: str
    ) -> None:
        self.advice_asked[request_id.hex] = to_group_id

    def give_advice(self, request_id: UUID, from_group_id: UUID, text: str, actor: str) -> UUID:
        """A member of the asked group answers a request for advice."""
        asked = self.advice_asked.get(request_id.hex)
        if asked is None:
            raise UnknownEntryError("That request for advice is not part of this cycle.")
        if asked != from_group_id:
            raise InvalidChoiceError("Only the group that was asked can give this advice.")
        self._not_closed()
        entry_id = uuid4()
        self._advice_given(
            entry_id=entry_id,
            request_id=request_id,
            from_group_id=from_group_id,
            text=checked("advice", text),
            actor=checked("actor", actor),
        )
        return entry_id

    @event(AdviceGiven)
    def _advice_given(
        self, entry_id: UUID, request_id: UUID, from_group_id: UUID, text: str, actor: str
    ) -> None:
        self.entries.append(Entry(entry_id, ADVICE, text, actor))

    # Most Significant Change: stories reach the panel, which chooses one and says why.

    def collect_story(
        self, from_group_id: UUID, title: str, teller: str, text: str, why: str, actor: str
    ) -> UUID:
        """Add a story of change to those the panel will read."""
        self._follows(STORY, "stories of change")
        self._not_closed()
        if self.chosen is not None:
            raise CycleMovedOnError(
                "The panel has already chosen; stories for this period are closed. "
                "Tell it in the next cycle."
            )
        entry_id = uuid4()
        self._story_collected(
            entry_id=entry_id,
            from_group_id=from_group_id,
            title=checked("story_title", title),
            teller=checked("teller", teller),
            text=checked("story", text),
            why=checked("why", why),
            actor=checked("actor", actor),
        )
        return entry_id

    @event(StoryCollected)
    def _story_collected(
        self,
        entry_id: UUID,
        from_group_id: UUID,
        title: str,
        teller: str,
        text: str,
        why: str,
        actor: str,
    ) -> None:
        self.entries.append(Entry(entry_id, STORY, text, actor))
        self.phase = ACT

    def choose_story(self, story_id: UUID, reasons: str, actor: str) -> UUID:
        """The panel's choice of the most significant story, with its reasons."""
        self._follows(STORY, "stories of change")
        self._ready_to_reflect()
        if self.chosen is not None:
            raise AlreadyDecidedError("The panel has already chosen this period's story.")
        story = self.entry(story_id)
        if story.kind != STORY or story.withdrawn:
            raise UnknownEntryError("Choose one of the stories collected in this cycle.")
        entry_id = uuid4()
        self._story_chosen(
            entry_id=entry_id,
            story_id=story_id,
            reasons=checked("reasons", reasons),
            actor=checked("actor", actor),
        )
        return entry_id

    @event(StoryChosen)
    def _story_chosen(self, entry_id: UUID, story_id: UUID, reasons: str, actor: str) -> None:
        self.entries.append(Entry(entry_id, CHOICE, reasons, actor))
        self.chosen = story_id
        self.phase = REFLECT

    # Decide

    def decide(self, decision: str, reason: str, next_cycle_id: UUID | None, actor: str) -> None:
        """Adopt, adapt or abandon; closes the cycle. Adapt names the cycle that follows."""
        if self.decision is not None:
            raise AlreadyDecidedError(
                f"{self.decision.actor} already decided to {self.decision.decision} this cycle."
            )
        if decision not in DECISIONS:
            raise InvalidChoiceError("Decide to adopt, adapt or abandon.")
        if not any(e.kind in LEARNED and not e.withdrawn for e in self.entries):
            raise NothingLearnedError(
                "Reflect on what happened against your predictions before deciding."
            )
        if (decision == ADAPT) != (next_cycle_id is not None):
            raise InvalidChoiceError("Adapting opens the next cycle with a revised plan.")
        self._decision_made(
            decision=decision,
            reason=checked("decision_reason", reason),
            next_cycle_id=next_cycle_id,
            actor=checked("actor", actor),
        )

    @event(DecisionMade)
    def _decision_made(
        self, decision: str, reason: str, next_cycle_id: UUID | None, actor: str
    ) -> None:
        self.decision = Decision(decision, reason, actor, next_cycle_id)
        self.phase = DECIDED

    # Set-up tasks, corrections and comments

    def complete_task(self, task_id: str, actor: str) -> None:
        """Mark one of the plan's set-up tasks done."""
        self._not_closed()
        if task_id not in {t.id for t in self.plan.tasks}:
            raise UnknownEntryError("That task is not part of the current plan.")
        if task_id not in self.tasks_done:
            self._task_completed(task_id=task_id, actor=checked("actor", actor))

    @event(SetupTaskCompleted)
    def _task_completed(self, task_id: str, actor: str) -> None:
        self.tasks_done.append(task_id)

    def amend_entry(
        self, entry_id: UUID, based_on: int, text: str, reason: str, actor: str
    ) -> None:
        """Correct an entry by a new event; the original stays visible."""
        self._current(entry_id, based_on)
        self._entry_amended(
            entry_id=entry_id,
            text=checked("text", text),
            reason=checked("decision_reason", reason),
            actor=checked("actor", actor),
        )

    @event(EntryAmended)
    def _entry_amended(self, entry_id: UUID, text: str, reason: str, actor: str) -> None:
        self._replace(entry_id, lambda e: e.amended(text))

    def withdraw_entry(self, entry_id: UUID, based_on: int, reason: str, actor: str) -> None:
        """Withdraw an entry; it stays visible, marked withdrawn."""
        self._current(entry_id, based_on)
        self._entry_withdrawn(
            entry_id=entry_id,
            reason=checked("decision_reason", reason),
            actor=checked("actor", actor),
        )

    @event(EntryWithdrawn)
    def _entry_withdrawn(self, entry_id: UUID, reason: str, actor: str) -> None:
        self._replace(entry_id, lambda e: e.withdrawn_now())

    def comment(self, on: str, text: str, actor: str) -> UUID:
        """Comment on the plan ("plan"), the decision ("decision") or an entry (its id)."""
        targets = {"plan", "decision", *(e.id.hex for e in self.entries)}
        if on not in targets or (on == "decision" and self.decision is None):
            raise UnknownEntryError("There is nothing here to comment on.")
        comment_id = uuid4()
        self._comment_added(
            comment_id=comment_id,
            on=on,
            text=checked("comment", text),
            actor=checked("actor", actor),
        )
        return comment_id

    @event(CommentAdded)
    def _comment_added(self, comment_id: UUID, on: str, text: str, actor: str) -> None:
        pass  # Comments are dialogue, shown by the read side; they change no rule.

    # Rules shared by the commands above

    def check_cites(self, cites: list[UUID]) -> None:
        """A revision cites at least one entry of this cycle, none withdrawn."""
        if not cites:
            raise RevisionCitesNoLearningError(
                "Say which reflection or observation this revision is made in the light of."
            )
        citable = {e.id for e in self.entries if not e.withdrawn}
        if any(c not in citable for c in cites):
            raise UnknownEntryError("A cited entry is not part of this cycle, or was withdrawn.")

    def entry(self, entry_id: UUID) -> Entry:
        """One of this cycle's entries."""
        for e in self.entries:
            if e.id == entry_id:
                return e
        raise UnknownEntryError("That entry is not part of this cycle.")

    def _current(self, entry_id: UUID, based_on: int) -> Entry:
        found = self.entry(entry_id)
        if found.withdrawn:
            raise StaleEntryError("That entry has been withdrawn; it can no longer be changed.")
        if found.revision != based_on:
            raise StaleEntryError(
                "Someone corrected this entry while you were editing. Your text is kept: "
                "check the newer version, then save again."
            )
        return found

    def _replace(self, entry_id: UUID, change: Any) -> None:
        self.entries = [change(e) if e.id == entry_id else e for e in self.entries]

    def _question(self, question: str) -> str:
        if question and question not in {q.text for q in self.plan.questions}:
            raise UnknownEntryError("That question is not part of the current plan.")
        return question

    def _not_closed(self) -> None:
        if self.decision is not None:
            raise CycleClosedError(
                f"This cycle is closed: {self.decision.actor} decided to "
                f"{self.decision.decision} it. Nothing more can be recorded in it."
            )

    def _open_for(self, phase: str) -> None:
        self._not_closed()
        if phase == ACT and self.phase == REFLECT:
            raise CycleMovedOnError(
                "This cycle has moved on to reflecting; record what you saw as a reflection."
            )

    def _ready_to_reflect(self) -> None:
        self._not_closed()
        if not any(e.kind in ACTED for e in self.entries):
            raise NothingToReflectOnError(
                "Record at least one observation from acting before reflecting."
                if STORY not in self._method.records
                else "Collect at least one story before the panel chooses."
            )

    @property
    def _method(self) -> Method:
        return method(self.method)

    def _follows(self, record: str, name: str) -> None:
        if record not in self._method.records:
            raise NotThisMethodError(
                f"This cycle follows {self._method.name}; {name} belong to cycles that "
                f"follow {'Peer Assist' if record == ADVICE else 'Most Significant Change'}."
            )
