"""A cycle's plan as a value: what a plan says, checked before any event is made."""

from dataclasses import dataclass
from typing import Any

from domain.errors import PlanHasNoQuestionError
from domain.fields import checked


@dataclass(frozen=True)
class Question:
    """A question the test should answer, with the team's prediction."""

    text: str
    prediction: str


@dataclass(frozen=True)
class Plan:
    """What the team means to test in one cycle."""

    objective: str
    plan_text: str
    questions: tuple[Question, ...]

    @classmethod
    def checked(cls, objective: str, plan_text: str, questions: list[tuple[str, str]]) -> "Plan":
        """Build a plan from user input, refusing blank or over-long fields."""
        asked = tuple(
            Question(checked("question", q), checked("prediction", p))
            for q, p in questions
            if q.strip() or p.strip()
        )
        if not asked:
            raise PlanHasNoQuestionError(
                "Add at least one question the test should answer, with your prediction."
            )
        return cls(
            objective=checked("objective", objective),
            plan_text=checked("plan_text", plan_text, required=False),
            questions=asked,
        )

    def as_event_data(self) -> dict[str, Any]:
        """The plan as plain data, the form it takes inside stored events."""
        return {
            "objective": self.objective,
            "plan_text": self.plan_text,
            "questions": [
                {"question": q.text, "prediction": q.prediction} for q in self.questions
            ],
        }

    @classmethod
    def from_event_data(cls, data: dict[str, Any]) -> "Plan":
        """Rebuild a plan from the plain data an event carries."""
        return cls(
            objective=data["objective"],
            plan_text=data["plan_text"],
            questions=tuple(Question(q["question"], q["prediction"]) for q in data["questions"]),
        )
