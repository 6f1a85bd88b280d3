"""Measures: a group's list and defining one, and a measure's page with its data (typed,
pasted, uploaded), its definition and its chart's baseline and phases."""

from collections.abc import Callable
from uuid import UUID

from flask import Blueprint
from flask.typing import ResponseReturnValue

from domain.application import Recorded
from domain.errors import InvalidFieldError, RowsRefusedError
from projections import queries
from web.access import requires
from web.caps import takes_a_file
from web.forms import (
    BaselineForm,
    MeasureForm,
    PasteForm,
    PhaseForm,
    PointForm,
    ReviseMeasureForm,
    UploadForm,
)
from web.forms.measures import decoded
from web.forms.registry import posted
from web.measure_imports import Import
from web.pages import measure as page
from web.posting import post
from web.rendering import found, reading, render
from web.services import services
from web.users import current_actor

bp = Blueprint("measures", __name__)
MEASURE = "/measures/<uuid:measure_id>"


@bp.get("/groups/<uuid:group_id>/measures")
@requires("read")
def index(group_id: UUID) -> ResponseReturnValue:
    """A group's measures with their latest values; define one."""
    return render(*page.LIST, **page.measures_view(group_id).context())


@bp.post("/groups/<uuid:group_id>/measures")
@requires("record")
def define(group_id: UUID) -> ResponseReturnValue:
    """Define a measure for the group."""
    sent = posted(MeasureForm)
    form = sent.form
    return post(
        sent,
        lambda: services().app.define_measure(group_id, form.as_definition(), current_actor()),
        page.defined(group_id),
    )


@bp.get(MEASURE)
@requires("read")
def show(measure_id: UUID) -> ResponseReturnValue:
    """A measure: its definition, its data and chart, its baseline and phases."""
    return render(page.WHOLE, "measures/_data.html", **page.measure_view(measure_id).context())


@bp.post(MEASURE + "/definition")
@requires("record")
def revise(measure_id: UUID) -> ResponseReturnValue:
    """Change the measure's definition, saying why."""
    sent = posted(ReviseMeasureForm)
    form = sent.form

    def command() -> Recorded:
        with reading() as conn:
            measure = found(queries.get_measure(conn, measure_id))
        definition = form.definition_data(measure.period, measure.ratio)
        return services().app.revise_measure(
            measure_id, definition, form.reason.data, current_actor()
        )

    return post(sent, command, page.section(measure_id, "measures/_definition.html"))


@bp.post(MEASURE + "/points")
@requires("record")
def record(measure_id: UUID) -> ResponseReturnValue:
    """Record one value (or a numerator over a denominator) for a date."""
    sent = posted(PointForm)
    form = sent.form
    return post(
        sent,
        lambda: _one_row(
            lambda: services().app.record_point(
                measure_id, form.day.data, current_actor(), **form.given()
            )
        ),
        page.section(measure_id, "measures/_data.html"),
    )


@bp.post(MEASURE + "/points/paste")
@requires("record")
def paste(measure_id: UUID) -> ResponseReturnValue:
    """Record rows pasted from a spreadsheet: all of them, or none."""
    sent = posted(PasteForm)
    rows = Import(measure_id, sent.form, "paste")
    return post(
        sent,
        lambda: rows.run(sent.form.rows.data),
        page.section(measure_id, "measures/_data.html", rows.said),
    )


@bp.post(MEASURE + "/points/upload")
@requires("record")
@takes_a_file
def upload(measure_id: UUID) -> ResponseReturnValue:
    """Record the rows of an uploaded CSV file: all of them, or none."""
    sent = posted(UploadForm)
    rows = Import(measure_id, sent.form, "file")
    return post(
        sent,
        lambda: rows.run(decoded(sent.form.file.data.read())),
        page.section(measure_id, "measures/_data.html", rows.said),
    )


@bp.post(MEASURE + "/baseline")
@requires("record")
def baseline(measure_id: UUID) -> ResponseReturnValue:
    """Freeze the centre line and limits on the first points, or those up to a date."""
    sent = posted(BaselineForm)
    form = sent.form
    return post(
        sent,
        lambda: services().app.freeze_baseline(
            measure_id,
            form.reason.data,
            current_actor(),
            until=form.until.data,
            first=form.first.data,
        ),
        page.section(measure_id, "measures/_lines.html"),
    )


@bp.post(MEASURE + "/phases")
@requires("record")
def phase(measure_id: UUID) -> ResponseReturnValue:
    """Start a new phase: the centre line and limits worked out again from a date."""
    sent = posted(PhaseForm)
    form = sent.form
    return post(
        sent,
        lambda: services().app.recalculate_limits(
            measure_id, form.start.data, form.reason.data, current_actor()
        ),
        page.section(measure_id, "measures/_lines.html"),
    )


def _one_row(command: Callable[[], Recorded]) -> Recorded:
    """A value typed into the form is one row: its problem is said beside its field."""
    try:
        return command()
    except RowsRefusedError as refused:
        problem = refused.problems[0]
        field = "day" if problem.column == "date" else problem.column
        raise InvalidFieldError(field, problem.why[:1].upper() + problem.why[1:] + ".") from None
