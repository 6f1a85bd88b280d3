"""Time travel: a group or cycle page as it was on a date, rebuilt from the log.

Only the events of that group (the group, its cycles, its requests for help and its
measures) up to the end of the date are replayed, through the same projections, into a private
in-memory database that the page is then rendered from.
"""

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from flask import abort, g, request
from sqlalchemy.pool import StaticPool

from projections.database import all_projections
from projections.measure_tables import measures
from projections.tables import cycles, help_requests, metadata
from web.services import services


def as_of_requested() -> datetime | None:
    """The end of the day asked for with ?as_of=YYYY-MM-DD, or None for today's view."""
    asked = request.args.get("as_of")
    if not asked:
        return None
    try:
        day = date.fromisoformat(asked)
    except ValueError:
        abort(400, "Give the date as YYYY-MM-DD.")
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=UTC)


def read_as_of(group_id: UUID, moment: datetime) -> None:
    """Make this request's pages read from the group as it was before `moment`."""
    engine = sa.create_engine(
        "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
    )
    metadata.create_all(engine)
    events = _events_before(group_id, moment)
    projections = all_projections()
    with engine.begin() as conn:
        for projection in projections:
            projection.apply(conn, events)
    g.read_engine = engine
    g.can = frozenset({"read"})  # the past is read-only
    g.as_of = moment - timedelta(days=1)


def _events_before(group_id: UUID, moment: datetime) -> list[Any]:
    app = services().app
    with services().engine.connect() as conn:
        ids = [group_id]
        for table in (cycles, help_requests, measures):
            ids += [
                r.id
                for r in conn.execute(sa.select(table.c.id).where(table.c.group_id == group_id))
            ]
    events: list[Any] = []
    for aggregate_id in ids:
        for stored in app.recorder.select_events(aggregate_id):
            event: Any = app.mapper.to_domain_event(stored)
            if event.timestamp < moment:
                events.append(event)
    return sorted(events, key=lambda e: e.timestamp)
