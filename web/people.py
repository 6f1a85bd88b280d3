"""A group's people: invitations, roles, removal and sharing — all facilitators' work."""

from uuid import UUID

from flask import Blueprint, current_app, url_for
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm

from domain.application import Recorded
from web.access import requires
from web.auth import current_actor
from web.forms import InviteForm, RoleForm, SharingForm
from web.groups import group_post
from web.services import services

bp = Blueprint("people", __name__)
PEOPLE = "groups/_people.html"


@bp.post("/groups/<uuid:group_id>/invitations")
@requires("facilitate")
def invite(group_id: UUID) -> ResponseReturnValue:
    """Invite someone by email: the single-use link is shown here and written to the log."""
    form = InviteForm(prefix="invite_form")
    # Sent again (the same form), nothing new is made and the link, shown once, is gone.
    link: dict[str, str] = {"email": form.email.data or ""}

    def command() -> Recorded:
        recorded, token = services().app.invite(
            group_id, form.email.data, form.role.data, current_actor()
        )
        url = url_for("auth.invitation", invitation_id=recorded.id, token=token, _external=True)
        # No mail server is needed: the link is shown to the facilitator and logged. A
        # mailer would send `url` to the invited address here.
        current_app.logger.info(
            "Invitation for %s to group %s: %s", form.email.data, group_id, url
        )
        link.update(url=url, email=form.email.data)
        return recorded

    return group_post(group_id, form, PEOPLE, command, {"new_link": link})


@bp.post("/groups/<uuid:group_id>/people/<account_id>/role")
@requires("facilitate")
def change_role(group_id: UUID, account_id: str) -> ResponseReturnValue:
    """Change someone's role."""
    form = RoleForm(prefix=f"r{_slug(account_id)}")
    return group_post(
        group_id,
        form,
        PEOPLE,
        lambda: services().app.change_role(group_id, account_id, form.role.data, current_actor()),
    )


@bp.post("/groups/<uuid:group_id>/people/<account_id>/remove")
@requires("facilitate")
def remove(group_id: UUID, account_id: str) -> ResponseReturnValue:
    """Remove someone from the group."""
    form = FlaskForm(prefix=f"x{_slug(account_id)}")
    return group_post(
        group_id,
        form,
        PEOPLE,
        lambda: services().app.remove_member(group_id, account_id, current_actor()),
    )


@bp.post("/groups/<uuid:group_id>/sharing")
@requires("facilitate")
def sharing(group_id: UUID) -> ResponseReturnValue:
    """Share the group's learning organisation-wide, or keep it private."""
    form = SharingForm(prefix="sharing_form")
    return group_post(
        group_id,
        form,
        PEOPLE,
        lambda: services().app.set_sharing(group_id, bool(form.shared.data), current_actor()),
    )


def _slug(account_id: str) -> str:
    return "".join(ch for ch in account_id if ch.isalnum())
