"""The measure pages: a group's measures, one measure (its definition, its chart and data,
its baselines and phases) and one data point, with their forms; and where
the posts made on them land."""

from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

from flask import flash, request, url_for
from flask_wtf import FlaskForm

from domain.application import Recorded
from projections import queries
from projections.spc.model import XMR_MINIMUM
from web.forms import CorrectPointForm, MeasureForm, ReviseMeasureForm
from web.forms.registry import MEASURE_FORMS, POINT_FORMS, Sent, drawn
from web.measure_charts import MeasureChart, measure_chart
from web.pages import PageView
from web.posting import Landing
from web.rendering import found, reading, wants_fragment

LIST = ("measures/index.html", "measures/_define.html")
WHOLE = "measures/show.html"
POINT = ("measures/point.html", "measures/_point.html")
IMPORTED = "imported"  # the flashed message's category: how many points an import recorded


@dataclass(frozen=True)
class MeasuresView(PageView):
    """A group's measures with their latest values, and the form to define one."""

    read: queries.MeasuresPage
    form: FlaskForm


@dataclass(frozen=True)
class MeasureView(PageView):
    """One measure's page and its forms (a refused one as it was sent)."""

    read: queries.MeasurePage
    group: queries.GroupRow
    forms: dict[str, FlaskForm]
    charted: MeasureChart | None  # None before any value is recorded
    kinds: list[tuple[str, str]]  # the kinds of chart it can be drawn as, with their names
    imported: str | None = None  # what an import just recorded, said once
    # An htmx answer to one section also swaps the chart (out of band): it shows the change.
    chart_oob: bool = False


@dataclass(frozen=True)
class PointView(PageView):
    """One data point with every version of it, and its forms."""

    read: queries.PointPage
    forms: dict[str, FlaskForm]


def measures_view(group_id: UUID, sent: Sent | None = None) -> MeasuresView:
    """A group's measures, a refused definition given back in its place."""
    with reading() as conn:
        page = found(queries.measures_page(conn, group_id))
    return MeasuresView(page, sent.form if sent is not None else MeasureForm(formdata=None))


def measure_view(
    measure_id: UUID, sent: Sent | None = None, imported: str | None = None
) -> MeasureView:
    """A measure's page, a refused form given back in its place; ?chart=run or xmr asks for
    one kind of chart (an SPC chart once there are enough values, else a run chart)."""
    with reading() as conn:
        page = found(queries.measure_page(conn, measure_id))
        group = found(queries.get_group(conn, page.measure.group_id))
    forms = _forms(MEASURE_FORMS, sent)
    if not _refused(forms["revise_form"], sent):
        forms["revise_form"] = _revising(page.measure)
    charted, kinds = _charted(page)
    return MeasureView(page, group, forms, charted, kinds, imported, chart_oob=wants_fragment())


def _charted(page: queries.MeasurePage) -> tuple[MeasureChart | None, list[tuple[str, str]]]:
    """The measure's chart of the kind asked for, if it can be drawn so, and the kinds it can."""
    kept = [p for p in page.points if not p.withdrawn]
    if not kept:
        return None, []
    counted = sum(not p.excluded for p in kept)
    kinds = [("run", "Run chart")] + ([("xmr", "SPC chart")] if counted >= XMR_MINIMUM else [])
    asked = request.args.get("chart")
    kind = asked if asked in dict(kinds) else None
    # The figure's id is not "chart": that is the section around it, which htmx swaps.
    drawn = measure_chart(page.measure, kept, page.lines, page.marks, kind, "measure-chart")
    return drawn, kinds


def point_view(measure_id: UUID, point_id: str, sent: Sent | None = None) -> PointView:
    """A point's page, a refused form given back in its place."""
    with reading() as conn:
        page = found(queries.point_page(conn, measure_id, point_id))
    forms = _forms(POINT_FORMS, sent)
    if not _refused(forms["correct_form"], sent):
        point = page.point
        data = {
            "value": point.value,
            "numerator": point.numerator,
            "denominator": point.denominator,
        }
        forms["correct_form"] = CorrectPointForm(prefix="correct_form", formdata=None, data=data)
    return PointView(page, forms)


def _forms(prefixes: dict[str, type[FlaskForm]], sent: Sent | None) -> dict[str, FlaskForm]:
    forms = {prefix: drawn(prefix) for prefix in prefixes}
    if sent is not None and sent.refused is not None and sent.prefix in forms:
        forms[sent.prefix] = sent.refused
    return forms


def _refused(form: FlaskForm, sent: Sent | None) -> bool:
    """Whether this form is the one sent and refused (shown as it was sent)."""
    return sent is not None and form is sent.refused


def _revising(measure: queries.MeasureRow) -> FlaskForm:
    """The revise form, filled in with the definition as it stands."""
    fields = ("name", "definition", "unit", "kind", "better", "target", "target_by")
    data = {name: getattr(measure, name) for name in fields}
    return ReviseMeasureForm(prefix="revise_form", formdata=None, data=data)


def defined(group_id: UUID) -> Landing:
    """A measure defined: to its page."""
    return Landing(
        *LIST,
        lambda sent: measures_view(group_id, sent),
        lambda recorded: url_for("measures.show", measure_id=recorded.id),
    )


def section(measure_id: UUID, fragment: str, said: Callable[[], str] | None = None) -> Landing:
    """A post to one section of the measure page: htmx swaps that section (and the chart);
    an import's `said` (how many points it recorded) is shown once."""

    def page(sent: Sent) -> PageView:
        shown = said() if said is not None and sent.refused is None else None
        return measure_view(measure_id, sent, shown)

    def then(_: Recorded) -> str:
        if said is not None:
            flash(said(), IMPORTED)
        anchor = fragment.removeprefix("measures/_").removesuffix(".html")
        return url_for("measures.show", measure_id=measure_id) + f"#{anchor}"

    return Landing(WHOLE, fragment, page, then, swap=True)


def point_section(measure_id: UUID, point_id: str) -> Landing:
    """A post about one point: htmx swaps the point's section; else back to its page."""
    return Landing(
        *POINT,
        lambda sent: point_view(measure_id, point_id, sent),
        lambda _: url_for("points.show", measure_id=measure_id, point_id=point_id),
        swap=True,
    )
