"""Field helpers: the domain's limits and wording, so forms and aggregates agree."""

from typing import Any, ClassVar

from flask_wtf import FlaskForm
from wtforms import Field, IntegerField, SelectMultipleField, StringField, TextAreaField, widgets
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, StopValidation, ValidationError

from domain.errors import DomainError
from domain.fields import LIMITS, NOUNS, blank, too_long


class Worded:
    """A form said aloud in set words once its post is recorded (web/posting.py)."""

    said: ClassVar[str]

    def recorded(self) -> str:
        """What was recorded, in words."""
        return self.said


def text_field(
    label: str, field: str, required: bool = True, area: bool = False, *, noun: str = ""
) -> Any:
    """A text field with the domain's length limit for `field`; its messages name it as
    `noun` ("what you did or saw"), or as the domain does, never by repeating the label."""
    noun = noun or NOUNS[field]
    first = DataRequired(message=blank(noun)) if required else Optional()
    kind = TextAreaField if area else StringField
    # Length renders maxlength in the browser; Within words the message if it gets past.
    checks = [Within(noun, LIMITS[field]), Length(max=LIMITS[field])]
    return kind(label, validators=[first, *checks], filters=[strip])


def strip(value: Any) -> Any:
    """Surrounding white space is never meant."""
    return value.strip() if isinstance(value, str) else value


class Within:
    """Refuse text over `limit` characters, saying how long it is."""

    def __init__(self, noun: str, limit: int) -> None:
        self.noun, self.limit = noun, limit

    def __call__(self, form: Any, field: Field) -> None:
        length = len(field.data or "")
        if length > self.limit:
            raise StopValidation(too_long(self.noun, self.limit, length))


class VersionField(IntegerField):
    """The version a form was drawn on, hidden: one that does not read as a number says
    the form is out of date (the error summary shows it, with nothing to link to)."""

    widget = widgets.HiddenInput()

    def process_formdata(self, valuelist: list[Any]) -> None:
        """Read the version, or say what to do when it cannot be read."""
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError("This form is out of date: reload the page and try again.") from error


class CitesField(SelectMultipleField):
    """Ticked entries; a value that is not one of those offered is refused plainly."""

    def pre_validate(self, form: Any) -> None:
        """Every ticked value must be one of the offered entries."""
        offered = {str(choice.value) for choice in self.choices or []}
        if any(value not in offered for value in self.data or []):
            raise ValidationError("One of the ticked entries is not part of this cycle.")


def choices(pairs: Any) -> list[SelectChoice]:
    """Options for a select, radio or tick-box field from (value, label) pairs."""
    return [SelectChoice(str(value), str(label)) for value, label in pairs]


def attach(form: FlaskForm, error: DomainError, message: str | None = None) -> None:
    """Show a domain error next to the field it is about, or above the form."""
    message = message or str(error)
    field: Field | None = getattr(form, error.field, None) if error.field else None
    if field is None or error.field == "actor":
        form.form_errors.append(message)
    else:
        field.errors = [*field.errors, message]
