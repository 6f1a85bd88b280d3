"""Plan revisions: revise mid-cycle, adapt or scale up into the next cycle, and read the
history."""

from collections.abc import Mapping
from dataclasses import dataclass
from uuid import UUID

from flask import Blueprint, flash, request, url_for
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm

from domain.entries import ADAPT, SCALE_UP
from projections import queries
from web.access import requires
from web.forms import KIND_LABELS, AdaptForm, RevisionForm, ScaleUpForm, choices
from web.forms.registry import Sent, posted
from web.names import person
from web.pages import PageView
from web.posting import Landing, post
from web.rendering import found, reading, render
from web.services import services
from web.users import current_actor

bp = Blueprint("revisions", __name__)
FORM = "revisions/_form.html"


@dataclass(frozen=True)
class RevisionView(PageView):
    """The plan as it stands, the learning a change may cite, and the form to change it."""

    read: queries.RevisionPage
    kinds: Mapping[str, str]
    form: FlaskForm
    adapting: bool
    conflict: bool  # someone changed the plan first: the newer one is shown beside
    decision: str = ""  # adapt or scale up, when the form plans the next cycle


@bp.get("/cycles/<uuid:cycle_id>/revise")
@requires("record")
def revise(cycle_id: UUID) -> ResponseReturnValue:
    """The revision form, filled in with the current plan."""
    page = _page(cycle_id)
    form = RevisionForm(
        formdata=None, data={**RevisionForm.data_from(page.plan), "based_on": page.plan.version}
    )
    return render("revisions/revise.html", FORM, **_view(page, form).context())


@bp.post("/cycles/<uuid:cycle_id>/revisions")
@requires("record")
def submit(cycle_id: UUID) -> ResponseReturnValue:
    """Revise the plan in the light of the cited learning."""
    page = _page(cycle_id)
    sent = posted(RevisionForm)
    form = _offer(sent.form, page)

    def given_back(sent: Sent) -> RevisionView:
        if sent.status != 409:
            return _view(page, form, sent.status)
        # Keep everything they typed, based on the newer plan shown: read again, as it is
        # now (the page read before the command may predate the revision that won).
        newer = _page(cycle_id)
        form.rebase(newer.plan.version)
        return _view(newer, form, sent.status)

    return post(
        sent,
        lambda: services().app.revise_plan(
            cycle_id,
            form.based_on.data or 0,
            form.plan_input(),
            form.change.data,
            [UUID(c) for c in form.cites.data],
            current_actor(),
        ),
        Landing("revisions/revise.html", FORM, given_back, lambda _: _saved(cycle_id, form)),
    )


def _saved(cycle_id: UUID, form: FlaskForm) -> str:
    """Back to the cycle, whose plan says once which version was just saved."""
    # A flash, not the address: a reload or a shared link is not "just saved".
    flash(str((form.based_on.data or 0) + 1), "revised")
    return url_for("cycles.show", cycle_id=cycle_id)


@bp.get("/cycles/<uuid:cycle_id>/adapt")
@requires("record")
def adapt(cycle_id: UUID) -> ResponseReturnValue:
    """Adapt: plan the next cycle, starting from this cycle's plan."""
    return _plan_next(cycle_id, ADAPT)


@bp.post("/cycles/<uuid:cycle_id>/adapt")
@requires("record")
def adapt_submit(cycle_id: UUID) -> ResponseReturnValue:
    """Decide to adapt: close this cycle and open the next with the revised plan."""
    return _open_next(cycle_id, ADAPT)


@bp.get("/cycles/<uuid:cycle_id>/scale-up")
@requires("record")
def scale_up(cycle_id: UUID) -> ResponseReturnValue:
    """Adopt and scale up: plan the next cycle, this plan at a larger scale."""
    return _plan_next(cycle_id, SCALE_UP)


@bp.post("/cycles/<uuid:cycle_id>/scale-up")
@requires("record")
def scale_up_submit(cycle_id: UUID) -> ResponseReturnValue:
    """Decide to adopt and scale up: close this cycle and open the next at the new scale."""
    return _open_next(cycle_id, SCALE_UP)


# The decisions that plan the ramp's next cycle: each one's form and page.
_NEXT = {
    ADAPT: (AdaptForm, "revisions/adapt.html"),
    SCALE_UP: (ScaleUpForm, "revisions/scale_up.html"),
}


def _plan_next(cycle_id: UUID, decision: str) -> ResponseReturnValue:
    """The next cycle's plan form, starting from this cycle's plan."""
    page = _page(cycle_id)
    plan = page.plan
    form_class, template = _NEXT[decision]
    form = form_class(formdata=None, data={**form_class.data_from(plan), "based_on": plan.version})
    return render(template, FORM, **_view(page, form, decision=decision).context())


def _open_next(cycle_id: UUID, decision: str) -> ResponseReturnValue:
    """Close this cycle with `decision` and open the next with the plan sent."""
    page = _page(cycle_id)
    form_class, template = _NEXT[decision]
    sent = posted(form_class)
    form = _offer(sent.form, page)

    def given_back(sent: Sent) -> RevisionView:
        fresh = _page(cycle_id) if sent.status != 422 else page  # the cycle moved on
        return _view(fresh, form, sent.status, decision=decision)

    return post(
        sent,
        lambda: services().app.decide(
            cycle_id,
            decision,
            form.change.data,
            current_actor(),
            next_plan=form.plan_input(),
            cites=[UUID(c) for c in form.cites.data],
            happened=form.happened(),
        ),
        Landing(
            template,
            FORM,
            given_back,
            lambda recorded: url_for("cycles.show", cycle_id=recorded.id),
        ),
    )


@bp.get("/cycles/<uuid:cycle_id>/history")
@requires("read")
def history(cycle_id: UUID) -> ResponseReturnValue:
    """How the ramp's plan changed: each version, the diff, who, when, and the learning cited."""
    page = min(max(request.args.get("page", 0, type=int), 0), 10_000)
    learning_only = request.args.get("learning") == "1"
    whole_ramp = request.args.get("ramp") == "1"
    with reading() as conn:
        cycle = found(queries.get_cycle(conn, cycle_id))
        group = queries.get_group(conn, cycle.group_id)
        items, summary, more = queries.ramp_history(
            conn, cycle_id, page=page, learning_only=learning_only, whole_ramp=whole_ramp
        )
    return render(
        "revisions/history.html",
        "revisions/_history.html",
        cycle=cycle,
        group=group,
        items=items,
        summary=summary,
        page=page,
        more=more,
        learning_only=learning_only,
        whole_ramp=whole_ramp,
        in_ramp=bool(cycle.previous_cycle_id or cycle.next_cycle_id),
        kinds=KIND_LABELS,
    )


def _page(cycle_id: UUID) -> queries.RevisionPage:
    """The plan and the newest entries a change may cite, and any ticked before (a
    refused post)."""
    ticked = []
    for value in request.form.getlist("cites") if request.method == "POST" else []:
        try:
            ticked.append(UUID(value))
        except ValueError:
            continue  # the form refuses it, plainly, when it validates
    with reading() as conn:
        return found(queries.revision_page(conn, cycle_id, ticked))


def _offer(form: FlaskForm, page: queries.RevisionPage) -> FlaskForm:
    """The learning a change can cite: this cycle's entries, not withdrawn."""
    form.cites.choices = choices(
        (e.id, f"{KIND_LABELS.get(e.kind, e.kind)} by {person(e.actor)}: {e.text}")
        for e in page.entries
    )
    return form


def _view(
    page: queries.RevisionPage, form: FlaskForm, status: int = 200, decision: str = ""
) -> RevisionView:
    _offer(form, page)
    return RevisionView(
        page, KIND_LABELS, form, bool(decision), conflict=status == 409, decision=decision
    )
