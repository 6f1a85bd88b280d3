"""What a refused form's error summary lists: each message, and the input it links to."""

from collections.abc import Iterator
from dataclasses import dataclass

from flask_wtf import FlaskForm
from wtforms import Field, FieldList, FormField
from wtforms.widgets import ListWidget

SHOWN_ROWS = 5  # of a refused paste's bad rows in the summary; the field lists them all


@dataclass(frozen=True)
class Problem:
    """One message of a refused form; `target` is the id of the input to fix, or None for
    what is about the whole form (a refusal from the domain, an out-of-date form)."""

    message: str
    target: str | None


def problems(form: FlaskForm) -> list[Problem]:
    """The form's own messages first, then each field's in the order the page draws them."""
    bad_rows = getattr(form, "problems", ())
    if bad_rows:  # a refused paste or file (web/forms/measures.py): its rows, at its input
        target = next(filter(None, (_target(field) for field in form)), None)
        more = len(bad_rows) - SHOWN_ROWS
        tail = [Problem(f"And {more} more, listed by the field.", target)] if more > 0 else []
        return [Problem(str(row), target) for row in bad_rows[:SHOWN_ROWS]] + tail
    own = [Problem(message, None) for message in form.form_errors]
    return own + [p for field in form for p in _of(field)]


def messages(field: Field) -> list[str]:
    """A field's own messages: a list of rows, or a row, also holds its fields' errors,
    which are shown by those fields."""
    if isinstance(field, FormField):
        return list(field.form.form_errors)
    return [e for e in field.errors if isinstance(e, str)]


def _of(field: Field) -> Iterator[Problem]:
    target = _target(field)
    yield from (Problem(message, target) for message in messages(field))
    if isinstance(field, FieldList):
        for entry in field.entries:
            yield from _of(entry)
    elif isinstance(field, FormField):
        for sub in field.form:
            yield from _of(sub)


def _target(field: Field) -> str | None:
    """The input a person fixes: the field; the first radio or tick box of a group; the
    first input of a list of rows; none for a hidden field (nothing there to fix)."""
    if getattr(field.widget, "input_type", None) == "hidden":
        return None
    if isinstance(field, FieldList):
        return _target(field.entries[0]) if field.entries else None
    if isinstance(field, FormField):
        return next(filter(None, (_target(sub) for sub in field.form)), None)
    if isinstance(field.widget, ListWidget):
        options = list(field)
        return str(options[0].id) if options else None
    return str(field.id)
