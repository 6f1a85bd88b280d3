"""Plan revisions: revise mid-cycle, adapt into the next cycle, and read the history."""

from typing import Any
from uuid import UUID

from flask import Blueprint, request, url_for
from flask.typing import ResponseReturnValue

from domain.entries import ADAPT
from projections import queries
from web.access import requires
from web.auth import current_actor
from web.commands import submit as run
from web.forms import KIND_LABELS, AdaptForm, RevisionForm, choices
from web.names import person
from web.rendering import found, reading, render, see_other
from web.services import services

bp = Blueprint("revisions", __name__)


@bp.get("/cycles/<uuid:cycle_id>/revise")
@requires("record")
def revise(cycle_id: UUID) -> ResponseReturnValue:
    """The revision form, filled in with the current plan."""
    context = _context(cycle_id)
    plan = context["plan"]
    form = RevisionForm(
        formdata=None, data={**RevisionForm.data_from(plan), "based_on": plan.version}
    )
    return _form(form, context)


@bp.post("/cycles/<uuid:cycle_id>/revisions")
@requires("record")
def submit(cycle_id: UUID) -> ResponseReturnValue:
    """Revise the plan in the light of the cited learning."""
    context = _context(cycle_id)
    form = RevisionForm()
    _offer(form, context)
    recorded, status = run(
        form,
        lambda: services().app.revise_plan(
            cycle_id,
            form.based_on.data or 0,
            form.plan_input(),
            form.change.data,
            [UUID(c) for c in form.cites.data],
            current_actor(),
        ),
    )
    if recorded is None:
        if status == 409:  # keep everything they typed, based on the newer plan shown above
            form.rebase(context["plan"].version)
        return _form(form, context, status)
    return see_other(url_for("revisions.history", cycle_id=cycle_id))


@bp.get("/cycles/<uuid:cycle_id>/adapt")
@requires("record")
def adapt(cycle_id: UUID) -> ResponseReturnValue:
    """Adapt: plan the next cycle, starting from this cycle's plan."""
    context = _context(cycle_id)
    plan = context["plan"]
    form = AdaptForm(formdata=None, data={**AdaptForm.data_from(plan), "based_on": plan.version})
    return _form(form, context, template="adapt")


@bp.post("/cycles/<uuid:cycle_id>/adapt")
@requires("record")
def adapt_submit(cycle_id: UUID) -> ResponseReturnValue:
    """Decide to adapt: close this cycle and open the next with the revised plan."""
    context = _context(cycle_id)
    form = AdaptForm()
    _offer(form, context)
    recorded, status = run(
        form,
        lambda: services().app.decide(
            cycle_id,
            ADAPT,
            form.reason.data,
            current_actor(),
            next_plan=form.plan_input(),
            change=form.change.data,
            cites=[UUID(c) for c in form.cites.data],
        ),
    )
    if recorded is None:
        fresh = _context(cycle_id) if status != 422 else context
        return _form(form, fresh, status, "adapt")
    return see_other(url_for("cycles.show", cycle_id=recorded.id))


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


def _context(cycle_id: UUID) -> dict[str, Any]:
    with reading() as conn:
        cycle = found(queries.get_cycle(conn, cycle_id))
        return {
            "cycle": cycle,
            "group": queries.get_group(conn, cycle.group_id),
            "plan": found(queries.current_plan(conn, cycle_id)),
            **_citable(conn, cycle_id),
            "kinds": KIND_LABELS,
        }


def _citable(conn: Any, cycle_id: UUID) -> dict[str, Any]:
    """The newest entries a change may cite, and any ticked before (a refused post)."""
    ticked = []
    for value in request.form.getlist("cites") if request.method == "POST" else []:
        try:
            ticked.append(UUID(value))
        except ValueError:
            continue  # the form refuses it, plainly, when it validates
    offered, total = queries.citable_entries(conn, cycle_id, ticked)
    return {"entries": offered, "citable": total}


def _offer(form: RevisionForm, context: dict[str, Any]) -> None:
    """The learning a change can cite: this cycle's entries, not withdrawn."""
    form.cites.choices = choices(
        (e.id, f"{KIND_LABELS.get(e.kind, e.kind)} by {person(e.actor)}: {e.text}")
        for e in context["entries"]
    )


def _form(
    form: RevisionForm, context: dict[str, Any], status: int = 200, template: str = "revise"
) -> ResponseReturnValue:
    _offer(form, context)
    return render(
        f"revisions/{template}.html",
        "revisions/_form.html",
        status,
        form=form,
        adapting=template == "adapt",
        conflict=status == 409,
        **context,
    )
