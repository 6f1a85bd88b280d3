"""Forms: the same limits as the domain, so bad input is refused before a command runs."""

from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    Field,
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.validators import (
    DataRequired,
    Length,
    Optional,
    StopValidation,
    ValidationError,
)

from domain.errors import DomainError
from domain.fields import LIMITS

QUESTION_SLOTS = 3


def _text(label: str, field: str, required: bool = True, area: bool = False) -> Any:
    """A text field with the domain's length limit for `field`."""
    first = DataRequired(message=f"{label} cannot be blank.") if required else Optional()
    kind = TextAreaField if area else StringField
    # Length renders maxlength in the browser; Within words the message if it gets past.
    checks = [Within(label, LIMITS[field]), Length(max=LIMITS[field])]
    return kind(label, validators=[first, *checks], filters=[_strip])


class Within:
    """Refuse text over `limit` characters, saying how long it is."""

    def __init__(self, label: str, limit: int) -> None:
        self.label, self.limit = label, limit

    def __call__(self, form: Any, field: Field) -> None:
        length = len(field.data or "")
        if length > self.limit:
            raise StopValidation(
                f"{self.label} must be at most {self.limit} characters (it has {length})."
            )


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class IdentityForm(FlaskForm):
    """Who is recording: the name shown beside everything they log."""

    actor = _text("Your name", "actor")


class GroupForm(FlaskForm):
    """Form a pilot group."""

    name = _text("Group name", "name")
    aim = _text("Aim — what are you trying to improve?", "aim", area=True)


class QuestionForm(Form):
    """One question the test should answer, with the team's prediction."""

    question = _text("Question", "question", required=False)
    prediction = _text("Prediction", "prediction", required=False)

    def validate(self, extra_validators: Any = None) -> bool:
        """A question needs its prediction, and a prediction its question."""
        ok = super().validate(extra_validators)
        if bool(self.question.data) != bool(self.prediction.data):
            missing = self.prediction if self.question.data else self.question
            missing.errors = [*missing.errors, f"Add the {missing.name.rsplit('-', 1)[-1]} too."]
            ok = False
        return ok


class PlanForm(FlaskForm):
    """A cycle's plan: objective, plan and the questions with predictions."""

    objective = _text("Objective of this cycle", "objective")
    plan_text = _text("Plan — who, what, where, when", "plan_text", required=False, area=True)
    questions = FieldList(FormField(QuestionForm), min_entries=QUESTION_SLOTS, max_entries=10)

    def validate(self, extra_validators: Any = None) -> bool:
        """At least one question with its prediction."""
        ok = super().validate(extra_validators)
        if not self.question_pairs():
            self.questions.errors = ["Add at least one question with your prediction."]
            ok = False
        return ok

    def question_pairs(self) -> list[tuple[str, str]]:
        """The filled-in question rows as (question, prediction)."""
        return [
            (row["question"] or "", row["prediction"] or "")
            for row in self.questions.data
            if row["question"] or row["prediction"]
        ]


class ObservationForm(FlaskForm):
    """What was done and seen while acting."""

    text = _text("Observation", "text", area=True)


class ReflectionForm(FlaskForm):
    """What was learned, compared with the predictions."""

    text = _text("Reflection", "text", area=True)


class CitesField(SelectMultipleField):
    """Ticked entries; a value that is not one of this cycle's entries is refused plainly."""

    def pre_validate(self, form: Any) -> None:
        """Every ticked value must be one of the offered entries."""
        offered = {str(value) for value, _ in self.choices or []}
        if any(value not in offered for value in self.data or []):
            raise ValidationError("One of the ticked entries is not part of this cycle.")


class RevisionForm(PlanForm):
    """A revised plan, what changed and the learning it was revised in the light of."""

    based_on = IntegerField(widget=widgets.HiddenInput())
    change = _text("What changed, and why", "change", area=True)
    cites = CitesField(
        "Revised in the light of",
        option_widget=widgets.CheckboxInput(),
        widget=widgets.ListWidget(prefix_label=False),
    )

    def rebase(self, version: int) -> None:
        """Base the unsaved revision on a newer plan version, keeping all the typed text."""
        self.based_on.data = version
        self.based_on.raw_data = [str(version)]

    def validate(self, extra_validators: Any = None) -> bool:
        """A revision cites at least one piece of learning."""
        ok = super().validate(extra_validators)
        if not self.cites.data:
            self.cites.errors = [
                *self.cites.errors,
                "Tick the reflection or observation this revision is made in the light of.",
            ]
            ok = False
        return ok


def attach(form: FlaskForm, error: DomainError) -> None:
    """Show a domain error next to the field it is about, or above the form."""
    field: Field | None = getattr(form, error.field, None) if error.field else None
    if field is None or error.field == "actor":
        form.form_errors.append(str(error))
    else:
        field.errors = [*field.errors, str(error)]
