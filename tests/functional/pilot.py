"""What the steps share: references to what they created, and the words for form fields."""

from dataclasses import dataclass

# The names a feature file gives the parts of a form, and the fields they fill in.
FIELDS = {
    "Objective": "objective",
    "Plan": "plan_text",
    "Question": "questions-0-question",
    "Prediction": "questions-0-prediction",
    "What changed": "change",
}

# A person's name as the feature files write it, optionally followed by their role:
# "Bea Okafor" or "Bea Okafor, a ward nurse,".
ACTOR = r"(?P<actor>[A-Z][\w'-]*(?: [A-Z][\w'-]*)*)(?:, (?:a|an|the) [^,]+,)?"


@dataclass(frozen=True)
class GroupRef:
    """A pilot group the steps formed: the address of its page."""

    url: str


@dataclass(frozen=True)
class CycleRef:
    """A cycle the steps opened: the address of its page and the plan it opened with."""

    url: str
    plan: dict[str, str]


def two_columns(datatable: list[list[str]]) -> dict[str, str]:
    """A two-column table of names and values, as a dict."""
    assert all(len(row) == 2 for row in datatable), f"expected two columns: {datatable}"
    return {name.strip(): value.strip() for name, value in datatable}
