"""A measure's data points: one point's page, every version of it and its notes, and the
forms that correct it, withdraw it, leave it out or take it back in, judge it astronomical
or note something about it."""

from uuid import UUID

from flask import Blueprint
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm
from werkzeug.routing import BaseConverter

from web.access import requires
from web.forms import (
    AstronomicalForm,
    CorrectPointForm,
    ExcludeForm,
    IncludeForm,
    NoteForm,
    WithdrawForm,
)
from web.forms.registry import posted
from web.pages import measure as page
from web.posting import post
from web.rendering import render
from web.services import services
from web.users import current_actor

bp = Blueprint("points", __name__)
# A point's id: 32 hex digits (any other part of a path is no point: a 404).
bp.record_once(lambda state: state.app.url_map.converters.update(point=PointId))
POINT = "/measures/<uuid:measure_id>/points/<point:point_id>"


class PointId(BaseConverter):
    """A data point's id in a path."""

    regex = "[0-9a-f]{32}"


@bp.get(POINT)
@requires("read")
def show(measure_id: UUID, point_id: str) -> ResponseReturnValue:
    """One data point: its value, every version of it and its notes."""
    return render(*page.POINT, **page.point_view(measure_id, point_id).context())


@bp.post(POINT + "/correct")
@requires("record")
def correct(measure_id: UUID, point_id: str) -> ResponseReturnValue:
    """Correct a point's value, saying why; the old value stays in the record."""
    sent = posted(CorrectPointForm)
    form = sent.form
    return post(
        sent,
        lambda: services().app.correct_point(
            measure_id, point_id, form.reason.data, current_actor(), **form.given()
        ),
        page.point_section(measure_id, point_id),
    )


# The changes to a point that take only a reason: the form, and the command it runs.
REASONED: dict[str, tuple[type[FlaskForm], str]] = {
    "withdraw": (WithdrawForm, "withdraw_point"),
    "exclude": (ExcludeForm, "exclude_point"),
    "include": (IncludeForm, "include_point"),
    "astronomical": (AstronomicalForm, "mark_astronomical"),
}


@bp.post(POINT + "/withdraw", defaults={"change": "withdraw"})
@bp.post(POINT + "/exclude", defaults={"change": "exclude"})
@bp.post(POINT + "/include", defaults={"change": "include"})
@bp.post(POINT + "/astronomical", defaults={"change": "astronomical"})
@requires("record")
def reasoned(measure_id: UUID, point_id: str, change: str) -> ResponseReturnValue:
    """Withdraw a point, leave it out of the calculations, take it back in, or judge it
    astronomical: each for a reason."""
    form_class, command = REASONED[change]
    sent = posted(form_class)
    run = getattr(services().app, command)
    return post(
        sent,
        lambda: run(measure_id, point_id, sent.form.reason.data, current_actor()),
        page.point_section(measure_id, point_id),
    )


@bp.post(POINT + "/notes")
@requires("record")
def note(measure_id: UUID, point_id: str) -> ResponseReturnValue:
    """Note something about a point (the chart shows it)."""
    sent = posted(NoteForm)
    return post(
        sent,
        lambda: services().app.annotate_point(
            measure_id, point_id, sent.form.text.data, current_actor()
        ),
        page.point_section(measure_id, point_id),
    )
