"""Pilot groups: the list, forming one, and each group's page with its aim and ramps."""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from flask import Blueprint, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_wtf import FlaskForm

from domain.application import Recorded
from domain.people import utcnow
from projections import queries
from web.access import requires
from web.auth import current_actor
from web.commands import submit
from web.forms import AdviceForm, AimForm, GroupForm, InviteForm, SharingForm
from web.past import as_of_requested, read_as_of
from web.rendering import found, reading, render, see_other, wants_fragment
from web.services import services

bp = Blueprint("groups", __name__)


@bp.get("/")
@requires("signed_in")
def index() -> ResponseReturnValue:
    """The groups this person belongs to or that share their learning; form a new one."""
    return _index(GroupForm())


@bp.post("/groups")
@requires("signed_in")
def create() -> ResponseReturnValue:
    """Form a pilot group; whoever forms it facilitates it."""
    form = GroupForm()
    recorded, status = submit(
        form, lambda: services().app.form_group(form.name.data, form.aim.data, current_actor())
    )
    if recorded is None:
        return _index(form, status)
    return see_other(url_for("groups.show", group_id=recorded.id))


@bp.get("/groups/<uuid:group_id>")
@requires("read")
def show(group_id: UUID) -> ResponseReturnValue:
    """A group's aim, ramps of cycles, open help requests and people (?as_of= for the past)."""
    moment = as_of_requested()
    if moment is not None:
        read_as_of(group_id, moment)
    return render("groups/show.html", "groups/_ramps.html", **group_context(group_id))


@bp.post("/groups/<uuid:group_id>/aim")
@requires("facilitate")
def revise_aim(group_id: UUID) -> ResponseReturnValue:
    """Change the group's aim, saying why."""
    form = AimForm(prefix="aim_form")
    return group_post(
        group_id,
        form,
        "groups/_aim.html",
        lambda: services().app.revise_aim(
            group_id, form.aim.data, form.reason.data, current_actor()
        ),
    )


def group_post(
    group_id: UUID,
    form: FlaskForm,
    fragment: str,
    command: Callable[[], Recorded],
    extra: dict[str, Any] | None = None,
) -> ResponseReturnValue:
    """Run a group command; show the fragment it changed, or the page again without htmx."""
    recorded, status = submit(form, command)
    if recorded is None:
        context = group_context(group_id, form)
        context["alert"] = form.form_errors  # e.g. a role change refused: say why on top
        return render("groups/show.html", fragment, status, **context)
    if not wants_fragment() and not extra:
        return see_other(url_for("groups.show", group_id=group_id))
    # Something shown once (an invitation's link) cannot survive a redirect: render it.
    return render("groups/show.html", fragment, **group_context(group_id), **(extra or {}))


def group_context(group_id: UUID, submitted: FlaskForm | None = None) -> dict[str, Any]:
    """Everything the group page shows, and its forms (the submitted one as it was sent)."""
    with reading() as conn:
        group = found(queries.get_group(conn, group_id))
        cycles = queries.group_cycles(conn, group_id)
        context = {
            "group": group,
            "aims": queries.aim_history(conn, group_id),
            "people": queries.group_people(conn, group_id),
            "invitations": queries.pending_invitations(conn, group_id, utcnow()),
            "ramps": queries.ramps(cycles),
            "cycles": cycles,
            "help": queries.group_help(conn, group_id=group_id, open_only=True),
            "asked_of": queries.advice_asked_of(conn, group_id),
            "me": str(current_user.id),
        }
    forms: dict[str, FlaskForm] = {
        "aim_form": AimForm(prefix="aim_form", formdata=None),
        "invite_form": InviteForm(prefix="invite_form", formdata=None),
        "sharing_form": SharingForm(prefix="sharing_form", formdata=None),
    }
    forms["sharing_form"].shared.data = group.shared
    key = submitted._prefix.rstrip("-") if submitted is not None else ""
    if submitted is not None and key in forms:  # only ever one of the page's own forms
        forms[key] = submitted
    advice_forms = {
        r.id: submitted
        if submitted is not None and submitted._prefix == f"adv{r.id.hex}-"
        else AdviceForm(prefix=f"adv{r.id.hex}", formdata=None)
        for r in context["asked_of"]
    }
    # Advice sent to a request no longer listed (its cycle just closed) is refused where
    # no form of it is drawn: the page gives back what was typed on its own.
    orphan = isinstance(submitted, AdviceForm) and submitted not in advice_forms.values()
    return {
        **context,
        **forms,
        "advice_forms": advice_forms,
        "refused_advice": submitted if orphan else None,
    }


def _index(form: GroupForm, status: int = 200) -> ResponseReturnValue:
    before = request.args.get("before")
    with reading() as conn:
        groups, older = queries.visible_groups(conn, str(current_user.id), before=before)
    return render(
        "groups/index.html",
        "groups/_form.html",
        status,
        groups=groups,
        form=form,
        older=older,
        first_page=not before,
    )
