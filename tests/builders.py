"""Test data builders shared by every layer."""

from collections.abc import Sequence
from typing import Unpack

from domain.plan import PlanDetails, PlanInput

QUESTIONS = [("Will nurses discharge by 11?", "Yes, one of two")]


def plan(
    objective: str = "Criteria-led discharge",
    plan_text: str = "",
    questions: Sequence[tuple[str, ...]] | None = None,
    **more: Unpack[PlanDetails],
) -> PlanInput:
    """A plan as the Application takes it."""
    return {
        "objective": objective,
        "plan_text": plan_text,
        "questions": questions if questions is not None else QUESTIONS,
        **more,
    }
