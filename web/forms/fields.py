"""Field helpers: the domain's limits and wording, so forms and aggregates agree."""

from typing import Any, ClassVar

from flask_wtf import FlaskForm
from wtforms import Field, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, StopValidation, ValidationError

from domain.errors import DomainError
from domain.fields import LIMITS


class Worded:
    """A form said aloud in set words once its post is recorded (web/posting.py)."""

    said: ClassVar[str]

    def recorded(self) -> str:
        """What was recorded, in words."""
        return self.said


def text_field(label: str, field: str, required: bool = True, area: bool = False) -> Any:
    """A text field with the domain's length limit for `field`."""
    first = DataRequired(message=f"{label} cannot be blank.") if required else Optional()
    kind = TextAreaField if area else StringField
    # Length renders maxlength in the browser; Within words the message if it gets past.
    checks = [Within(label, LIMITS[field]), Length(max=LIMITS[field])]
    return kind(label, validators=[first, *checks], filters=[strip])


def strip(value: Any) -> Any:
    """Surrounding white space is never meant."""
    return value.strip() if isinstance(value, str) else value


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
