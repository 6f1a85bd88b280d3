"""Forms about measures: defining and revising one, recording its values (one typed in,
rows pasted, a CSV file uploaded) and setting its chart's baseline and phases."""

from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired, FileSize
from wtforms import BooleanField, DateField, FloatField, IntegerField, RadioField, TextAreaField
from wtforms.validators import DataRequired, NumberRange, Optional, ValidationError

from domain.clock import today
from domain.errors import RowProblem
from domain.measure_rows import MAX_ROWS
from web.forms.fields import Within, Worded, choices, text_field

# What each kind of measure is, in a line (the IHI family of measures).
KIND_HELP = {
    "outcome": "Outcome — the result the aim is about (e.g. discharges before noon).",
    "process": "Process — whether the change is done as planned (e.g. criteria recorded).",
    "balancing": "Balancing — what might get worse elsewhere (e.g. readmissions).",
}
BETTER_LABELS = {"up": "Up is better", "down": "Down is better", "neither": "Neither"}
PERIOD_LABELS = {"day": "Each day", "week": "Each week", "month": "Each month"}
# A CSV of MAX_ROWS rows of a date and two numbers is well under this.
UPLOAD_LIMIT = 256 * 1024
PASTE_LIMIT = 150_000  # characters: within the app's cap on a form field's size


def _date(label: str, required: bool = False) -> Any:
    first = DataRequired(message=f"Give {label.lower()}.") if required else Optional()
    return DateField(label, validators=[first], format="%Y-%m-%d")


def _number(label: str) -> Any:
    return FloatField(label, validators=[Optional()])


def _why(label: str, noun: str = "") -> Any:
    """The reason a change to a measure asks for; its messages call it `noun`, else the
    label's own words ("Why it is withdrawn" → "Enter why it is withdrawn.")."""
    return text_field(
        label, "measure_reason", area=True, noun=noun or label[0].lower() + label[1:]
    )


class PastDate(DateField):
    """A date of today or before (the browser's date picker stops at today too)."""

    def __init__(self, label: str, message: str, **kwargs: Any) -> None:
        required = DataRequired(message=message)
        super().__init__(label, validators=[required, _not_future], format="%Y-%m-%d", **kwargs)

    def __call__(self, **kwargs: Any) -> Any:
        """The input, its latest date today."""
        return super().__call__(**{"max": today().isoformat(), **kwargs})


def _not_future(form: Any, field: Any) -> None:
    if field.data is not None and field.data > today():
        raise ValidationError("The date cannot be after today.")


class _Described(FlaskForm):
    """What a measure is: the fields a definition and its revision share."""

    name = text_field("Name", "measure_name", noun="the measure's name")
    definition = text_field("Operational definition", "definition", area=True)
    unit = text_field("Unit", "unit")
    kind = RadioField(
        "Kind of measure",
        choices=choices(KIND_HELP.items()),
        default="outcome",
        invalid_choice_message="Say whether it is an outcome, process or balancing measure.",
    )
    better = RadioField(
        "Which way is better",
        choices=choices(BETTER_LABELS.items()),
        invalid_choice_message="Say whether up or down is better, or neither.",
    )
    target = _number("Target value (optional)")
    target_by = _date("Target date (optional)")

    def definition_data(self, period: str, ratio: bool) -> dict[str, Any]:
        """The definition as the Application takes it."""
        target_by: date | None = self.target_by.data
        return {
            "name": self.name.data,
            "definition": self.definition.data,
            "unit": self.unit.data,
            "kind": self.kind.data,
            "better": self.better.data,
            "period": period,
            "ratio": ratio,
            "target": self.target.data,
            "target_by": target_by.isoformat() if target_by else "",
        }


class MeasureForm(Worded, _Described):
    """Define a measure."""

    said = "Measure defined"

    period = RadioField(
        "How often is it counted",
        choices=choices(PERIOD_LABELS.items()),
        invalid_choice_message="Say how often it is counted: each day, week or month.",
    )
    ratio = BooleanField("A percentage of a numerator over a denominator")

    def as_definition(self) -> dict[str, Any]:
        """The definition as the Application takes it."""
        return self.definition_data(self.period.data, bool(self.ratio.data))


class ReviseMeasureForm(Worded, _Described):
    """Revise a measure's definition, saying why (its period and kind of value stay)."""

    said = "Measure revised"

    reason = _why("Why the definition changed")


class _Value(FlaskForm):
    """A value, or a numerator over a denominator for a percentage."""

    value = _number("Value")
    numerator = _number("Numerator")
    denominator = _number("Denominator")

    def given(self) -> dict[str, float | None]:
        """The value's fields as the Application takes them."""
        return {
            "value": self.value.data,
            "numerator": self.numerator.data,
            "denominator": self.denominator.data,
        }


class PointForm(Worded, _Value):
    """Record one value for a date."""

    said = "Value recorded"

    day = PastDate("Date", "Enter the date.", default=today)


class PasteForm(Worded, FlaskForm):
    """Rows pasted from a spreadsheet; a refusal names each bad row."""

    said = "Rows recorded"

    rows = TextAreaField(
        "Rows from a spreadsheet",
        validators=[
            DataRequired(message="Paste the rows: a date and a value on each line."),
            Within("The pasted rows", PASTE_LIMIT),
        ],
    )
    problems: tuple[RowProblem, ...] = ()  # a refused paste's bad rows, set by its post


class UploadForm(Worded, FlaskForm):
    """A CSV file of rows; a refusal names each bad row."""

    said = "Rows from the file recorded"

    file = FileField(
        "CSV file",
        validators=[
            FileRequired(message="Choose a CSV file."),
            FileSize(UPLOAD_LIMIT, message=f"The file must be at most {UPLOAD_LIMIT // 1024} KB."),
        ],
    )
    problems: tuple[RowProblem, ...] = ()
    limit_kb = UPLOAD_LIMIT // 1024
    max_rows = MAX_ROWS


class BaselineForm(Worded, FlaskForm):
    """Freeze the centre line and limits on the first points, or those up to a date."""

    said = "Baseline frozen"

    first = IntegerField(
        "The first how many points",
        validators=[
            Optional(),
            NumberRange(min=1, max=MAX_ROWS, message="Enter a count of points."),
        ],
    )
    until = _date("Or up to this date")
    reason = _why("Why this baseline", "why this is the baseline")


class PhaseForm(Worded, FlaskForm):
    """Start a new phase: the centre line and limits worked out again from a date."""

    said = "New phase started"

    start = PastDate("From this date", "Enter the date the phase starts.")
    reason = _why("Why a new phase (e.g. the change adopted)", "why a new phase starts")


class CorrectPointForm(Worded, _Value):
    """Correct a point's value, saying why."""

    said = "Value corrected"

    reason = _why("Why it is corrected")


class WithdrawForm(Worded, FlaskForm):
    """Withdraw a point recorded in error."""

    said = "Value withdrawn"

    reason = _why("Why it is withdrawn")


class ExcludeForm(Worded, FlaskForm):
    """Leave a point out of the calculations (it stays on the chart, marked)."""

    said = "Value left out of the calculations"

    reason = _why("Why it is left out")


class IncludeForm(Worded, FlaskForm):
    """Take a point left out back into the calculations."""

    said = "Value taken back into the calculations"

    reason = _why("Why it is taken back in")


class AstronomicalForm(Worded, FlaskForm):
    """Judge a point astronomical: obviously, unmistakably different."""

    said = "Value judged astronomical"

    reason = _why("Why it is astronomical")


class NoteForm(Worded, FlaskForm):
    """A note on a point."""

    said = "Note added"

    text = text_field("Note", "annotation", area=True)


def decoded(data: bytes) -> str:
    """A CSV file's text: UTF-8 (with or without Excel's byte order mark), else Windows-1252
    as Excel in the UK saves it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
