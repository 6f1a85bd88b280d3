"""The commands that take a cycle through its phases — act, reflect, revise, decide — and
the rules that keep them in order."""

from uuid import UUID

from domain.cycle_commands import CycleCommands
from domain.entries import (
    ACT_KINDS,
    ADAPT,
    CONTINUING,
    DECISIONS,
    LEARNED,
    OBSERVATION,
    OUTCOMES,
    REFLECT,
    SCALE_UP,
    decision_verb,
)
from domain.errors import (
    AlreadyDecidedError,
    CycleMovedOnError,
    InvalidChoiceError,
    NothingLearnedError,
    PlanHasNoQuestionError,
    StalePlanError,
    UnknownQuestionError,
)
from domain.fields import checked
from domain.plan import Plan
from domain.when import Happened

# What a continuing decision needs: the next cycle, with its plan.
_CONTINUES = {
    ADAPT: "Adapting opens the next cycle with a revised plan.",
    SCALE_UP: "Scaling up opens the next cycle, at a larger scale.",
}


class PhaseCommands(CycleCommands):
    """Act, reflect, revise and decide, for Cycle."""

    # Act

    def record_act_entry(
        self, kind: str, text: str, question: str, actor: str, happened: Happened | None = None
    ) -> UUID:
        """Record what was done or seen; moves the cycle into its act phase."""
        self.check_open()
        if self.phase == REFLECT:
            raise CycleMovedOnError(
                "This cycle has moved on to reflecting; record what you saw as a reflection."
            )
        if kind not in ACT_KINDS:
            raise InvalidChoiceError(f"An act entry is one of: {', '.join(ACT_KINDS)}.")
        if not self.plan.questions:
            raise PlanHasNoQuestionError("Give the plan a question before acting on it.")
        return self._record(
            self.ActEntryRecorded,
            actor,
            happened=happened,
            kind=kind,
            text=checked("text", text),
            question=self._question(question),
        )

    def record_observation(self, text: str, actor: str, happened: Happened | None = None) -> UUID:
        """Record what was seen while acting."""
        return self.record_act_entry(OBSERVATION, text, "", actor, happened)

    # Reflect

    def compare_prediction(
        self,
        question: str,
        outcome: str,
        text: str,
        actor: str,
        happened: Happened | None = None,
    ) -> UUID:
        """Say whether a question's prediction came true, and how; for an exploratory
        question, what was found (no outcome: there was no prediction to bear out)."""
        self._ready_to_reflect()
        if not question:
            raise UnknownQuestionError("Choose the question whose prediction you are comparing.")
        exploratory = any(q.exploratory for q in self.plan.questions if q.text == question)
        if exploratory and outcome:
            raise InvalidChoiceError(
                f"“{question}” is exploratory: it made no prediction to confirm. "
                "Say what you found, without an outcome."
            )
        if not exploratory and outcome not in OUTCOMES:
            raise InvalidChoiceError("Say whether the prediction was confirmed, partly, or not.")
        return self._record(
            self.PredictionCompared,
            actor,
            happened=happened,
            question=self._question(question),
            outcome=outcome,
            text=checked("text", text),
        )

    def record_reflection(self, text: str, actor: str, happened: Happened | None = None) -> UUID:
        """Record what was learned; needs something to have been done first."""
        self._ready_to_reflect()
        return self._record(
            self.ReflectionRecorded, actor, happened=happened, text=checked("text", text)
        )

    def own_mistake(self, text: str, actor: str, happened: Happened | None = None) -> UUID:
        """Record a mistake as learning, without blame."""
        self._ready_to_reflect()
        return self._record(
            self.MistakeOwned, actor, happened=happened, text=checked("text", text)
        )

    # Revise

    def revise_plan(
        self, based_on: int, plan: Plan, change: str, cites: list[UUID], actor: str
    ) -> int:
        """Revise the plan in the light of cited learning; return the new version."""
        self.check_open()
        if based_on != self.plan_version:
            raise StalePlanError(
                f"The plan was revised (now version {self.plan_version}) while you were "
                "editing. Your text is kept below: check the newer plan, then save again."
            )
        self.journal.check_cites(cites)
        self.trigger_event(
            self.PlanRevised,
            version=self.plan_version + 1,
            plan=plan.as_event_data(),
            change=checked("change", change),
            cites=list(dict.fromkeys(cites)),
            actor=checked("actor", actor),
        )
        return self.plan_version

    # Decide

    def decide(
        self,
        decision: str,
        reason: str,
        next_cycle_id: UUID | None,
        actor: str,
        happened: Happened | None = None,
    ) -> None:
        """Adopt, scale up, adapt or abandon; closes the cycle. Scaling up and adapting name
        the cycle that follows."""
        if self.decision is not None:
            raise AlreadyDecidedError(
                f"{self.decision.actor} already decided to "
                f"{decision_verb(self.decision.decision)} this cycle."
            )
        if decision not in DECISIONS:
            raise InvalidChoiceError("Decide to adopt, scale up, adapt or abandon.")
        if not self.journal.has(LEARNED, standing=True):
            raise NothingLearnedError(
                "Reflect on what happened against your predictions before deciding."
            )
        if (decision in CONTINUING) != (next_cycle_id is not None):
            raise InvalidChoiceError(_CONTINUES.get(decision, "This decision ends the ramp."))
        self.trigger_event(
            self.DecisionMade,
            decision=decision,
            reason=checked("decision_reason", reason),
            next_cycle_id=next_cycle_id,
            actor=checked("actor", actor),
            **({"happened": self._happened_data(happened)} if happened else {}),
        )
