"""Field limits and the one place text input is checked, shared by forms and aggregates."""

import re
from typing import Final

from domain.errors import InvalidFieldError

LIMITS: Final[dict[str, int]] = {
    "name": 120,
    "aim": 1000,
    "objective": 300,
    "plan_text": 5000,
    "question": 300,
    "prediction": 500,
    "text": 5000,
    "change": 1000,
    "actor": 80,
    "reason": 500,
    "who": 300,
    "where": 300,
    "when": 300,
    "scale": 200,
    "data": 2000,
    "measures": 2000,
    "task": 300,
    "owner": 80,
    "decision_reason": 2000,
    "amendment_reason": 2000,
    "withdrawal_reason": 2000,
    "aim_reason": 2000,
    "comment": 2000,
    "member": 80,
    "email": 254,
    "advice_question": 1000,
    "advice": 5000,
    "story_title": 200,
    "teller": 120,
    "story": 5000,
    "why": 2000,
    "reasons": 2000,
    "measure_name": 120,
    "definition": 2000,
    "unit": 60,
    "measure_reason": 2000,
    "annotation": 500,
}

LABELS: Final[dict[str, str]] = {
    "name": "Name",
    "aim": "Aim",
    "objective": "Objective",
    "plan_text": "Plan",
    "question": "Question",
    "prediction": "Prediction",
    "text": "Text",
    "change": "What changed and why",
    "actor": "Your name",
    "reason": "Why you predict this",
    "who": "Who",
    "where": "Where",
    "when": "When",
    "scale": "Scale",
    "data": "Data to collect",
    "measures": "Measures",
    "task": "Task",
    "owner": "Owner",
    "decision_reason": "Reason",
    "amendment_reason": "Reason",
    "withdrawal_reason": "Reason",
    "aim_reason": "Reason",
    "comment": "Comment",
    "member": "Member's name",
    "email": "Email",
    "advice_question": "What you would like advice on",
    "advice": "Advice",
    "story_title": "Title",
    "teller": "Told by",
    "story": "The story",
    "why": "Why it matters to the teller",
    "reasons": "Why the panel chose it",
    "measure_name": "Name",
    "definition": "Operational definition",
    "unit": "Unit",
    "measure_reason": "Reason",
    "annotation": "Note",
}


# Control characters (NUL above all) are never meant in text, and PostgreSQL refuses NUL.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def checked(field: str, value: str, *, required: bool = True) -> str:
    """Return the value stripped, or raise InvalidFieldError if blank or too long."""
    value = value.strip()
    if required and not value:
        raise InvalidFieldError(field, f"{LABELS[field]} cannot be blank.")
    if CONTROL.search(value):
        raise InvalidFieldError(field, f"{LABELS[field]} cannot contain control characters.")
    limit = LIMITS[field]
    if len(value) > limit:
        raise InvalidFieldError(
            field, f"{LABELS[field]} must be at most {limit} characters (it has {len(value)})."
        )
    return value
