"""Adopt and scale up: the ramp goes on at a larger scale; implement and abandon end it."""

import pytest

from domain.application import Learnloop
from domain.cycle import Cycle
from domain.entries import ABANDON, ADOPT, SCALE_UP
from domain.errors import AlreadyDecidedError, InvalidChoiceError, InvalidFieldError
from tests.application.test_ramp import QUESTION, run_cycle
from tests.builders import plan


def opened(application: Learnloop, scale: str = "1 nurse, 1 shift") -> Cycle:
    group = application.form_group("Ward 7", "Fewer unnecessary catheters", "Ann")
    first = application.open_cycle(
        group.id, plan("Nurse-led removal", questions=[(QUESTION, "Yes")], scale=scale), "Ann"
    ).id
    cycle: Cycle = application.repository.get(first)
    return cycle


def test_scaling_up_opens_the_next_cycle_at_its_new_scale_citing_the_learning(
    application: Learnloop,
) -> None:
    first = opened(application).id
    learning = run_cycle(application, first, "Removals doubled", "Nurses can do this")
    second = application.decide(
        first,
        SCALE_UP,
        "Worked for one nurse: the whole ward next",
        "Ann",
        next_plan=plan("Nurse-led removal", questions=[(QUESTION, "Yes")], scale="Ward 7, 1 week"),
        cites=[learning],
    ).id
    closed: Cycle = application.repository.get(first)
    following: Cycle = application.repository.get(second)
    continued = next(iter(application.events.get(second)))
    assert closed.decision is not None
    assert (closed.decision.decision, closed.decision.next_cycle_id) == (SCALE_UP, second)
    assert following.previous_cycle_id == first
    assert following.number == 2
    assert isinstance(continued, Cycle.Continued)
    assert continued.cites == [learning]
    assert continued.change == "Worked for one nurse: the whole ward next"
    assert following.plan.scale == "Ward 7, 1 week"


def test_scaling_up_without_stating_the_new_scale_is_refused_and_writes_nothing(
    application: Learnloop,
) -> None:
    first = opened(application).id
    learning = run_cycle(application, first, "Removals doubled", "Nurses can do this")
    before = application.recorder.max_notification_id()
    with pytest.raises(InvalidFieldError, match="Say the larger scale") as refused:
        application.decide(
            first, SCALE_UP, "Grow it", "Ann", next_plan=plan("Next"), cites=[learning]
        )
    assert refused.value.field == "scale"
    assert application.recorder.max_notification_id() == before


def test_scaling_up_without_a_next_plan_is_refused(application: Learnloop) -> None:
    first = opened(application).id
    run_cycle(application, first, "Removals doubled", "Nurses can do this")
    with pytest.raises(InvalidChoiceError, match="Scaling up opens the next cycle"):
        application.decide(first, SCALE_UP, "Grow it", "Ann")


@pytest.mark.parametrize("decision", [ADOPT, ABANDON])
def test_adopting_to_implement_and_abandoning_end_the_ramp(
    application: Learnloop, decision: str
) -> None:
    first = opened(application).id
    run_cycle(application, first, "Removals doubled", "Nurses can do this")
    before = application.recorder.max_notification_id() or 0
    application.decide(first, decision, "Decided", "Ann")
    closed: Cycle = application.repository.get(first)
    assert closed.decision is not None
    assert (closed.decision.decision, closed.decision.next_cycle_id) == (decision, None)
    topics = [n.topic for n in application.recorder.select_notifications(before + 1, 10)]
    assert topics == ["domain.cycle:Cycle.DecisionMade"]  # no cycle follows


def test_a_scaled_up_cycle_already_decided_says_so_in_words(application: Learnloop) -> None:
    first = opened(application).id
    learning = run_cycle(application, first, "Removals doubled", "Nurses can do this")
    application.decide(
        first, SCALE_UP, "Grow it", "Ann", next_plan=plan(scale="Ward 7"), cites=[learning]
    )
    with pytest.raises(
        AlreadyDecidedError, match="Ann already decided to adopt and scale up this cycle"
    ):
        application.decide(first, ABANDON, "No", "Bea")
