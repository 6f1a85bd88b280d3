"""Posts of particular methods: Peer Assist's requests and advice, MSC's stories and choice.

Advice and stories cross group boundaries: a group asks another for advice, and a
member of any group may bring a story to a panel's cycle they can read.
"""

from uuid import UUID

from flask import Blueprint, abort, url_for
from flask.typing import ResponseReturnValue

from projections import queries
from web.access import requires
from web.auth import current_actor
from web.commands import submit
from web.cycle_page import story_groups
from web.forms import AdviceForm, AdviceRequestForm, ChoiceForm, StoryForm
from web.groups import group_context
from web.journal import journal_post
from web.rendering import found, reading, render, see_other
from web.services import services

bp = Blueprint("method_records", __name__)


@bp.post("/cycles/<uuid:cycle_id>/advice-requests")
@requires("record")
def ask_for_advice(cycle_id: UUID) -> ResponseReturnValue:
    """Peer Assist: ask a group that has done it before."""
    form = AdviceRequestForm(prefix="advice_request_form")
    with reading() as conn:
        cycle = found(queries.get_cycle(conn, cycle_id))
        asked = queries.groups_to_ask(conn, current_actor(), cycle.group_id)
    form.offer(asked)
    return journal_post(
        cycle_id,
        form,
        lambda: services().app.request_advice(
            cycle_id, UUID(form.to_group.data), form.question.data, current_actor()
        ),
    )


@bp.post("/groups/<uuid:group_id>/advice/<uuid:asked>")
@requires("record")
def give_advice(group_id: UUID, asked: UUID) -> ResponseReturnValue:
    """Peer Assist: a member of the asked group gives its advice."""
    with reading() as conn:
        request = queries.advice_request(conn, asked)
    if request is None or request.to_group_id != group_id:
        abort(404)  # as if it did not exist: it was not asked of this group
    form = AdviceForm(prefix=f"adv{asked.hex}")
    recorded, status = submit(
        form,
        lambda: services().app.give_advice(
            request.cycle_id, asked, group_id, form.text.data, current_actor()
        ),
    )
    if recorded is not None:
        return see_other(url_for("groups.show", group_id=group_id) + f"#advice-{asked}")
    return render(
        "groups/show.html", "groups/_advice.html", status, **group_context(group_id, form)
    )


@bp.post("/cycles/<uuid:cycle_id>/stories")
@requires("read")
def bring_story(cycle_id: UUID) -> ResponseReturnValue:
    """Most Significant Change: bring a story to the panel, from a group one records in."""
    form = StoryForm(prefix="story_form")
    with reading() as conn:
        cycle = found(queries.get_cycle(conn, cycle_id))
        groups = story_groups(conn, current_actor(), cycle.group_id)
    form.offer(groups)
    return journal_post(
        cycle_id,
        form,
        lambda: services().app.collect_story(
            cycle_id,
            UUID(form.from_group.data),
            {
                "title": form.title.data,
                "teller": form.teller.data,
                "text": form.text.data,
                "why": form.why.data,
            },
            current_actor(),
        ),
    )


@bp.post("/cycles/<uuid:cycle_id>/stories/choice")
@requires("record")
def choose_story(cycle_id: UUID) -> ResponseReturnValue:
    """Most Significant Change: the panel chooses the most significant story, saying why."""
    form = ChoiceForm(prefix="choice_form")
    with reading() as conn:
        told = queries.cycle_stories(conn, cycle_id)
    form.offer(told)
    return journal_post(
        cycle_id,
        form,
        lambda: services().app.choose_story(
            cycle_id, UUID(form.story.data), form.reasons.data, current_actor()
        ),
    )
