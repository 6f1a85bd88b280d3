"""Corrections: amend or withdraw an entry by a new event; the original stays visible."""

from collections.abc import Mapping
from dataclasses import dataclass
from uuid import UUID

from flask import Blueprint, url_for
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm

from domain.application import Recorded
from projections import queries
from web.access import requires
from web.forms import KIND_LABELS, CorrectionForm
from web.forms.registry import UNPREFIXED, Sent
from web.pages import PageView
from web.posting import Landing, post
from web.rendering import found, reading, render
from web.services import services
from web.users import current_actor

bp = Blueprint("corrections", __name__)
PAGE = ("corrections/correct.html", "corrections/_form.html")


@dataclass(frozen=True)
class CorrectionView(PageView):
    """One entry with its versions, and the form to amend or withdraw it."""

    read: queries.CorrectionPage
    kinds: Mapping[str, str]
    form: FlaskForm


@bp.route("/cycles/<uuid:cycle_id>/entries/<uuid:entry_id>/correct", methods=["GET", "POST"])
@requires("record")
def correct(cycle_id: UUID, entry_id: UUID) -> ResponseReturnValue:
    """Amend or withdraw one entry."""
    page = _page(cycle_id, entry_id)
    entry = page.entry
    form = CorrectionForm(data={"based_on": entry.revision, "text": entry.text})
    if not form.is_submitted():
        return render(*PAGE, **_view(page, form).context())

    def given_back(sent: Sent) -> CorrectionView:
        if sent.status != 409:
            return _view(page, form)
        # Keep the typed text, based on the newer version shown above: read again, as it is
        # now (the page read before the command may predate the correction that won).
        newer = _page(cycle_id, entry_id)
        form.rebase(newer.entry.revision)
        return _view(newer, form)

    return post(
        Sent(UNPREFIXED, form),
        lambda: _command(cycle_id, entry_id, form),
        Landing(
            *PAGE,
            given_back,
            lambda _: url_for("cycles.show", cycle_id=cycle_id) + f"#entry-{entry_id}",
        ),
    )


def _command(cycle_id: UUID, entry_id: UUID, form: CorrectionForm) -> Recorded:
    app, based_on = services().app, form.based_on.data or 0
    if form.action.data == "withdraw":
        return app.withdraw_entry(cycle_id, entry_id, based_on, form.reason.data, current_actor())
    return app.amend_entry(
        cycle_id, entry_id, based_on, form.text.data, form.reason.data, current_actor()
    )


def _page(cycle_id: UUID, entry_id: UUID) -> queries.CorrectionPage:
    with reading() as conn:
        return found(queries.correction_page(conn, cycle_id, entry_id))


def _view(page: queries.CorrectionPage, form: FlaskForm) -> CorrectionView:
    return CorrectionView(page, KIND_LABELS, form)
