"""The rules a learning cycle enforces, tested on the aggregates alone."""

from uuid import uuid4

import pytest

from domain.cycle import ACT, PLAN, REFLECT, Cycle
from domain.errors import (
    CycleMovedOnError,
    InvalidFieldError,
    NothingToReflectOnError,
    PlanHasNoQuestionError,
    RevisionCitesNoLearningError,
    StalePlanError,
    UncitableEntryError,
)
from domain.group import PilotGroup
from domain.plan import Plan


def a_plan(objective: str = "Discharge two patients before noon") -> Plan:
    return Plan.checked(objective, "Ward 7, Monday", [("Will it work?", "Yes, for 1 of 2")])


def a_cycle() -> Cycle:
    return Cycle.open(uuid4(), uuid4(), 1, a_plan(), "ann")


def test_a_new_cycle_starts_in_the_plan_phase_at_version_one() -> None:
    cycle = a_cycle()
    assert (cycle.phase, cycle.plan_version, cycle.number) == (PLAN, 1, 1)


def test_a_plan_needs_a_question_with_a_prediction() -> None:
    with pytest.raises(PlanHasNoQuestionError):
        Plan.checked("Objective", "", [("", ""), ("  ", "")])


def test_a_plan_refuses_a_blank_objective() -> None:
    with pytest.raises(InvalidFieldError) as refused:
        Plan.checked("   ", "", [("Q?", "P")])
    assert refused.value.field == "objective"


def test_a_plan_refuses_an_over_long_objective_and_says_the_limit() -> None:
    with pytest.raises(InvalidFieldError, match="at most 300 characters"):
        Plan.checked("x" * 301, "", [("Q?", "P")])


def test_a_question_without_a_prediction_is_refused() -> None:
    with pytest.raises(InvalidFieldError) as refused:
        Plan.checked("Objective", "", [("Will it work?", "")])
    assert refused.value.field == "prediction"


def test_an_observation_moves_the_cycle_into_acting() -> None:
    cycle = a_cycle()
    cycle.record_observation("Two patients went home by 11:30", "bob")
    assert cycle.phase == ACT


def test_reflecting_before_anything_was_observed_is_refused_and_records_nothing() -> None:
    cycle = a_cycle()
    with pytest.raises(NothingToReflectOnError):
        cycle.record_reflection("We learned a lot", "bob")
    assert len(cycle.collect_events()) == 1  # only Opened


def test_observations_are_refused_once_the_cycle_is_reflecting() -> None:
    cycle = a_cycle()
    cycle.record_observation("Seen", "bob")
    cycle.record_reflection("Learned", "bob")
    assert cycle.phase == REFLECT
    with pytest.raises(CycleMovedOnError):
        cycle.record_observation("Late note", "bob")


def test_a_revision_must_cite_learning() -> None:
    cycle = a_cycle()
    cycle.record_observation("Seen", "bob")
    with pytest.raises(RevisionCitesNoLearningError):
        cycle.revise_plan(1, a_plan("New"), "Changed", [], "ann")
    assert cycle.plan_version == 1


def test_a_revision_cannot_cite_an_entry_from_elsewhere() -> None:
    cycle = a_cycle()
    cycle.record_observation("Seen", "bob")
    with pytest.raises(UncitableEntryError):
        cycle.revise_plan(1, a_plan("New"), "Changed", [uuid4()], "ann")


def test_a_revision_based_on_an_old_version_is_refused() -> None:
    cycle = a_cycle()
    seen = cycle.record_observation("Seen", "bob")
    cycle.revise_plan(1, a_plan("Second"), "Changed", [seen], "ann")
    with pytest.raises(StalePlanError):
        cycle.revise_plan(1, a_plan("Third"), "Changed again", [seen], "cat")
    assert cycle.plan.objective == "Second"


def test_a_revision_records_what_changed_who_and_the_learning_it_cites() -> None:
    cycle = a_cycle()
    learned = cycle.record_observation("Pharmacy was the bottleneck", "bob")
    version = cycle.revise_plan(
        1, a_plan("Order drugs the day before"), "TTOs early", [learned], "ann"
    )
    revised = cycle.collect_events()[-1]
    assert version == 2
    assert isinstance(revised, Cycle.PlanRevised)
    assert (revised.cites, revised.actor, revised.change) == ([learned], "ann", "TTOs early")


def test_a_revision_refuses_a_blank_change_note() -> None:
    cycle = a_cycle()
    seen = cycle.record_observation("Seen", "bob")
    with pytest.raises(InvalidFieldError) as refused:
        cycle.revise_plan(1, a_plan("New"), "  ", [seen], "ann")
    assert refused.value.field == "change"


def test_every_event_records_its_actor() -> None:
    group = PilotGroup.form("Ward 7", "Discharge before noon", "ann")
    group.add_cycle(uuid4(), "bob")
    cycle = a_cycle()
    seen = cycle.record_observation("Seen", "cat")
    cycle.record_reflection("Learned", "dan")
    cycle.revise_plan(1, a_plan("New"), "Changed", [seen], "eve")
    events = [*group.collect_events(), *cycle.collect_events()]
    assert [e.actor for e in events] == ["ann", "bob", "ann", "cat", "dan", "eve"]  # type: ignore[attr-defined]


def test_a_group_numbers_its_cycles_without_gaps() -> None:
    group = PilotGroup.form("Ward 7", "Discharge before noon", "ann")
    assert [group.add_cycle(uuid4(), "ann") for _ in range(3)] == [1, 2, 3]


def test_a_group_refuses_a_blank_name() -> None:
    with pytest.raises(InvalidFieldError) as refused:
        PilotGroup.form(" ", "Aim", "ann")
    assert refused.value.field == "name"
