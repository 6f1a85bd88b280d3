"""The full cycle's rules: act kinds, reflection, decisions, ramps, corrections, help."""

from typing import Any, TypeVar
from uuid import UUID, uuid4

import pytest

from domain.cycle import Cycle
from domain.entries import ABANDON, ADAPT, ADOPT, DECIDED, REFLECT
from domain.errors import (
    AlreadyDecidedError,
    CycleClosedError,
    HelpRequestClosedError,
    InvalidChoiceError,
    InvalidFieldError,
    NothingLearnedError,
    NothingToReflectOnError,
    StaleEntryError,
    UncitableEntryError,
    UnknownCommentTargetError,
    UnknownEntryError,
    UnknownQuestionError,
    UnknownTaskError,
)
from domain.group import PilotGroup
from domain.help import ANSWERED, CLOSED, HelpRequest
from domain.journal import Journal
from domain.plan import Plan
from tests.builders import entries_among

QUESTION = "Will nurses remove catheters?"
E = TypeVar("E")


def a_plan(objective: str = "Nurse-led catheter removal", **more: Any) -> Plan:
    return Plan.checked(
        objective, "Ward 4", [(QUESTION, "Yes, most", "They asked for it")], **more
    )


def a_cycle() -> Cycle:
    return Cycle.open(uuid4(), uuid4(), 1, a_plan(), "ann")


def entries(cycle: Cycle) -> list[UUID]:
    """The ids of the entries recorded in a cycle (not saved yet), oldest first."""
    return [e.entry_id for e in entries_among(cycle.pending_events)]


def last(cycle: Cycle, event_class: type[E]) -> E:
    """The event the cycle's last command triggered: what it recorded, text and all."""
    event = cycle.pending_events[-1]
    assert isinstance(event, event_class)
    return event


def reflected_cycle() -> Cycle:
    cycle = a_cycle()
    cycle.record_act_entry("action", "Briefed nurses", "", "bob")
    cycle.record_reflection("Nurses were confident", "bob")
    return cycle


@pytest.mark.parametrize("kind", ["action", "observation", "problem", "surprise"])
def test_every_act_kind_can_be_recorded_and_moves_the_cycle_into_acting(kind: str) -> None:
    cycle = a_cycle()
    entry_id = cycle.record_act_entry(kind, "Something happened", QUESTION, "bob")
    assert cycle.journal.kind(entry_id) == kind
    recorded = last(cycle, Cycle.ActEntryRecorded)
    assert (recorded.entry_id, recorded.question) == (entry_id, QUESTION)


def test_an_unknown_act_kind_is_refused() -> None:
    with pytest.raises(InvalidChoiceError):
        a_cycle().record_act_entry("rumour", "Heard a thing", "", "bob")


def test_an_entry_about_a_question_not_in_the_plan_is_refused() -> None:
    with pytest.raises(UnknownQuestionError):
        a_cycle().record_act_entry("observation", "Seen", "Some other question?", "bob")


def test_comparing_a_prediction_needs_something_done_first() -> None:
    with pytest.raises(NothingToReflectOnError):
        a_cycle().compare_prediction(QUESTION, "partly", "Half did", "bob")


def test_a_comparison_records_the_outcome_and_moves_the_cycle_into_reflecting() -> None:
    cycle = a_cycle()
    cycle.record_act_entry("observation", "6 of 10 removed", QUESTION, "bob")
    entry_id = cycle.compare_prediction(QUESTION, "partly", "6 of 10, not most", "bob")
    recorded = last(cycle, Cycle.PredictionCompared)
    assert (recorded.entry_id, recorded.outcome, cycle.phase) == (entry_id, "partly", REFLECT)


def test_a_comparison_needs_a_known_outcome_and_a_question() -> None:
    cycle = a_cycle()
    cycle.record_act_entry("observation", "Seen", "", "bob")
    with pytest.raises(InvalidChoiceError):
        cycle.compare_prediction(QUESTION, "maybe", "Hm", "bob")
    with pytest.raises(UnknownQuestionError):
        cycle.compare_prediction("", "partly", "Hm", "bob")


def test_a_mistake_is_owned_as_learning_after_acting() -> None:
    cycle = a_cycle()
    with pytest.raises(NothingToReflectOnError):
        cycle.own_mistake("We forgot the night shift", "bob")
    cycle.record_act_entry("action", "Briefed day shift", "", "bob")
    mistake = cycle.own_mistake("We forgot the night shift", "bob")
    assert cycle.journal.kind(mistake) == "mistake"


def test_deciding_needs_a_reflection_or_a_comparison() -> None:
    cycle = a_cycle()
    cycle.record_act_entry("action", "Briefed nurses", "", "bob")
    cycle.own_mistake("Forgot nights", "bob")
    with pytest.raises(NothingLearnedError):
        cycle.decide(ADOPT, "Works", None, "ann")


def test_deciding_twice_is_refused_and_keeps_the_first_decision() -> None:
    cycle = reflected_cycle()
    cycle.decide(ADOPT, "Works", None, "ann")
    with pytest.raises(AlreadyDecidedError, match="ann already decided to adopt"):
        cycle.decide(ABANDON, "Does not", None, "bob")
    assert cycle.decision is not None
    assert (cycle.decision.decision, cycle.phase) == (ADOPT, DECIDED)


def test_an_unknown_decision_is_refused() -> None:
    with pytest.raises(InvalidChoiceError):
        reflected_cycle().decide("postpone", "Later", None, "ann")


def test_adapt_needs_the_next_cycle_and_adopt_must_not_name_one() -> None:
    with pytest.raises(InvalidChoiceError):
        reflected_cycle().decide(ADAPT, "Change it", None, "ann")
    with pytest.raises(InvalidChoiceError):
        reflected_cycle().decide(ADOPT, "Keep it", uuid4(), "ann")


@pytest.mark.parametrize(
    "write",
    [
        lambda c: c.record_act_entry("observation", "Late note", "", "bob"),
        lambda c: c.record_reflection("Late learning", "bob"),
        lambda c: c.compare_prediction(QUESTION, "partly", "Late", "bob"),
        lambda c: c.own_mistake("Late mistake", "bob"),
        lambda c: c.revise_plan(1, a_plan("Late"), "Late", entries(c)[:1], "bob"),
    ],
    ids=["act", "reflection", "comparison", "mistake", "revision"],
)
def test_a_closed_cycle_refuses_every_new_entry(write: object) -> None:
    cycle = reflected_cycle()
    cycle.decide(ABANDON, "Not for us", None, "ann")
    with pytest.raises(CycleClosedError, match="ann decided to abandon"):
        write(cycle)  # type: ignore[operator]


def test_a_closed_cycle_still_takes_comments_and_corrections() -> None:
    cycle = reflected_cycle()
    cycle.decide(ADOPT, "Works", None, "ann")
    cycle.comment("decision", "Well done", "sponsor")
    entry = entries(cycle)[0]
    cycle.amend_entry(entry, 1, "Briefed all nurses", "More precise", "bob")
    amended = last(cycle, Cycle.EntryAmended)
    assert (amended.entry_id, amended.text) == (entry, "Briefed all nurses")
    assert cycle.journal.revision(entry) == 2


def test_adapting_opens_the_next_cycle_citing_learning_from_this_one() -> None:
    first = reflected_cycle()
    learning = entries(first)[-1]
    second = Cycle.continue_from(
        uuid4(), first, 2, a_plan("Wider test"), "Two wards", [learning], "ann"
    )
    first.decide(ADAPT, "Widen", second.id, "ann")
    assert second.previous_cycle_id == first.id
    assert (second.number, second.plan_version, second.group_id) == (2, 1, first.group_id)
    assert first.decision is not None
    assert first.decision.next_cycle_id == second.id


def test_the_next_cycle_must_cite_learning_of_the_cycle_it_continues() -> None:
    first = reflected_cycle()
    with pytest.raises(UncitableEntryError):
        Cycle.continue_from(uuid4(), first, 2, a_plan(), "Changed", [uuid4()], "ann")


def test_an_amendment_keeps_the_entry_and_counts_its_revisions() -> None:
    cycle = reflected_cycle()
    entry = entries(cycle)[0]
    cycle.amend_entry(entry, 1, "Briefed night nurses too", "I left them out", "bob")
    assert last(cycle, Cycle.EntryAmended).text == "Briefed night nurses too"
    assert (cycle.journal.kind(entry), cycle.journal.revision(entry)) == ("action", 2)
    assert not cycle.journal.is_withdrawn(entry)


def test_a_correction_based_on_an_older_version_is_refused() -> None:
    cycle = reflected_cycle()
    entry = entries(cycle)[0]
    cycle.amend_entry(entry, 1, "First fix", "Typo", "bob")
    with pytest.raises(StaleEntryError):
        cycle.amend_entry(entry, 1, "Second fix", "Typo", "cat")
    assert last(cycle, Cycle.EntryAmended).text == "First fix"
    assert cycle.journal.revision(entry) == 2


def test_a_withdrawn_entry_stays_but_can_no_longer_be_cited_or_changed() -> None:
    cycle = reflected_cycle()
    entry = entries(cycle)[0]
    cycle.withdraw_entry(entry, 1, "Recorded on the wrong cycle", "bob")
    assert cycle.journal.is_withdrawn(entry)
    with pytest.raises(UncitableEntryError):
        cycle.revise_plan(1, a_plan("New"), "Change", [entry], "ann")
    with pytest.raises(StaleEntryError):
        cycle.amend_entry(entry, 2, "Again", "Why", "bob")


def test_comments_must_be_on_something_in_the_cycle() -> None:
    cycle = reflected_cycle()
    cycle.comment("plan", "Good plan", "cat")
    cycle.comment(entries(cycle)[0].hex, "Nice", "cat")
    with pytest.raises(UnknownCommentTargetError):
        cycle.comment("decision", "Nothing decided yet", "cat")
    with pytest.raises(UnknownCommentTargetError):
        cycle.comment(uuid4().hex, "On nothing", "cat")


def test_set_up_tasks_are_marked_done_once() -> None:
    plan = a_plan(tasks=[("Print the directive", "Bea", "2026-12-01")])
    cycle = Cycle.open(uuid4(), uuid4(), 1, plan, "ann")
    task_id = plan.tasks[0].id
    cycle.complete_task(task_id, "bea")
    cycle.complete_task(task_id, "bea")
    assert cycle.tasks_done == [task_id]
    with pytest.raises(UnknownTaskError):
        cycle.complete_task("no-such-task", "bea")


def test_a_task_due_date_must_be_a_date() -> None:
    with pytest.raises(InvalidFieldError, match="due date"):
        a_plan(tasks=[("Print", "Bea", "next Tuesday")])


def test_plans_from_version_0_1_events_load_with_blank_new_fields() -> None:
    old = {"objective": "O", "plan_text": "P", "questions": [{"question": "Q", "prediction": "R"}]}
    plan = Plan.from_event_data(old)
    assert (plan.who, plan.tasks, plan.questions[0].reason) == ("", (), "")


def test_a_help_request_stays_open_until_answered_or_closed_by_its_asker() -> None:
    request = HelpRequest.ask(uuid4(), uuid4(), "Who signs the directive?", "bob")
    request.answer("The chief nurse", "sponsor")
    assert request.status == ANSWERED
    with pytest.raises(HelpRequestClosedError, match="Only bob"):
        request.close("sponsor")
    request.close("bob")
    assert request.status == CLOSED
    with pytest.raises(HelpRequestClosedError):
        request.answer("Too late", "cat")


def test_a_group_aim_is_revised_with_a_reason_and_members_are_unique() -> None:
    group = PilotGroup.form("Ward 4", "Fewer catheters", "ann")
    group.revise_aim(
        "Fewer than 10% of patients with a catheter by June", "Needed a target", "ann"
    )
    with pytest.raises(InvalidFieldError, match="unchanged"):
        group.revise_aim("Fewer than 10% of patients with a catheter by June", "Again", "ann")
    group.add_member("Bea", "ann")
    with pytest.raises(InvalidFieldError, match="already a member"):
        group.add_member("bea", "ann")
    assert group.members == ["ann", "Bea"]


def test_an_entry_is_found_only_by_its_whole_id_not_by_a_piece_of_two() -> None:
    first, second = uuid4(), uuid4()
    journal = Journal({"observation": [first.hex + second.hex]})  # as a snapshot keeps them
    assert journal.holds(second.hex)
    assert not journal.holds(first.hex[16:] + second.hex[:16])
    assert not journal.holds(first.hex[:8])
    with pytest.raises(UnknownEntryError):
        journal.kind(UUID(first.hex[16:] + second.hex[:16]))
