"""A question is predicted or exploratory: the team's choice, never a blank that passes."""

from uuid import uuid4

import pytest

from domain.cycle import Cycle
from domain.errors import InvalidChoiceError, InvalidFieldError
from domain.plan import EXPLORATORY, MAX_QUESTIONS, MAX_TASKS, PREDICTED, Plan, Question

STICKERS = "Is the sticker format workable?"


def exploratory_plan() -> Plan:
    return Plan.checked(
        "Try the discharge sticker",
        "Bay B, one shift",
        [(STICKERS, "", "", EXPLORATORY), ("Home by 11?", "One of two", "", PREDICTED)],
    )


def test_an_exploratory_question_needs_no_prediction() -> None:
    question = exploratory_plan().questions[0]
    assert (question.text, question.prediction, question.exploratory) == (STICKERS, "", True)


def test_a_question_is_predicted_unless_the_team_says_it_is_exploratory() -> None:
    plan = Plan.checked("O", "", [("Home by 11?", "One of two")])
    assert plan.questions[0].kind == PREDICTED


def test_a_predicted_question_without_a_prediction_is_refused_and_names_the_way_out() -> None:
    with pytest.raises(InvalidFieldError, match="or mark it exploratory") as refused:
        Plan.checked("O", "", [(STICKERS, "", "", PREDICTED)])
    assert refused.value.field == "prediction"


def test_an_exploratory_question_with_a_prediction_typed_is_refused_not_emptied() -> None:
    with pytest.raises(InvalidFieldError, match="marked exploratory") as refused:
        Plan.checked("O", "", [(STICKERS, "It will be", "", EXPLORATORY)])
    assert refused.value.field == "prediction"


def test_an_exploratory_question_with_a_reason_typed_is_refused_too() -> None:
    with pytest.raises(InvalidFieldError, match="remove the prediction and why"):
        Plan.checked("O", "", [(STICKERS, "", "Nurses like stickers", EXPLORATORY)])


def test_a_question_of_no_known_kind_is_refused() -> None:
    with pytest.raises(InvalidChoiceError):
        Plan.checked("O", "", [(STICKERS, "", "", "hopeful")])


def test_an_exploratory_question_reads_back_from_its_event_data_as_exploratory() -> None:
    plan = exploratory_plan()
    assert Plan.from_event_data(plan.as_event_data()) == plan
    assert plan.as_event_data()["questions"][0]["exploratory"] is True


def test_a_plan_holds_at_most_its_limit_of_questions() -> None:
    questions = [(f"Q{n}?", "P") for n in range(MAX_QUESTIONS + 1)]
    with pytest.raises(InvalidFieldError, match=f"at most {MAX_QUESTIONS} questions"):
        Plan.checked("O", "", questions)


def test_a_plan_holds_at_most_its_limit_of_set_up_tasks() -> None:
    tasks = [(f"Task {n}", "", "") for n in range(MAX_TASKS + 1)]
    with pytest.raises(InvalidFieldError, match=f"at most {MAX_TASKS} set-up tasks") as refused:
        Plan.checked("O", "", [("Q?", "P")], tasks=tasks)
    assert refused.value.field == "tasks"


def reflecting_cycle() -> Cycle:
    cycle = Cycle.open(uuid4(), uuid4(), 1, exploratory_plan(), "ann")
    cycle.record_observation("Stickers fell off the folders", "bob")
    return cycle


def test_what_was_found_for_an_exploratory_question_is_recorded_without_an_outcome() -> None:
    cycle = reflecting_cycle()
    cycle.compare_prediction(STICKERS, "", "Workable, once they were bigger", "bob")
    compared = cycle.collect_events()[-1]
    assert isinstance(compared, Cycle.PredictionCompared)
    assert (compared.question, compared.outcome) == (STICKERS, "")


def test_an_outcome_for_an_exploratory_question_is_refused() -> None:
    with pytest.raises(InvalidChoiceError, match="no prediction to confirm"):
        reflecting_cycle().compare_prediction(STICKERS, "confirmed", "Workable", "bob")


def test_a_predicted_question_still_needs_its_outcome() -> None:
    with pytest.raises(InvalidChoiceError, match="confirmed, partly, or not"):
        reflecting_cycle().compare_prediction("Home by 11?", "", "Both went home", "bob")


def test_a_question_made_in_code_is_predicted_by_default() -> None:
    assert not Question("Q?", "P").exploratory
