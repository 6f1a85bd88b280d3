"""The optional "When did this happen?" of every form that records something: a date
(its picker stops at today) and, if known, a time; left blank, it happened now."""

from typing import Any

from flask_wtf import FlaskForm
from wtforms import DateField, TimeField
from wtforms.validators import Optional

from domain.clock import today
from domain.errors import InvalidFieldError
from domain.when import Happened

HINT = "Leave blank if it happened today; give the date (and time) if it was earlier."


class TodayOrBefore(DateField):
    """A date input whose latest choice is today, where the users are."""

    def __call__(self, **kwargs: Any) -> Any:
        """The input, its latest date today."""
        return super().__call__(**{"max": today().isoformat(), **kwargs})


def when_field(what: str) -> Any:
    """The date field, its label naming what happened (every label on a page is unique)."""
    return TodayOrBefore(f"When {what}? (optional)", validators=[Optional()], format="%Y-%m-%d")


def time_field(what: str) -> Any:
    """The time field, its label naming what happened."""
    return TimeField(f"At what time {what} (optional)", validators=[Optional()])


class WhenForm(FlaskForm):
    """A form that records something, and may say when it happened: its subclass gives it
    `happened_on` and `happened_time`, labelled with what happened."""

    happened_on: Any
    happened_time: Any

    def validate(self, extra_validators: Any = None) -> bool:
        """A date in the future is refused beside the date; a time needs a date."""
        ok = super().validate(extra_validators)
        if self.happened_time.data and not self.happened_on.data and not self.happened_on.errors:
            self.happened_on.errors = ["Give the date as well as the time."]
            return False
        try:
            self.happened()
        except InvalidFieldError as refused:
            self.happened_on.errors = [str(refused)]
            return False
        return ok

    def happened(self) -> Happened | None:
        """When the team said it happened, or None: when it is recorded."""
        if not self.happened_on.data:
            return None
        return Happened.checked(self.happened_on.data, self.happened_time.data)
