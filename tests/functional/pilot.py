"""What the steps share: references to what they created, and the words the pages use."""

import re
from dataclasses import dataclass

# The names a feature file gives the parts of a form, and the fields they fill in.
FIELDS = {
    "Objective": "objective",
    "Question": "questions-0-question",
    "Prediction": "questions-0-prediction",
    "Why you predict this": "questions-0-reason",
    "Plan": "plan_text",
    "What will be done": "plan_text",
    "Who": "who",
    "Where": "where",
    "When": "when",
    "Scale": "scale",
    "Data to collect": "data",
    "Measures": "measures",
    "What changed": "change",
}

# What a feature file calls an entry, and the words the pages show for its kind.
ACT_KINDS = {
    "action": "Action taken",
    "observation": "Observation",
    "problem": "Problem",
    "surprise": "Surprise",
}
ENTRY_LABELS = {**ACT_KINDS, "reflection": "Learning", "learning": "Learning"}

# The outcomes of comparing what happened with a prediction, as the pages word them.
OUTCOMES = {
    "confirmed": "Confirmed",
    "partly confirmed": "Partly confirmed",
    "not confirmed": "Not confirmed",
}

# A person's name as the feature files write it, optionally followed by their role:
# "Bea Okafor" or "Bea Okafor, a ward nurse,".
ACTOR = r"(?P<actor>[A-Z][\w'-]*(?: [A-Z][\w'-]*)*)(?:, (?:a|an|the) [^,]+,)?"
KIND = "(?P<kind>" + "|".join(ENTRY_LABELS) + ")"

# One piece of cited learning, "Bea Okafor's reflection" or with its words after it.
_CITED = re.compile(
    r"(?P<author>[A-Z][\w'-]*(?: [A-Z][\w'-]*)*)'s (?P<kind>\w+)(?: \"(?P<text>[^\"]+)\")?"
)


@dataclass(frozen=True)
class GroupRef:
    """A pilot group the steps formed: the address of its page, and who formed it.

    Whoever forms a group facilitates it, so they are the one who invites people.
    """

    url: str
    facilitator: str


@dataclass(frozen=True)
class CycleRef:
    """A cycle the steps opened: the address of its page, the plan it opened with, its number."""

    url: str
    plan: dict[str, str]
    number: int = 1


@dataclass(frozen=True)
class Cited:
    """A piece of learning a step names: who recorded it, its kind, and maybe its words."""

    author: str
    kind: str
    text: str = ""

    @property
    def label(self) -> str:
        """How the pages show it: "Learning by Bea Okafor: …"."""
        return f"{ENTRY_LABELS[self.kind]} by {self.author}: {self.text}".rstrip()


@dataclass(frozen=True)
class HelpRef:
    """A request for help: its words, who asked, and where its asker's close button sends."""

    text: str
    asker: str
    close_action: str


def cited(phrase: str) -> list[Cited]:
    """The learning named by "A's learning and B's observation" (each may quote its words)."""
    found = [Cited(m["author"], m["kind"], m["text"] or "") for m in _CITED.finditer(phrase)]
    assert found, f"no learning named in {phrase!r}"
    unknown = [c.kind for c in found if c.kind not in ENTRY_LABELS]
    assert not unknown, f"unknown kinds {unknown}: use one of {list(ENTRY_LABELS)}"
    return found


def two_columns(datatable: list[list[str]]) -> dict[str, str]:
    """A two-column table of names and values, as a dict."""
    assert all(len(row) == 2 for row in datatable), f"expected two columns: {datatable}"
    return {name.strip(): value.strip() for name, value in datatable}


def with_headings(datatable: list[list[str]]) -> list[dict[str, str]]:
    """A table whose first row names its columns, as one dict per row."""
    heading, *rows = datatable
    return [dict(zip(heading, row, strict=True)) for row in rows]
