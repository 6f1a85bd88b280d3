"""Journal forms: what a cycle records while acting and reflecting, and its decision."""

from collections.abc import Sequence
from typing import Any

from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectField

from domain.entries import ABANDON, ACT_KINDS, ADOPT, CONFIRMED, NOT_CONFIRMED, PARTLY
from domain.plan import Question
from web.forms.fields import VersionField, Worded, choices, text_field
from web.forms.when import WhenForm, time_field, when_field

KIND_LABELS = {
    "action": "Action taken",
    "observation": "Observation",
    "problem": "Problem",
    "surprise": "Surprise",
    "comparison": "Prediction compared",
    "reflection": "Learning",
    "mistake": "Mistake owned",
    "advice": "Advice from another group",
    "story": "Story of change",
    "choice": "The panel's choice",
}
OUTCOME_LABELS = {
    CONFIRMED: "Confirmed",
    PARTLY: "Partly confirmed",
    NOT_CONFIRMED: "Not confirmed",
}


class ActForm(WhenForm):
    """Something done or seen while acting, optionally about one question."""

    kind = SelectField(
        "What kind of entry",
        choices=choices((k, KIND_LABELS[k]) for k in ACT_KINDS),
        default="observation",
    )
    question = SelectField(
        "About the question (optional)", choices=choices([("", "—")]), default=""
    )
    text = text_field("What you did or saw", "text", area=True, noun="what you did or saw")
    happened_on = when_field("was it done or seen")
    happened_time = time_field("was it done or seen")

    def recorded(self) -> str:
        """What was recorded, by its kind ("Observation recorded")."""
        return f"{(self.kind.data or 'entry').capitalize()} recorded"


def offer_questions(form: "ActForm | CompareForm", questions: Sequence[Question]) -> None:
    """Let the form's question select offer the plan's questions (optional on an act entry)."""
    pairs = [(q.text, q.text + (" (exploratory)" if q.exploratory else "")) for q in questions]
    if isinstance(form, ActForm):
        form.question.choices = choices([("", "—"), *pairs])
    else:
        form.question.choices = choices(pairs)
        form.exploratory = frozenset(q.text for q in questions if q.exploratory)


class CompareForm(Worded, WhenForm):
    """What actually happened against one question's prediction."""

    said = "Comparison with the prediction recorded"

    question = SelectField("Question", choices=choices([]))
    outcome = RadioField(
        "Was the prediction borne out? (Not asked of an exploratory question.)",
        choices=choices(OUTCOME_LABELS.items()),
        validators=[],
    )
    text = text_field("What actually happened", "text", area=True, noun="what actually happened")
    happened_on = when_field("was it compared")
    happened_time = time_field("was it compared")
    exploratory: frozenset[str] = frozenset()  # the offered questions that made no prediction

    def validate(self, extra_validators: Any = None) -> bool:
        """A predicted question's outcome must be chosen; an exploratory one has none."""
        ok = super().validate(extra_validators)
        if self.question.data in self.exploratory and not self.outcome.data:
            self.outcome.errors = []  # no choice is the right answer here, not an invalid one
            ok = not any(f.errors for f in self) and not self.form_errors
        elif self.question.data in self.exploratory:
            self.outcome.errors = [
                "That question is exploratory: it made no prediction to confirm. "
                "Leave the outcome unticked and say what you found."
            ]
            ok = False
        elif self.question.data not in self.exploratory and not self.outcome.data:
            self.outcome.errors = ["Say whether the prediction was confirmed, partly, or not."]
            ok = False
        return ok


class ReflectionForm(Worded, WhenForm):
    """What was learned."""

    said = "Learning recorded"

    text = text_field("What we learned", "text", area=True, noun="what you learned")
    happened_on = when_field("was it learned")
    happened_time = time_field("was it learned")


class MistakeForm(Worded, WhenForm):
    """A mistake owned, recorded as learning without blame."""

    said = "Mistake recorded"

    text = text_field(
        "A mistake we made, and what it taught us",
        "text",
        area=True,
        noun="the mistake and what it taught you",
    )
    happened_on = when_field("was the mistake found")
    happened_time = time_field("was the mistake found")


class HelpForm(Worded, FlaskForm):
    """A request for help."""

    said = "Request for help recorded"

    text = text_field("What help do you need?", "text", area=True, noun="what help you need")


class AnswerForm(Worded, FlaskForm):
    """An answer to a help request."""

    said = "Answer recorded"

    text = text_field("Your answer", "comment", area=True, noun="your answer")


class CommentForm(Worded, FlaskForm):
    """A comment on the plan, an entry or the decision."""

    said = "Comment added"

    on = HiddenField()
    text = text_field("Comment", "comment", area=True, noun="your comment")


class DecisionForm(Worded, WhenForm):
    """Adopt and implement, or abandon (scaling up and adapting have their own page: each
    plans the next cycle)."""

    said = "Decision recorded"

    decision = RadioField(
        "Decision",
        choices=choices(
            [
                (ADOPT, "Adopt and implement — keep the change; the ramp ends"),
                (ABANDON, "Abandon — stop testing this change; the ramp ends"),
            ]
        ),
    )
    reason = text_field("Why", "decision_reason", area=True, noun="why you decided this")
    happened_on = when_field("was it decided")
    happened_time = time_field("was it decided")

    def validate(self, extra_validators: Any = None) -> bool:
        """A decision must be chosen."""
        ok = super().validate(extra_validators)
        if self.decision.data not in (ADOPT, ABANDON):
            self.decision.errors = [
                "Choose adopt and implement or abandon (or scale up or adapt, above)."
            ]
            ok = False
        return ok


class TaskDoneForm(Worded, FlaskForm):
    """A set-up task marked done: a bare button."""

    said = "Task marked done"


class CloseHelpForm(Worded, FlaskForm):
    """A request for help closed by its asker: a bare button."""

    said = "Request for help closed"


class CorrectionForm(Worded, FlaskForm):
    """Amend or withdraw an entry; the original always stays visible."""

    said = "Correction recorded"

    based_on = VersionField()
    action = RadioField(
        "Correction",
        choices=choices([("amend", "Amend the text"), ("withdraw", "Withdraw the entry")]),
        default="amend",
    )
    text = text_field(
        "Corrected text", "text", required=False, area=True, noun="the corrected text"
    )
    # One "Why" serves both corrections; a withdrawal's reason has the same limit.
    reason = text_field("Why", "amendment_reason", area=True, noun="why you are correcting it")

    def validate(self, extra_validators: Any = None) -> bool:
        """Amending needs the corrected text."""
        ok = super().validate(extra_validators)
        if self.action.data == "amend" and not self.text.data:
            self.text.errors = [*self.text.errors, "Give the corrected text."]
            ok = False
        return ok

    def rebase(self, revision: int) -> None:
        """Base the unsaved correction on the newer version, keeping the typed text."""
        self.based_on.data = revision
        self.based_on.raw_data = [str(revision)]
