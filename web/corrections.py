"""Corrections: amend or withdraw an entry by a new event; the original stays visible."""

from typing import Any
from uuid import UUID

from flask import Blueprint, url_for
from flask.typing import ResponseReturnValue

from domain.errors import DomainError, StaleEntryError
from projections import queries
from web.access import requires
from web.auth import current_actor
from web.forms import KIND_LABELS, CorrectionForm, attach
from web.names import humanize
from web.rendering import found, reading, render, see_other, status_for
from web.services import services

bp = Blueprint("corrections", __name__)


@bp.route("/cycles/<uuid:cycle_id>/entries/<uuid:entry_id>/correct", methods=["GET", "POST"])
@requires("record")
def correct(cycle_id: UUID, entry_id: UUID) -> ResponseReturnValue:
    """Amend or withdraw one entry."""
    context = _context(cycle_id, entry_id)
    entry = context["entry"]
    form = CorrectionForm(data={"based_on": entry.revision, "text": entry.text})
    if not form.is_submitted():
        return _page(form, context)
    if not form.validate():
        return _page(form, context, 422)
    try:
        _command(cycle_id, entry_id, form)
    except StaleEntryError as error:
        form.form_errors.append(str(error))
        form.rebase(entry.revision)
        return _page(form, context, 409)
    except DomainError as error:
        attach(form, error, humanize(str(error)))
        return _page(form, context, status_for(error))
    return see_other(url_for("cycles.show", cycle_id=cycle_id) + f"#entry-{entry_id}")


def _command(cycle_id: UUID, entry_id: UUID, form: CorrectionForm) -> None:
    app, based_on = services().app, form.based_on.data or 0
    if form.action.data == "withdraw":
        recorded = app.withdraw_entry(
            cycle_id, entry_id, based_on, form.reason.data, current_actor()
        )
    else:
        recorded = app.amend_entry(
            cycle_id, entry_id, based_on, form.text.data, form.reason.data, current_actor()
        )
    services().caught_up(recorded.notification_id)


def _context(cycle_id: UUID, entry_id: UUID) -> dict[str, Any]:
    with reading() as conn:
        cycle = found(queries.get_cycle(conn, cycle_id))
        entry = found(queries.get_entry(conn, cycle_id, entry_id))
        return {
            "cycle": cycle,
            "group": queries.get_group(conn, cycle.group_id),
            "entry": entry,
            "versions": queries.entry_corrections(conn, [entry]).get(entry_id, []),
            "kinds": KIND_LABELS,
        }


def _page(form: CorrectionForm, context: dict[str, Any], status: int = 200) -> ResponseReturnValue:
    return render(
        "corrections/correct.html", "corrections/_form.html", status, form=form, **context
    )
