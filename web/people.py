"""A group's people: invitations, roles, removal and sharing — all facilitators' work."""

from uuid import UUID

from flask import Blueprint, current_app, url_for
from flask.typing import ResponseReturnValue

from domain.application import Recorded
from web.access import requires
from web.forms import InviteForm, RemovalForm, RoleForm, SharingForm
from web.forms.registry import posted, removal_prefix, role_prefix
from web.pages import group
from web.past import as_of_requested, read_as_of
from web.posting import post
from web.rendering import render
from web.services import services
from web.users import current_actor

bp = Blueprint("people", __name__)
PEOPLE = "groups/_people.html"


@bp.get("/groups/<uuid:group_id>/people")
@requires("read")
def show(group_id: UUID) -> ResponseReturnValue:
    """The group's people and their roles; for facilitators, invitations and sharing too
    (?as_of= for the past)."""
    moment = as_of_requested()
    if moment is not None:
        read_as_of(group_id, moment)
    return render(group.PEOPLE, PEOPLE, **group.group_view(group_id).context())


@bp.post("/groups/<uuid:group_id>/invitations")
@requires("facilitate")
def invite(group_id: UUID) -> ResponseReturnValue:
    """Invite someone by email: the single-use link is shown here and written to the log."""
    sent = posted(InviteForm)
    form = sent.form
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

    return post(
        sent, command, group.section(group_id, PEOPLE, new_link=lambda: link, whole=group.PEOPLE)
    )


@bp.post("/groups/<uuid:group_id>/people/<account_id>/role")
@requires("facilitate")
def change_role(group_id: UUID, account_id: str) -> ResponseReturnValue:
    """Change someone's role."""
    sent = posted(RoleForm, role_prefix(account_id))
    role = sent.form.role
    return post(
        sent,
        lambda: services().app.change_role(group_id, account_id, role.data, current_actor()),
        group.section(group_id, PEOPLE, whole=group.PEOPLE),
    )


@bp.post("/groups/<uuid:group_id>/people/<account_id>/remove")
@requires("facilitate")
def remove(group_id: UUID, account_id: str) -> ResponseReturnValue:
    """Remove someone from the group."""
    return post(
        posted(RemovalForm, removal_prefix(account_id)),
        lambda: services().app.remove_member(group_id, account_id, current_actor()),
        group.section(group_id, PEOPLE, whole=group.PEOPLE),
    )


@bp.post("/groups/<uuid:group_id>/sharing")
@requires("facilitate")
def sharing(group_id: UUID) -> ResponseReturnValue:
    """Share the group's learning organisation-wide, or keep it private."""
    sent = posted(SharingForm)
    shared = sent.form.shared
    return post(
        sent,
        lambda: services().app.set_sharing(group_id, bool(shared.data), current_actor()),
        group.section(group_id, PEOPLE, whole=group.PEOPLE),
    )
