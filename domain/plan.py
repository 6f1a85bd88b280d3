"""A cycle's plan as a value: what a plan says, checked before any event is made, and the
one reading of every version of its data stored in events."""

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Required, TypedDict
from uuid import uuid4

from domain.errors import InvalidChoiceError, InvalidFieldError, PlanHasNoQuestionError
from domain.fields import checked

# The version of a plan's data in events. Version 1 carries no "schema" key: the plans
# stored before it was versioned, some (v0.1) without the fields added since. Version 3
# adds exploratory questions; version 4 the cycle's scale.
SCHEMA = 4
# How many questions and set-up tasks a plan holds: enough for any worksheet, few enough
# to read on a phone.
MAX_QUESTIONS = 10
MAX_TASKS = 20
# A question is predicted (a prediction, and why) or exploratory: the team is finding out
# and predicts nothing. The team chooses; neither is a blank that passes.
PREDICTED, EXPLORATORY = "predicted", "exploratory"
PlanData = dict[str, Any]  # a plan as stored in an event: JSON-shaped, read by from_event_data


class PlanDetails(TypedDict, total=False):
    """What a plan may say besides its objective, text and questions."""

    who: str
    where: str
    when: str
    scale: str
    data: str
    measures: str
    tasks: Sequence[tuple[str, ...]]  # (text, owner, due[, id])


class PlanInput(PlanDetails, total=False):
    """A plan as the Application takes it: the keyword arguments of Plan.checked."""

    objective: Required[str]
    plan_text: Required[str]
    # (question, prediction[, reason[, PREDICTED or EXPLORATORY]])
    questions: Required[Sequence[tuple[str, ...]]]


@dataclass(frozen=True)
class Question:
    """A question the test should answer: with the team's prediction and why, or exploratory."""

    text: str
    prediction: str
    reason: str = ""
    exploratory: bool = False

    @property
    def kind(self) -> str:
        """Predicted or exploratory."""
        return EXPLORATORY if self.exploratory else PREDICTED

    def as_data(self) -> dict[str, Any]:
        """The question as plain data, as events and the read model keep it."""
        return {
            "question": self.text,
            "prediction": self.prediction,
            "reason": self.reason,
            "exploratory": self.exploratory,
        }


@dataclass(frozen=True)
class SetupTask:
    """Something that must be ready before the test: who does it, by when."""

    id: str
    text: str
    owner: str = ""
    due: str = ""  # ISO date, or "" when none was given

    def as_data(self) -> dict[str, str]:
        """The task as plain data, as events and the read model keep it."""
        return {"id": self.id, "text": self.text, "owner": self.owner, "due": self.due}


@dataclass(frozen=True)
class Plan:
    """What the team means to test in one cycle (the IHI PDSA worksheet's Plan)."""

    objective: str
    plan_text: str  # what will be done
    questions: tuple[Question, ...]
    who: str = ""
    where: str = ""
    when: str = ""
    # How big the test is — who, how many, where, for how long ("1 nurse, 1 shift"): one
    # line a sponsor can read down a ramp to see the test grow. Blank: not stated.
    scale: str = ""
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
        scale: str = "",
        data: str = "",
        measures: str = "",
        tasks: Sequence[tuple[str, ...]] = (),
    ) -> "Plan":
        """Build a plan from user input, refusing blank, over-long or malformed fields."""
        asked = tuple(_question(*q) for q in questions if any(part.strip() for part in q[:3]))
        if not asked:
            raise PlanHasNoQuestionError(
                "Add at least one question the test should answer, "
                "with your prediction or marked exploratory."
            )
        kept = tuple(t for t in tasks if any(part.strip() for part in t[:3]))
        _at_most(len(asked), MAX_QUESTIONS, "questions")
        _at_most(len(kept), MAX_TASKS, "set-up tasks")
        return cls(
            objective=checked("objective", objective),
            plan_text=checked("plan_text", plan_text, required=False),
            questions=asked,
            who=checked("who", who, required=False),
            where=checked("where", where, required=False),
            when=checked("when", when, required=False),
            scale=checked("scale", scale, required=False),
            data=checked("data", data, required=False),
            measures=checked("measures", measures, required=False),
            tasks=tuple(_task(*t) for t in kept),
        )

    def as_event_data(self) -> PlanData:
        """The plan as plain data, the form it takes inside stored events."""
        return {
            "schema": SCHEMA,
            "objective": self.objective,
            "plan_text": self.plan_text,
            "questions": [q.as_data() for q in self.questions],
            **self.details_data(),
        }

    def details_data(self) -> dict[str, Any]:
        """Who, where, when, scale, data, measures and set-up tasks, as plain data."""
        return {
            "who": self.who,
            "where": self.where,
            "when": self.when,
            "scale": self.scale,
            "data": self.data,
            "measures": self.measures,
            "tasks": [t.as_data() for t in self.tasks],
        }

    @classmethod
    def from_event_data(cls, data: Mapping[str, Any]) -> "Plan":
        """Rebuild a plan from its data in an event, whichever version stored it."""
        current = upcast(data)
        return cls(
            objective=current["objective"],
            plan_text=current["plan_text"],
            questions=tuple(
                Question(q["question"], q["prediction"], q["reason"], q["exploratory"])
                for q in current["questions"]
            ),
            who=current["who"],
            where=current["where"],
            when=current["when"],
            scale=current["scale"],
            data=current["data"],
            measures=current["measures"],
            tasks=tuple(SetupTask(**t) for t in current["tasks"]),
        )


def upcast(data: Mapping[str, Any]) -> PlanData:
    """A plan's stored data, brought up to the current schema one version at a time."""
    state = dict(data)
    version = state.pop("schema", 1)
    for upcaster in _UPCASTERS[version - 1 :]:
        upcaster(state)
    return state


def _upcast_v1_v2(state: PlanData) -> None:
    """Version 0.1 plans had no reasons, details or tasks: those read as blank."""
    for name in ("who", "where", "when", "data", "measures"):
        state.setdefault(name, "")
    state.setdefault("tasks", [])
    state["questions"] = [{"reason": "", **q} for q in state["questions"]]


def _upcast_v2_v3(state: PlanData) -> None:
    """Plans before 0.4 knew only predicted questions."""
    state["questions"] = [{"exploratory": False, **q} for q in state["questions"]]


def _upcast_v3_v4(state: PlanData) -> None:
    """Plans before scale-up stated no scale: it reads as not stated."""
    state.setdefault("scale", "")


# _UPCASTERS[n - 1] brings version n to version n + 1.
_UPCASTERS: tuple[Callable[[PlanData], None], ...] = (
    _upcast_v1_v2,
    _upcast_v2_v3,
    _upcast_v3_v4,
)


_TASK_ID = re.compile(r"[0-9a-f]{32}")


def _at_most(count: int, limit: int, what: str) -> None:
    if count > limit:
        message = f"A plan has at most {limit} {what}; this one has {count}."
        raise InvalidFieldError(what.split()[-1], message)


def _question(text: str, prediction: str, reason: str = "", kind: str = PREDICTED) -> Question:
    text = checked("question", text)
    if kind not in (PREDICTED, EXPLORATORY):
        raise InvalidChoiceError("A question is either predicted or exploratory.")
    if kind == EXPLORATORY:
        # Refused, not dropped: the team typed a prediction, so which they meant is theirs
        # to say, and nothing they typed disappears unseen.
        if prediction.strip() or reason.strip():
            message = (
                f"“{text}” is marked exploratory, so it has no prediction: remove the "
                "prediction and why, or mark the question as predicted."
            )
            raise InvalidFieldError("prediction", message)
        return Question(text, "", "", exploratory=True)
    if not prediction.strip():
        message = f"Give your prediction for “{text}”, or mark it exploratory (no prediction)."
        raise InvalidFieldError("prediction", message)
    return Question(
        text, checked("prediction", prediction), checked("reason", reason, required=False)
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
