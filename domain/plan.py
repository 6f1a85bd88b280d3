"""A cycle's plan as a value: what a plan says, checked before any event is made."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import uuid4

from domain.errors import InvalidFieldError, PlanHasNoQuestionError
from domain.fields import checked


@dataclass(frozen=True)
class Question:
    """A question the test should answer, with the team's prediction and why."""

    text: str
    prediction: str
    reason: str = ""


@dataclass(frozen=True)
class SetupTask:
    """Something that must be ready before the test: who does it, by when."""

    id: str
    text: str
    owner: str = ""
    due: str = ""  # ISO date, or "" when none was given


@dataclass(frozen=True)
class Plan:
    """What the team means to test in one cycle (the IHI PDSA worksheet's Plan)."""

    objective: str
    plan_text: str  # what will be done
    questions: tuple[Question, ...]
    who: str = ""
    where: str = ""
    when: str = ""
    data: str = ""  # what data to collect
    measures: str = ""  # which measures show whether the predictions came true
    tasks: tuple[SetupTask, ...] = field(default=())

    @classmethod
    def checked(
        cls,
        objective: str,
        plan_text: str,
        questions: Sequence[tuple[str, ...]],
        *,
        who: str = "",
        where: str = "",
        when: str = "",
        data: str = "",
        measures: str = "",
        tasks: Sequence[tuple[str, ...]] = (),
    ) -> "Plan":
        """Build a plan from user input, refusing blank, over-long or malformed fields."""
        asked = tuple(_question(*q) for q in questions if any(part.strip() for part in q))
        if not asked:
            raise PlanHasNoQuestionError(
                "Add at least one question the test should answer, with your prediction."
            )
        return cls(
            objective=checked("objective", objective),
            plan_text=checked("plan_text", plan_text, required=False),
            questions=asked,
            who=checked("who", who, required=False),
            where=checked("where", where, required=False),
            when=checked("when", when, required=False),
            data=checked("data", data, required=False),
            measures=checked("measures", measures, required=False),
            tasks=tuple(_task(*t) for t in tasks if any(part.strip() for part in t[:3])),
        )

    def as_event_data(self) -> dict[str, Any]:
        """The plan as plain data, the form it takes inside stored events."""
        return {
            "objective": self.objective,
            "plan_text": self.plan_text,
            "questions": [
                {"question": q.text, "prediction": q.prediction, "reason": q.reason}
                for q in self.questions
            ],
            "who": self.who,
            "where": self.where,
            "when": self.when,
            "data": self.data,
            "measures": self.measures,
            "tasks": [
                {"id": t.id, "text": t.text, "owner": t.owner, "due": t.due} for t in self.tasks
            ],
        }

    @classmethod
    def from_event_data(cls, data: dict[str, Any]) -> "Plan":
        """Rebuild a plan from an event; fields added since v0.1 default to blank."""
        return cls(
            objective=data["objective"],
            plan_text=data["plan_text"],
            questions=tuple(
                Question(q["question"], q["prediction"], q.get("reason", ""))
                for q in data["questions"]
            ),
            who=data.get("who", ""),
            where=data.get("where", ""),
            when=data.get("when", ""),
            data=data.get("data", ""),
            measures=data.get("measures", ""),
            tasks=tuple(SetupTask(**t) for t in data.get("tasks", [])),
        )


_TASK_ID = re.compile(r"[0-9a-f]{32}")


def _question(text: str, prediction: str, reason: str = "") -> Question:
    return Question(
        checked("question", text),
        checked("prediction", prediction),
        checked("reason", reason, required=False),
    )


def _task(text: str, owner: str = "", due: str = "", task_id: str = "") -> SetupTask:
    due = due.strip()
    if due:
        try:
            date.fromisoformat(due)
        except ValueError:
            message = "Give the due date as a date, e.g. 2026-03-31."
            raise InvalidFieldError("due", message) from None
    return SetupTask(
        # Ids come back from a hidden field: anything but one we made is replaced.
        id=task_id if _TASK_ID.fullmatch(task_id) else uuid4().hex,
        text=checked("task", text),
        owner=checked("owner", owner, required=False),
        due=due,
    )
