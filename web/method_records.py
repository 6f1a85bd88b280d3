"""Posts of particular methods: Peer Assist's requests and advice, MSC's stories and choice.

Advice and stories cross group boundaries: a group asks another for advice, and a
member of any group may bring a story to a panel's cycle they can read.
"""

from collections.abc import Callable
from uuid import UUID

import sqlalchemy as sa
from flask import Blueprint, abort
from flask.typing import ResponseReturnValue

from projections import queries
from web.access import requires
from web.forms import AdviceForm, AdviceRequestForm, ChoiceForm, StoryForm
from web.forms.registry import Sent, advice_prefix, posted
from web.pages import cycle, group
from web.posting import post
from web.rendering import found, reading
from web.services import services
from web.users import current_actor

bp = Blueprint("method_records", __name__)


@bp.post("/cycles/<uuid:cycle_id>/advice-requests")
@requires("record")
def ask_for_advice(cycle_id: UUID) -> ResponseReturnValue:
    """Peer Assist: ask a group that has done it before."""
    sent = _offering(AdviceRequestForm, cycle_id, queries.groups_to_ask)
    form = sent.form
    return post(
        sent,
        lambda: services().app.request_advice(
            cycle_id, UUID(form.to_group.data), form.question.data, current_actor()
        ),
        cycle.journal(cycle_id),
    )


@bp.post("/groups/<uuid:group_id>/advice/<uuid:asked>")
@requires("record")
def give_advice(group_id: UUID, asked: UUID) -> ResponseReturnValue:
    """Peer Assist: a member of the asked group gives its advice."""
    with reading() as conn:
        request = queries.advice_request(conn, asked)
    if request is None or request.to_group_id != group_id:
        abort(404)  # as if it did not exist: it was not asked of this group
    sent = posted(AdviceForm, advice_prefix(asked))
    text = sent.form.text
    return post(
        sent,
        lambda: services().app.give_advice(
            request.cycle_id, asked, group_id, text.data, current_actor()
        ),
        group.advice(group_id, asked),
    )


@bp.post("/cycles/<uuid:cycle_id>/stories")
@requires("read")
def bring_story(cycle_id: UUID) -> ResponseReturnValue:
    """Most Significant Change: bring a story to the panel, from a group one records in."""
    sent = _offering(StoryForm, cycle_id, queries.story_groups)
    form = sent.form
    return post(
        sent,
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
            happened=form.happened(),
        ),
        cycle.journal(cycle_id),
    )


@bp.post("/cycles/<uuid:cycle_id>/stories/choice")
@requires("record")
def choose_story(cycle_id: UUID) -> ResponseReturnValue:
    """Most Significant Change: the panel chooses the most significant story, saying why."""
    sent = posted(ChoiceForm)
    form = sent.form
    with reading() as conn:
        form.offer(queries.cycle_stories(conn, cycle_id))
    return post(
        sent,
        lambda: services().app.choose_story(
            cycle_id,
            UUID(form.story.data),
            form.reasons.data,
            current_actor(),
            happened=form.happened(),
        ),
        cycle.journal(cycle_id),
    )


def _offering(
    form_class: type[AdviceRequestForm | StoryForm],
    cycle_id: UUID,
    groups: Callable[[sa.Connection, str, UUID], list[queries.GroupChoice]],
) -> Sent:
    """The sent form, offering the groups the actor may choose for this cycle's group (to
    ask for advice, or to bring a story from): what it may send is what it was offered."""
    sent = posted(form_class)
    with reading() as conn:
        of = found(queries.get_cycle(conn, cycle_id))
        sent.form.offer(groups(conn, current_actor(), of.group_id))
    return sent
