"""Pilot groups: the list, forming one, and each group's page with its aim and ramps."""

from dataclasses import dataclass
from uuid import UUID

from flask import Blueprint, request, url_for
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm

from projections import queries
from web.access import requires
from web.forms import AimForm, GroupForm
from web.forms.registry import Sent, posted
from web.pages import PageView, group
from web.past import as_of_requested, read_as_of
from web.posting import Landing, post
from web.rendering import reading, render
from web.services import services
from web.users import current_actor

bp = Blueprint("groups", __name__)
INDEX = ("groups/index.html", "groups/_form.html")


@dataclass(frozen=True)
class GroupsView(PageView):
    """A page of the groups someone may see, and the form to form one."""

    groups: list[queries.GroupRow]
    form: FlaskForm
    older: str | None  # the cursor of the next page, if there is one
    first_page: bool


@bp.get("/")
@requires("signed_in")
def index() -> ResponseReturnValue:
    """The groups this person belongs to or that share their learning; form a new one."""
    return render(*INDEX, **_index().context())


@bp.post("/groups")
@requires("signed_in")
def create() -> ResponseReturnValue:
    """Form a pilot group; whoever forms it facilitates it."""
    sent = posted(GroupForm)
    form = sent.form
    return post(
        sent,
        lambda: services().app.form_group(form.name.data, form.aim.data, current_actor()),
        Landing(*INDEX, _index, lambda recorded: url_for("groups.show", group_id=recorded.id)),
    )


@bp.get("/groups/<uuid:group_id>")
@requires("read")
def show(group_id: UUID) -> ResponseReturnValue:
    """A group's aim, ramps of cycles, open help requests and people (?as_of= for the past)."""
    moment = as_of_requested()
    if moment is not None:
        read_as_of(group_id, moment)
    return render(group.WHOLE, "groups/_ramps.html", **group.group_view(group_id).context())


@bp.post("/groups/<uuid:group_id>/aim")
@requires("facilitate")
def revise_aim(group_id: UUID) -> ResponseReturnValue:
    """Change the group's aim, saying why."""
    sent = posted(AimForm)
    form = sent.form
    return post(
        sent,
        lambda: services().app.revise_aim(
            group_id, form.aim.data, form.reason.data, current_actor()
        ),
        group.section(group_id, "groups/_aim.html"),
    )


def _index(sent: Sent | None = None) -> GroupsView:
    before = request.args.get("before")
    with reading() as conn:
        groups, older = queries.visible_groups(conn, current_actor(), before=before)
    form = sent.form if sent is not None else GroupForm()
    return GroupsView(groups, form, older, first_page=not before)
