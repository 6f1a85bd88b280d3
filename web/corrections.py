"""Corrections: amend or withdraw an entry by a new event; the original stays visible."""

from typing import Any
from uuid import UUID

from flask import Blueprint, url_for
from flask.typing import ResponseReturnValue

from domain.application import Recorded
from projections import queries
from web.access import requires
from web.auth import current_actor
from web.commands import submit
from web.forms import KIND_LABELS, CorrectionForm
from web.rendering import found, reading, render, see_other
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
    recorded, status = submit(form, lambda: _command(cycle_id, entry_id, form))
    if recorded is None:
        if status == 409:  # keep the typed text, based on the newer version shown above
            form.rebase(entry.revision)
        return _page(form, context, status)
    return see_other(url_for("cycles.show", cycle_id=cycle_id) + f"#entry-{entry_id}")


def _command(cycle_id: UUID, entry_id: UUID, form: CorrectionForm) -> Recorded:
    app, based_on = services().app, form.based_on.data or 0
    if form.action.data == "withdraw":
        return app.withdraw_entry(cycle_id, entry_id, based_on, form.reason.data, current_actor())
    return app.amend_entry(
        cycle_id, entry_id, based_on, form.text.data, form.reason.data, current_actor()
    )


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
