"""Running a command from a form: validate, run, read your writes — or say what is wrong."""

from collections.abc import Callable

from flask_wtf import FlaskForm

from domain.application import Recorded
from domain.errors import DomainError
from web.forms import attach
from web.names import humanize
from web.rendering import status_for
from web.services import services


def submit(form: FlaskForm, command: Callable[[], Recorded]) -> tuple[Recorded | None, int]:
    """Run `command` if the form is valid; on success the read model already shows it.

    Returns the command's result and 200, or None and the status to answer with
    (422 for bad input, 409 when someone else changed things first), the reason
    attached to the form so the page can show it next to the field.
    """
    if not form.validate():
        return None, 422
    try:
        recorded = command()
    except DomainError as error:
        attach(form, error, humanize(str(error)))
        return None, status_for(error)
    services().caught_up(recorded.notification_id)
    return recorded, 200
