"""The group page: its aim, ramps, advice asked of it and people, with its forms; and
where the posts made on it land."""

from collections.abc import Callable
from dataclasses import dataclass, field
from uuid import UUID

from flask import g, url_for
from flask_wtf import FlaskForm

from domain.clock import utcnow
from domain.roles import FACILITATE
from projections import queries
from web.charts import Sparkline
from web.forms import AdviceForm
from web.forms.registry import GROUP_FORMS, Sent, advice_prefix, drawn
from web.measure_charts import sparklines
from web.pages import PageView
from web.pages.opening import Unfinished, unfinished
from web.posting import Landing
from web.rendering import found, reading
from web.users import current_actor

WHOLE = "groups/show.html"
# The group's people, invitations and sharing: facilitators' admin, on a page of its own
# so that the group page is about the group's work.
PEOPLE = "groups/people.html"


@dataclass(frozen=True)
class GroupView(PageView):
    """Everything the group page shows, and its forms (a refused one as it was sent)."""

    read: queries.GroupPage
    me: str
    aim_form: FlaskForm
    invite_form: FlaskForm
    sharing_form: FlaskForm
    advice_forms: dict[UUID, FlaskForm]
    refused_advice: FlaskForm | None
    sparks: dict[UUID, Sparkline]  # each measure's, by measure
    new_link: dict[str, str] | None = None  # an invitation just made, shown once
    unfinished: list[Unfinished] = field(default_factory=list)  # the viewer's plans


def group_view(
    group_id: UUID, sent: Sent | None = None, new_link: dict[str, str] | None = None
) -> GroupView:
    """The group page, a refused form given back in its place."""
    with reading() as conn:
        page = found(queries.group_page(conn, group_id, utcnow()))
        sparks = sparklines(conn, page.measures)
    refused = sent.refused if sent is not None else None
    refused_prefix = sent.prefix if sent is not None and refused is not None else None
    forms = {prefix: drawn(prefix) for prefix in GROUP_FORMS}
    forms["sharing_form"].shared.data = page.group.shared
    if refused is not None and refused_prefix in forms:
        forms[refused_prefix] = refused
    advice_forms = {
        r.id: refused
        if refused is not None and refused_prefix == advice_prefix(r.id)
        else AdviceForm(prefix=advice_prefix(r.id), formdata=None)
        for r in page.asked_of
    }
    # Advice sent to a request no longer listed (its cycle just closed) is refused where
    # no form of it is drawn: the page gives back what was typed on its own.
    orphan = isinstance(refused, AdviceForm) and refused not in advice_forms.values()
    return GroupView(
        read=page,
        me=current_actor(),
        aim_form=forms["aim_form"],
        invite_form=forms["invite_form"],
        sharing_form=forms["sharing_form"],
        advice_forms=advice_forms,
        refused_advice=refused if orphan else None,
        sparks=sparks,
        new_link=new_link,
        unfinished=unfinished(group_id) if FACILITATE in g.get("can", ()) else [],
    )


def section(
    group_id: UUID,
    fragment: str,
    new_link: Callable[[], dict[str, str]] | None = None,
    whole: str = WHOLE,
) -> Landing:
    """A facilitator's post to one section of the group page (or of its people page, when
    `whole` is PEOPLE): htmx swaps that section, a refusal is said on top. A `new_link`
    (shown once) is shown by rendering, not redirecting."""

    def page(sent: Sent) -> PageView:
        shown = new_link() if new_link is not None and sent.refused is None else None
        return group_view(group_id, sent, shown)

    endpoint = "people.show" if whole == PEOPLE else "groups.show"
    return Landing(
        whole,
        fragment,
        page,
        lambda _: url_for(endpoint, group_id=group_id),
        swap=True,
        stay=new_link is not None,
        alert=True,
    )


def advice(group_id: UUID, asked: UUID) -> Landing:
    """Advice given to a request asked of this group: back to it on the group's page."""
    return Landing(
        WHOLE,
        "groups/_advice.html",
        lambda sent: group_view(group_id, sent),
        lambda _: url_for("groups.show", group_id=group_id) + f"#advice-{asked}",
    )
