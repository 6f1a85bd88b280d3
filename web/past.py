"""Time travel: a group or cycle page as it was at a moment, rebuilt from the log.

Two kinds of past, chosen with ?past=: "as it was recorded by then" (the default) replays
the events of that group (the group, its cycles, its requests for help and its measures)
recorded before the moment: the record as Learnloop knew it then; what was recorded later,
even about earlier days, is left out. "As it had happened by then" (?past=happened) replays
those of all its events whose thing had happened before the moment, by the dates the team
gave (web/past_happened.py). Either way they are replayed in the order they were recorded,
through the same projections, into a private in-memory database the page is rendered from.
"""

from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

import sqlalchemy as sa
from flask import Flask, abort, g, make_response, render_template, request
from sqlalchemy.pool import StaticPool

from domain.clock import utcnow
from projections import queries
from projections.database import all_projections
from projections.measure_tables import measures
from projections.tables import accounts, cycles, help_requests, memberships, metadata
from web.moments import EXAMPLE, parse_moment, zone_words
from web.past_happened import happened_by
from web.services import services

RECORDED, HAPPENED = "recorded", "happened"  # the kinds of past, as ?past= names them


def init_app(app: Flask) -> None:
    """Let the templates link to the other kind of past."""
    app.add_template_global(switched_past)


def as_of_requested() -> datetime | None:
    """The moment asked for with ?as_of= (UK time; a day alone is its end), or None for now.

    A moment still to come is now (to the next whole second, as links carry it): the record
    cannot be shown ahead of itself."""
    asked = request.args.get("as_of")
    if not asked:
        return None
    moment = parse_moment(asked)
    if moment is None:
        message = (
            f"Give the moment in {zone_words()} as YYYY-MM-DDTHH:MM (for example {EXAMPLE}), "
            "or a day alone as YYYY-MM-DD for the end of that day."
        )
        page = render_template("errors/error.html", title="Not a moment", message=message)
        abort(make_response(page, 400))
    g.past_kind = past_requested()
    now = utcnow()
    return min(moment, now.replace(microsecond=0) + timedelta(seconds=1 if now.microsecond else 0))


def past_requested() -> str | None:
    """The kind of past asked for with ?past=: HAPPENED, or None for as it was recorded."""
    asked = request.args.get("past", RECORDED)
    if asked not in (RECORDED, HAPPENED):
        message = (
            f"A past view is as it was recorded by then (past={RECORDED}) or as it had "
            f"happened by then (past={HAPPENED})."
        )
        page = render_template("errors/error.html", title="Not a kind of past", message=message)
        abort(make_response(page, 400))
    return HAPPENED if asked == HAPPENED else None


def switched_past(kind: str | None) -> str:
    """This page, at the same moment and with the same choices, as the other kind of past."""
    args = request.args.to_dict(flat=False)
    args.pop("past", None)
    if kind is not None:
        args["past"] = [kind]
    return f"{request.path}?{urlencode(args, doseq=True)}"


def read_as_of(group_id: UUID, moment: datetime) -> None:
    """Make this request's pages read from the group as it was at `moment` (the kind of past
    asked for); as recorded before the group was formed, answer with a page saying when."""
    formed, events = _events_of(group_id)
    g.can = frozenset({"read"})  # the past is read-only
    g.as_of = moment
    if g.get("past_kind") == HAPPENED:
        events = happened_by(events, moment)
    elif formed.timestamp >= moment:
        page = render_template("groups/before.html", group_id=group_id, formed=formed)
        abort(make_response(page))
    else:
        events = [e for e in events if e.timestamp < moment]
    engine = sa.create_engine(
        "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
    )
    metadata.create_all(engine)
    projections = all_projections()
    with engine.begin() as conn:
        for projection in projections:
            projection.apply(conn, events)
        _name_the_members(conn)
    g.read_engine = engine


def _name_the_members(past: sa.Connection) -> None:
    """Copy in the accounts of the group's members then: accounts are no group's events,
    and people are named as they are now, even on a past view."""
    members = [UUID(r) for r in past.scalars(sa.select(memberships.c.account_id)) if _is_id(r)]
    with services().engine.connect() as live:
        found = live.execute(sa.select(accounts).where(accounts.c.id.in_(members))).all()
    if found:
        past.execute(sa.insert(accounts), [dict(r._mapping) for r in found])


def _is_id(text: str) -> bool:
    try:
        UUID(text)
    except ValueError:
        return False  # a member listed by name before accounts (v0.2)
    return True


def before_the_cycle(live: queries.CycleRow) -> None:
    """In a past view from before the cycle was opened, answer with a page that says when."""
    with g.read_engine.connect() as conn:
        if queries.get_cycle(conn, live.id) is not None:
            return
        group = queries.get_group(conn, live.group_id)
    abort(make_response(render_template("cycles/before.html", cycle=live, group=group)))


def _events_of(group_id: UUID) -> tuple[Any, list[Any]]:
    """The event that formed the group, and all the group's events in recording order."""
    app = services().app
    with services().engine.connect() as conn:
        ids = [group_id]
        for table in (cycles, help_requests, measures):
            ids += [
                r.id
                for r in conn.execute(sa.select(table.c.id).where(table.c.group_id == group_id))
            ]
    formed = app.recorder.select_events(group_id, limit=1)
    if not formed:
        abort(404)
    events: list[Any] = []
    for aggregate_id in ids:
        for stored in app.recorder.select_events(aggregate_id):
            events.append(app.mapper.to_domain_event(stored))
    return app.mapper.to_domain_event(formed[0]), sorted(events, key=lambda e: e.timestamp)
