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

# Each field as a message names it, in the GOV.UK style: "Enter the aim.", "The aim must be...".
NOUNS: Final[dict[str, str]] = {
    "name": "the name",
    "aim": "the aim",
    "objective": "the objective",
    "plan_text": "the plan",
    "question": "the question",
    "prediction": "the prediction",
    "text": "the text",
    "change": "what changed and why",
    "actor": "your name",
    "reason": "why you predict this",
    "who": "who",
    "where": "where",
    "when": "when",
    "scale": "the scale",
    "data": "the data to collect",
    "measures": "the measures",
    "task": "the task",
    "owner": "the owner",
    "decision_reason": "the reason",
    "amendment_reason": "the reason",
    "withdrawal_reason": "the reason",
    "aim_reason": "the reason",
    "comment": "the comment",
    "member": "the member's name",
    "email": "an email address",
    "advice_question": "what you would like advice on",
    "advice": "the advice",
    "story_title": "the title",
    "teller": "who told it",
    "story": "the story",
    "why": "why it matters to the teller",
    "reasons": "why the panel chose it",
    "measure_name": "the name",
    "definition": "the operational definition",
    "unit": "the unit",
    "measure_reason": "the reason",
    "annotation": "the note",
}


# Control characters (NUL above all) are never meant in text, and PostgreSQL refuses NUL.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def checked(field: str, value: str, *, required: bool = True) -> str:
    """Return the value stripped, or raise InvalidFieldError if blank or too long."""
    value = value.strip()
    noun = NOUNS[field]
    if required and not value:
        raise InvalidFieldError(field, blank(noun))
    if CONTROL.search(value):
        raise InvalidFieldError(field, f"{_capital(noun)} cannot contain control characters.")
    if len(value) > LIMITS[field]:
        raise InvalidFieldError(field, too_long(noun, LIMITS[field], len(value)))
    return value


def blank(noun: str) -> str:
    """What a blank required field says, in the field's own terms."""
    return f"Enter {noun}."


def too_long(noun: str, limit: int, length: int) -> str:
    """What a field over its limit says."""
    return f"{_capital(noun)} must be at most {limit} characters (it has {length})."


def _capital(noun: str) -> str:
    return noun[:1].upper() + noun[1:]
