"""The Learnloop Application: commands in, ids and notification ids out."""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from domain.cycle import Cycle
from domain.entries import CONTINUING, SCALE_UP
from domain.group import PilotGroup
from domain.help import HelpRequest
from domain.measure import Measure
from domain.measure_commands import MeasureCommands
from domain.membership import MembershipCommands
from domain.methods import PDSA, method
from domain.plan import Plan, PlanInput
from domain.service import SNAPSHOT_EVERY, Recorded, replay
from domain.when import Happened

__all__ = ["Learnloop", "PlanInput", "Recorded"]


class Learnloop(MeasureCommands, MembershipCommands):
    """Records pilot groups and their learning cycles as events."""

    name = "Learnloop"
    snapshotting_intervals = {Cycle: SNAPSHOT_EVERY, Measure: SNAPSHOT_EVERY}
    snapshotting_projectors = {Cycle: replay, Measure: replay}

    # Groups

    def form_group(self, name: str, aim: str, actor: str) -> Recorded:
        """Form a pilot group."""
        group = PilotGroup.form(name=name, aim=aim, actor=actor)
        return self._recorded(group.id, self.save(group))

    def revise_aim(self, group_id: UUID, aim: str, reason: str, actor: str) -> Recorded:
        """Change a group's aim, saying why."""
        return self._on(PilotGroup, group_id, lambda g: g.revise_aim(aim, reason, actor))

    def add_member(self, group_id: UUID, member: str, actor: str) -> Recorded:
        """Add someone to a group."""
        return self._on(PilotGroup, group_id, lambda g: g.add_member(member, actor))

    # Cycles

    def open_cycle(
        self,
        group_id: UUID,
        plan: PlanInput,
        actor: str,
        method_key: str = PDSA,
        happened: Happened | None = None,
    ) -> Recorded:
        """Open the first cycle of a new ramp with its plan, following a method."""
        checked = Plan.checked(**plan)
        chosen = method(method_key).key

        def command() -> Recorded:
            group = self._get(PilotGroup, group_id)
            cycle_id = Cycle.create_id()
            number = group.add_cycle(cycle_id, actor)
            cycle = Cycle.open(cycle_id, group.id, number, checked, actor, chosen, happened)
            return self._recorded(cycle.id, self.save(group, cycle))

        return self._retrying(command)

    def record_act_entry(
        self,
        cycle_id: UUID,
        kind: str,
        text: str,
        question: str,
        actor: str,
        happened: Happened | None = None,
    ) -> Recorded:
        """Record an action, observation, problem or surprise."""
        return self._on_cycle(
            cycle_id, lambda c: c.record_act_entry(kind, text, question, actor, happened)
        )

    def record_observation(
        self, cycle_id: UUID, text: str, actor: str, happened: Happened | None = None
    ) -> Recorded:
        """Record an observation made while acting."""
        return self._on_cycle(cycle_id, lambda c: c.record_observation(text, actor, happened))

    def compare_prediction(
        self,
        cycle_id: UUID,
        question: str,
        outcome: str,
        text: str,
        actor: str,
        happened: Happened | None = None,
    ) -> Recorded:
        """Say whether a prediction came true."""
        return self._on_cycle(
            cycle_id, lambda c: c.compare_prediction(question, outcome, text, actor, happened)
        )

    def record_reflection(
        self, cycle_id: UUID, text: str, actor: str, happened: Happened | None = None
    ) -> Recorded:
        """Record a reflection on what was learned."""
        return self._on_cycle(cycle_id, lambda c: c.record_reflection(text, actor, happened))

    def own_mistake(
        self, cycle_id: UUID, text: str, actor: str, happened: Happened | None = None
    ) -> Recorded:
        """Record a mistake as learning."""
        return self._on_cycle(cycle_id, lambda c: c.own_mistake(text, actor, happened))

    def revise_plan(
        self,
        cycle_id: UUID,
        based_on: int,
        plan: PlanInput,
        change: str,
        cites: list[UUID],
        actor: str,
    ) -> Recorded:
        """Revise a cycle's plan, citing the learning it was revised in the light of."""
        checked = Plan.checked(**plan)
        return self._on_cycle(
            cycle_id, lambda c: c.revise_plan(based_on, checked, change, cites, actor)
        )

    def decide(
        self,
        cycle_id: UUID,
        decision: str,
        reason: str,
        actor: str,
        next_plan: PlanInput | None = None,
        cites: list[UUID] | None = None,
        happened: Happened | None = None,
    ) -> Recorded:
        """Adopt, scale up, adapt or abandon. Scaling up and adapting open the next cycle; its
        id is returned."""
        # Without a plan a continuing decision reaches the cycle, which refuses it.
        checked = Plan.checked(**next_plan) if decision in CONTINUING and next_plan else None

        def command() -> Recorded:
            cycle = self._get(Cycle, cycle_id)
            if checked is None:
                cycle.decide(decision, reason, None, actor, happened)
                return self._recorded(cycle.id, self.save(cycle))
            group = self._get(PilotGroup, cycle.group_id)
            next_id = Cycle.create_id()
            number = group.add_cycle(next_id, actor)
            # An adapt's reason is the next plan's "what changed": the team says it once.
            # The change's stricter rules are checked first, so a refusal names that field.
            following = Cycle.continue_from(
                next_id,
                cycle,
                number,
                checked,
                reason,
                cites or [],
                actor,
                happened,
                scaling_up=decision == SCALE_UP,
            )
            cycle.decide(decision, reason, next_id, actor, happened)
            return self._recorded(next_id, self.save(group, cycle, following))

        return self._retrying(command)

    def complete_task(self, cycle_id: UUID, task_id: str, actor: str) -> Recorded:
        """Mark a set-up task done."""
        return self._on_cycle(cycle_id, lambda c: c.complete_task(task_id, actor))

    def amend_entry(
        self, cycle_id: UUID, entry_id: UUID, based_on: int, text: str, reason: str, actor: str
    ) -> Recorded:
        """Correct an entry; the original stays in the record."""
        return self._on_cycle(
            cycle_id, lambda c: c.amend_entry(entry_id, based_on, text, reason, actor)
        )

    def withdraw_entry(
        self, cycle_id: UUID, entry_id: UUID, based_on: int, reason: str, actor: str
    ) -> Recorded:
        """Withdraw an entry; it stays visible, marked withdrawn."""
        return self._on_cycle(
            cycle_id, lambda c: c.withdraw_entry(entry_id, based_on, reason, actor)
        )

    def comment(self, cycle_id: UUID, on: str, text: str, actor: str) -> Recorded:
        """Comment on a cycle's plan, decision or one of its entries."""
        return self._on_cycle(cycle_id, lambda c: c.comment(on, text, actor))

    # Peer Assist and Most Significant Change: learning that crosses group boundaries

    def request_advice(
        self, cycle_id: UUID, to_group_id: UUID, question: str, actor: str
    ) -> Recorded:
        """Ask another group for advice (a Peer Assist cycle); the request's id is returned."""
        self._get(PilotGroup, to_group_id)

        def command() -> Recorded:
            cycle = self._get(Cycle, cycle_id)
            request_id = cycle.request_advice(to_group_id, question, actor)
            return self._recorded(request_id, self.save(cycle))

        return self._retrying(command)

    def give_advice(
        self, cycle_id: UUID, request_id: UUID, from_group_id: UUID, text: str, actor: str
    ) -> Recorded:
        """Answer another group's request for advice, for the group that was asked."""
        return self._on_cycle(
            cycle_id, lambda c: c.give_advice(request_id, from_group_id, text, actor)
        )

    def collect_story(
        self,
        cycle_id: UUID,
        from_group_id: UUID,
        story: dict[str, str],
        actor: str,
        happened: Happened | None = None,
    ) -> Recorded:
        """Bring a story of change (title, teller, text, why) to a panel's cycle."""
        self._get(PilotGroup, from_group_id)
        title, teller, text, why = (story[k] for k in ("title", "teller", "text", "why"))
        return self._on_cycle(
            cycle_id,
            lambda c: c.collect_story(from_group_id, title, teller, text, why, actor, happened),
        )

    def choose_story(
        self,
        cycle_id: UUID,
        story_id: UUID,
        reasons: str,
        actor: str,
        happened: Happened | None = None,
    ) -> Recorded:
        """Record the panel's choice of the most significant story, and why."""
        return self._on_cycle(
            cycle_id, lambda c: c.choose_story(story_id, reasons, actor, happened)
        )

    # Help

    def ask_for_help(self, cycle_id: UUID, text: str, actor: str) -> Recorded:
        """Ask for help on a cycle that is still open."""
        cycle = self._get(Cycle, cycle_id)
        cycle.check_open()
        request = HelpRequest.ask(cycle.group_id, cycle.id, text, actor)
        return self._recorded(request.id, self.save(request))

    def answer_help(self, request_id: UUID, text: str, actor: str) -> Recorded:
        """Answer a help request."""
        return self._on(HelpRequest, request_id, lambda r: r.answer(text, actor))

    def close_help(self, request_id: UUID, actor: str) -> Recorded:
        """Close a help request (its asker only)."""
        return self._on(HelpRequest, request_id, lambda r: r.close(actor))

    # Plumbing

    def _on_cycle(self, cycle_id: UUID, change: Callable[[Cycle], Any]) -> Recorded:
        return self._on(Cycle, cycle_id, change)
