"""Methods: a cycle follows one; Peer Assist and Most Significant Change keep their own records."""

from uuid import UUID, uuid4

import pytest

from domain.cycle import Cycle
from domain.entries import ACT, ADAPT, ADOPT, ADVICE, CHOICE, REFLECT, STORY
from domain.errors import (
    AlreadyDecidedError,
    CycleClosedError,
    CycleMovedOnError,
    InvalidChoiceError,
    InvalidFieldError,
    NothingLearnedError,
    NothingToReflectOnError,
    NotThisMethodError,
    UnknownAdviceRequestError,
    UnknownStoryError,
)
from domain.methods import CATALOGUE, PDSA, STEPS, method
from domain.plan import Plan


def a_plan() -> Plan:
    return Plan.checked("Learn from Ward 3", "", [("Will it help?", "Yes")])


def cycle_following(key: str, group_id: UUID | None = None) -> Cycle:
    return Cycle.open(uuid4(), group_id or uuid4(), 1, a_plan(), "ann", key)


def test_the_catalogue_holds_the_eight_methods_each_with_four_steps_that_prompt() -> None:
    assert set(CATALOGUE) >= {
        "pdsa",
        "after_action_review",
        "retrospect",
        "peer_assist",
        "action_learning_set",
        "appreciative_inquiry",
        "most_significant_change",
        "learning_log",
    }
    for m in CATALOGUE.values():
        assert tuple(s.phase for s in m.steps) == STEPS
        assert all(s.name and s.prompts for s in m.steps), m.key
    assert method("after_action_review").step(REFLECT).name == "Why were there differences?"


def test_a_cycle_follows_pdsa_unless_told_otherwise_and_an_unknown_method_is_refused() -> None:
    assert Cycle.open(uuid4(), uuid4(), 1, a_plan(), "ann").method == PDSA
    assert cycle_following("learning_log").method == "learning_log"
    with pytest.raises(InvalidChoiceError, match="Choose one of the methods"):
        cycle_following("six_sigma")


def test_an_adapted_ramp_keeps_its_method() -> None:
    cycle = cycle_following("after_action_review")
    cycle.record_act_entry("observation", "Half went home early", "", "bob")
    learned = cycle.record_reflection("Pharmacy was the bottleneck", "bob")
    following = Cycle.continue_from(uuid4(), cycle, 2, a_plan(), "Pharmacy first", [learned], "x")
    assert following.method == "after_action_review"
    cycle.decide(ADAPT, "Try again", following.id, "ann")


def test_peer_assist_asks_another_group_and_its_advice_can_be_cited() -> None:
    cycle = cycle_following("peer_assist")
    ward_3 = uuid4()
    request = cycle.request_advice(ward_3, "How did you get pharmacy on board?", "ann")
    advice = cycle.give_advice(request, ward_3, "Ask them the day before", "cat")
    assert cycle.journal.kind(advice) == ADVICE
    assert cycle.revise_plan(1, a_plan(), "Ask pharmacy the day before", [advice], "ann") == 2


def test_peer_assist_refuses_asking_yourself_and_advice_from_a_group_not_asked() -> None:
    own = uuid4()
    cycle = cycle_following("peer_assist", own)
    with pytest.raises(InvalidChoiceError, match="other than your own"):
        cycle.request_advice(own, "How?", "ann")
    request = cycle.request_advice(uuid4(), "How?", "ann")
    with pytest.raises(InvalidChoiceError, match="Only the group that was asked"):
        cycle.give_advice(request, uuid4(), "Like this", "eve")
    with pytest.raises(UnknownAdviceRequestError):
        cycle.give_advice(uuid4(), own, "Like this", "eve")
    with pytest.raises(InvalidFieldError):
        cycle.request_advice(uuid4(), "   ", "ann")


def test_only_their_own_methods_keep_advice_and_stories() -> None:
    pdsa = cycle_following(PDSA)
    with pytest.raises(NotThisMethodError, match="follows PDSA"):
        pdsa.request_advice(uuid4(), "How?", "ann")
    with pytest.raises(NotThisMethodError, match="Most Significant Change"):
        pdsa.collect_story(uuid4(), "A", "Mr B", "Story", "Why", "ann")


def test_no_advice_once_the_cycle_is_closed() -> None:
    ward_3 = uuid4()
    cycle = cycle_following("peer_assist")
    request = cycle.request_advice(ward_3, "How?", "ann")
    cycle.record_act_entry("action", "Did it", "", "ann")
    cycle.record_reflection("It worked", "ann")
    cycle.decide(ADOPT, "Keep it", None, "ann")
    with pytest.raises(CycleClosedError):
        cycle.give_advice(request, ward_3, "Too late", "cat")


def test_most_significant_change_collects_stories_and_the_panel_chooses_one_saying_why() -> None:
    cycle = cycle_following("most_significant_change")
    with pytest.raises(NothingToReflectOnError, match="Collect at least one story"):
        cycle.choose_story(uuid4(), "No stories", "ann")
    first = cycle.collect_story(uuid4(), "Home for tea", "Mrs P", "Dad came home", "Dignity", "b")
    cycle.collect_story(uuid4(), "Quiet nights", "Nurse K", "Fewer alarms", "Sleep", "bob")
    assert cycle.phase == ACT
    assert cycle.journal.kind(first) == STORY
    with pytest.raises(InvalidFieldError, match="Enter why the panel chose it"):
        cycle.choose_story(first, " ", "ann")
    choice = cycle.choose_story(first, "It changed a life, not a number", "ann")
    assert cycle.journal.kind(choice) == CHOICE
    assert cycle.chosen == first
    assert cycle.phase == REFLECT
    with pytest.raises(AlreadyDecidedError):
        cycle.choose_story(first, "Again", "ann")
    with pytest.raises(CycleMovedOnError, match="already chosen"):
        cycle.collect_story(uuid4(), "Late", "Mr Q", "Story", "Why", "bob")
    cycle.decide(ADOPT, "Share the story", None, "ann")  # the choice is learning to decide on


def test_the_panel_chooses_only_among_its_stories() -> None:
    cycle = cycle_following("most_significant_change")
    cycle.collect_story(uuid4(), "Home for tea", "Mrs P", "Dad came home", "Dignity", "bob")
    acted = cycle.record_act_entry("action", "Ran a panel", "", "ann")
    with pytest.raises(UnknownStoryError, match="one of the stories"):
        cycle.choose_story(acted, "Not a story", "ann")


def test_a_decision_still_needs_learning_whatever_the_method() -> None:
    cycle = cycle_following("learning_log")
    cycle.record_act_entry("action", "Tried it", "", "ann")
    with pytest.raises(NothingLearnedError):
        cycle.decide(ADOPT, "Now what", None, "ann")


def test_a_snapshot_taken_before_methods_existed_loads_as_pdsa() -> None:
    snapshot = Cycle.Snapshot.take(cycle_following("learning_log"))
    for added in ("method", "advice_asked", "chosen", "class_version"):
        snapshot.state.pop(added)
    snapshot.state.pop("journal")
    snapshot.state["entries"] = []  # as in version 1: each entry whole, and there were none
    cycle = snapshot.mutate(None)
    assert isinstance(cycle, Cycle)
    assert (cycle.method, cycle.advice_asked, cycle.chosen) == (PDSA, {}, None)
