"""Pilot groups: list, form, and each group's page with its aim, members, ramps and help."""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from flask import Blueprint, url_for
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm

from domain.application import Recorded
from projections import queries
from web.commands import submit
from web.forms import AimForm, GroupForm, MemberForm
from web.identity import current_actor, needs_actor
from web.rendering import found, reading, render, see_other, wants_fragment
from web.services import services

bp = Blueprint("groups", __name__)


@bp.get("/")
def index() -> ResponseReturnValue:
    """Every pilot group, and the form to start one."""
    return _index(GroupForm())


@bp.post("/groups")
@needs_actor
def create() -> ResponseReturnValue:
    """Form a pilot group."""
    form = GroupForm()
    recorded, status = submit(
        form, lambda: services().app.form_group(form.name.data, form.aim.data, current_actor())
    )
    if recorded is None:
        return _index(form, status)
    return see_other(url_for("groups.show", group_id=recorded.id))


@bp.get("/groups/<uuid:group_id>")
def show(group_id: UUID) -> ResponseReturnValue:
    """A group's aim, members, ramps of cycles and open help requests."""
    return render("groups/show.html", "groups/_ramps.html", **_context(group_id))


@bp.post("/groups/<uuid:group_id>/aim")
@needs_actor
def revise_aim(group_id: UUID) -> ResponseReturnValue:
    """Change the group's aim, saying why."""
    form = AimForm(prefix="aim_form")
    return _post(
        group_id,
        form,
        "groups/_aim.html",
        lambda: services().app.revise_aim(
            group_id, form.aim.data, form.reason.data, current_actor()
        ),
    )


@bp.post("/groups/<uuid:group_id>/members")
@needs_actor
def add_member(group_id: UUID) -> ResponseReturnValue:
    """Add a member by name."""
    form = MemberForm(prefix="member_form")
    return _post(
        group_id,
        form,
        "groups/_members.html",
        lambda: services().app.add_member(group_id, form.member.data, current_actor()),
    )


def _post(
    group_id: UUID, form: FlaskForm, fragment: str, command: Callable[[], Recorded]
) -> ResponseReturnValue:
    recorded, status = submit(form, command)
    if recorded is None:
        return render("groups/show.html", fragment, status, **_context(group_id, form))
    if not wants_fragment():
        return see_other(url_for("groups.show", group_id=group_id))
    return render("groups/show.html", fragment, **_context(group_id))


def _context(group_id: UUID, submitted: FlaskForm | None = None) -> dict[str, Any]:
    with reading() as conn:
        group = found(queries.get_group(conn, group_id))
        cycles = queries.group_cycles(conn, group_id)
        context = {
            "group": group,
            "aims": queries.aim_history(conn, group_id),
            "members": queries.group_members(conn, group_id),
            "ramps": queries.ramps(cycles),
            "cycles": cycles,
            "help": queries.group_help(conn, group_id=group_id, open_only=True),
        }
    forms = {
        "aim_form": AimForm(prefix="aim_form", formdata=None),
        "member_form": MemberForm(prefix="member_form", formdata=None),
    }
    if submitted is not None:
        forms[submitted._prefix.rstrip("-")] = submitted
    return {**context, **forms}


def _index(form: GroupForm, status: int = 200) -> ResponseReturnValue:
    with reading() as conn:
        groups = queries.list_groups(conn)
    return render("groups/index.html", "groups/_form.html", status, groups=groups, form=form)
