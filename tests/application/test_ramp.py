"""A complete ramp through the Application: three cycles — adapt, adapt, adopt."""

from uuid import UUID

import pytest

from domain.application import Learnloop
from domain.cycle import Cycle
from domain.entries import ADAPT, ADOPT
from domain.errors import CycleClosedError, InvalidChoiceError, InvalidFieldError
from domain.group import PilotGroup
from tests.builders import entry_recorded, entry_texts, plan

QUESTION = "Is there unnecessary catheter use on our wards?"


def run_cycle(app: Learnloop, cycle_id: UUID, seen: str, learned: str) -> UUID:
    """Act, compare and reflect on one cycle; return the learning's entry id."""
    app.record_act_entry(cycle_id, "action", "Audited every patient on the wards", "", "Bea")
    app.record_act_entry(cycle_id, "observation", seen, QUESTION, "Bea")
    app.compare_prediction(cycle_id, QUESTION, "confirmed", seen, "Bea")
    return entry_recorded(app, app.record_reflection(cycle_id, learned, "Bea"))


def adapt(app: Learnloop, cycle_id: UUID, learning: UUID, objective: str) -> UUID:
    return app.decide(
        cycle_id,
        ADAPT,
        f"Next: {objective}",
        "Ann",
        next_plan=plan(objective, questions=[(QUESTION, "Yes")]),
        cites=[learning],
    ).id


def test_a_three_cycle_ramp_adapts_twice_then_adopts(application: Learnloop) -> None:
    group = application.form_group("Medical wards", "Fewer unnecessary catheters", "Ann")
    first = application.open_cycle(
        group.id, plan("Measure catheter use", questions=[(QUESTION, "Yes")]), "Ann"
    ).id
    learning = run_cycle(application, first, "54 catheters, 17 appropriate", "A real problem")
    second = adapt(application, first, learning, "Find where unnecessary catheters come from")
    learning = run_cycle(application, second, "Insertion and leaving in, equally", "Both matter")
    third = adapt(application, second, learning, "Nurses remove catheters by directive")
    run_cycle(application, third, "Removals doubled on one ward", "Nurses can do this")
    application.decide(third, ADOPT, "Spread to all medical wards", "Ann")

    cycles: list[Cycle] = [application.repository.get(c) for c in (first, second, third)]
    assert [c.number for c in cycles] == [1, 2, 3]
    assert [c.previous_cycle_id for c in cycles] == [None, first, second]
    assert [c.decision.decision for c in cycles if c.decision] == [ADAPT, ADAPT, ADOPT]
    assert [c.decision.next_cycle_id for c in cycles if c.decision] == [second, third, None]
    pilot: PilotGroup = application.repository.get(group.id)
    assert pilot.cycle_ids == [first, second, third]


def test_adapting_writes_the_decision_and_the_next_cycle_together(
    application: Learnloop,
) -> None:
    group = application.form_group("Medical wards", "Fewer catheters", "Ann")
    first = application.open_cycle(group.id, plan(questions=[(QUESTION, "Yes")]), "Ann").id
    learning = run_cycle(application, first, "54 catheters", "A real problem")
    before = application.recorder.max_notification_id() or 0
    second = adapt(application, first, learning, "Find the source")
    topics = [n.topic for n in application.recorder.select_notifications(before + 1, 10)]
    assert topics == [
        "domain.group:PilotGroup.CycleAdded",
        "domain.cycle:Cycle.DecisionMade",
        "domain.cycle:Cycle.Continued",
    ]
    assert application.repository.get(second).previous_cycle_id == first


def test_adapting_without_a_plan_is_refused_and_writes_nothing(application: Learnloop) -> None:
    group = application.form_group("Medical wards", "Fewer catheters", "Ann")
    first = application.open_cycle(group.id, plan(questions=[(QUESTION, "Yes")]), "Ann").id
    run_cycle(application, first, "54 catheters", "A real problem")
    before = application.recorder.max_notification_id()
    with pytest.raises(InvalidChoiceError, match="Adapting opens the next cycle"):
        application.decide(first, ADAPT, "Change", "Ann")
    assert application.recorder.max_notification_id() == before


def test_help_cannot_be_asked_on_a_closed_cycle_but_open_requests_can_be_answered(
    application: Learnloop,
) -> None:
    group = application.form_group("Medical wards", "Fewer catheters", "Ann")
    cycle = application.open_cycle(group.id, plan(questions=[(QUESTION, "Yes")]), "Ann").id
    asked = application.ask_for_help(cycle, "Who signs the directive?", "Bea").id
    run_cycle(application, cycle, "54 catheters", "A real problem")
    application.decide(cycle, ADOPT, "Works", "Ann")
    with pytest.raises(CycleClosedError, match=r"Ann decided to adopt it\. Nothing more"):
        application.ask_for_help(cycle, "Too late?", "Bea")
    application.answer_help(asked, "The chief nurse", "Sponsor")
    assert application.repository.get(asked).status == "answered"


def test_a_lost_race_on_an_append_is_retried_so_neither_entry_is_lost(
    application: Learnloop, monkeypatch: pytest.MonkeyPatch
) -> None:
    group = application.form_group("Medical wards", "Fewer catheters", "Ann")
    cycle_id = application.open_cycle(group.id, plan(), "Ann").id
    stale: Cycle = application.repository.get(cycle_id)  # Cat's page loaded here...
    application.record_observation(cycle_id, "Saved first", "Bea")  # ...then Bea saved.
    loads: list[int] = []
    real_get = application._get

    def get_stale_first(cls: type, aggregate_id: UUID) -> object:
        loads.append(1)
        return stale if len(loads) == 1 else real_get(cls, aggregate_id)

    monkeypatch.setattr(application, "_get", get_stale_first)
    application.record_observation(cycle_id, "Saved second", "Cat")
    assert entry_texts(application, cycle_id) == ["Saved first", "Saved second"]
    assert len(loads) == 2  # the first save lost the race and was retried


def test_an_adapts_one_reason_is_the_decisions_reason_and_the_next_plans_change(
    application: Learnloop,
) -> None:
    group = application.form_group("Medical wards", "Fewer catheters", "Ann")
    first = application.open_cycle(group.id, plan(questions=[(QUESTION, "Yes")]), "Ann").id
    learning = run_cycle(application, first, "54 catheters", "Nights remove fewer")
    second = adapt(application, first, learning, "Night shift too")
    closed: Cycle = application.repository.get(first)
    continued = next(iter(application.events.get(second)))
    assert isinstance(continued, Cycle.Continued)
    assert closed.decision is not None
    assert closed.decision.reason == continued.change == "Next: Night shift too"


def test_a_blank_adapt_reason_is_refused_once_as_what_changed(application: Learnloop) -> None:
    group = application.form_group("Medical wards", "Fewer catheters", "Ann")
    first = application.open_cycle(group.id, plan(questions=[(QUESTION, "Yes")]), "Ann").id
    learning = run_cycle(application, first, "54 catheters", "Nights remove fewer")
    before = application.recorder.max_notification_id()
    with pytest.raises(InvalidFieldError, match="Enter what changed and why") as refused:
        application.decide(first, ADAPT, " ", "Ann", next_plan=plan("Next"), cites=[learning])
    assert refused.value.field == "change"
    assert application.recorder.max_notification_id() == before
