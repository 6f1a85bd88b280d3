"""A plan's data in events is versioned: every version ever stored reads as today's Plan."""

from domain.plan import SCHEMA, Plan, upcast

PLAN = Plan.checked(
    "Criteria-led discharge",
    "Bay B",
    [("Home by 11?", "One of two", "Pharmacy is the hold-up")],
    who="Ward 7 nurses",
    tasks=[("Print criteria", "Bea", "2026-03-31")],
)


def test_a_plan_reads_back_from_its_event_data_as_it_was() -> None:
    assert Plan.from_event_data(PLAN.as_event_data()) == PLAN


def test_a_plans_event_data_names_the_schema_it_was_written_in() -> None:
    assert PLAN.as_event_data()["schema"] == SCHEMA


def test_plan_data_stored_before_the_schema_was_named_reads_as_the_same_plan() -> None:
    unversioned = {k: v for k, v in PLAN.as_event_data().items() if k != "schema"}
    assert Plan.from_event_data(unversioned) == PLAN


def test_upcasting_brings_version_0_1_plan_data_to_the_current_schema() -> None:
    old = {"objective": "O", "plan_text": "P", "questions": [{"question": "Q", "prediction": "R"}]}
    current = Plan(objective="O", plan_text="P", questions=()).as_event_data()
    assert upcast(old).keys() == current.keys() - {"schema"}
    assert upcast(old)["questions"] == [
        {"question": "Q", "prediction": "R", "reason": "", "exploratory": False}
    ]


def test_version_2_plan_data_reads_as_predicted_questions() -> None:
    v2 = {**PLAN.as_event_data(), "schema": 2}
    v2["questions"] = [{"question": "Home by 11?", "prediction": "One of two", "reason": ""}]
    assert Plan.from_event_data(v2).questions[0].exploratory is False


def test_version_0_1_plan_data_reads_as_predicted_questions() -> None:
    old = {"objective": "O", "plan_text": "P", "questions": [{"question": "Q", "prediction": "R"}]}
    assert not Plan.from_event_data(old).questions[0].exploratory


def test_version_3_plan_data_reads_with_its_scale_not_stated() -> None:
    v3 = {k: v for k, v in PLAN.as_event_data().items() if k != "scale"} | {"schema": 3}
    assert Plan.from_event_data(v3).scale == ""


def test_a_plans_scale_is_kept_in_its_event_data() -> None:
    scaled = Plan.checked("O", "", [("Q", "P")], scale=" Ward 7, 1 week ")
    assert Plan.from_event_data(scaled.as_event_data()).scale == "Ward 7, 1 week"
