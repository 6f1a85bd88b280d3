"""Pilot groups: list, form, and each group's page with its cycles."""

from uuid import UUID

from flask import Blueprint, url_for
from flask.typing import ResponseReturnValue

from domain.errors import DomainError
from projections import queries
from web.forms import GroupForm, attach
from web.identity import current_actor, needs_actor
from web.rendering import found, reading, render, see_other
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
    if not form.validate():
        return _index(form, 422)
    try:
        recorded = services().app.form_group(form.name.data, form.aim.data, current_actor())
    except DomainError as error:
        attach(form, error)
        return _index(form, 422)
    services().caught_up(recorded.notification_id)
    return see_other(url_for("groups.show", group_id=recorded.id))


@bp.get("/groups/<uuid:group_id>")
def show(group_id: UUID) -> ResponseReturnValue:
    """A group's aim and its cycles."""
    with reading() as conn:
        group = found(queries.get_group(conn, group_id))
        cycles = queries.group_cycles(conn, group_id)
    return render("groups/show.html", "groups/_cycles.html", group=group, cycles=cycles)


def _index(form: GroupForm, status: int = 200) -> ResponseReturnValue:
    with reading() as conn:
        groups = queries.list_groups(conn)
    return render("groups/index.html", "groups/_form.html", status, groups=groups, form=form)
