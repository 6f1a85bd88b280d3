"""Help where it is answered: the answer box open to those who may answer, and a request
that outlived its cycle saying so beside it, on the cycle page and the group page."""

from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient

from projections import queries
from tests.conftest import join, register, sign_in
from tests.web.conftest import HX, Made, services_of
from web.moments import machine_time, reader_day


@pytest.fixture
def asked(app: Flask, made: Made, ann: UUID) -> UUID:
    """A request for help on Ann's cycle, still open."""
    s = services_of(app)
    request = s.app.ask_for_help(made.cycle_id, "Who signs the TTOs?", str(ann))
    s.caught_up(request.notification_id)
    return request.id


def help_item(body: str, request: UUID) -> str:
    """The request's list item, as shown (it has no answers, so no list items within)."""
    start = body.index(f'id="help-{request}"')
    return body[start : body.index("</li>", start)]


@pytest.mark.parametrize("role", ["sponsor", "member"])
def test_the_answer_box_is_open_to_those_who_may_answer(
    app: Flask, made: Made, ann: UUID, asked: UUID, role: str
) -> None:
    s = services_of(app)
    bea = register(s.app, "Bea Reader")
    s.caught_up(join(s.app, made.group_id, bea, role, ann))
    body = sign_in(app.test_client(), bea).get(f"/cycles/{made.cycle_id}").text
    shown = help_item(body, asked)
    assert f'action="/help/{asked}/answers"' in shown
    assert "<details" not in shown  # not folded away behind "Answer"
    assert "Your answer" in shown


def closed_note(app: Flask, made: Made) -> str:
    """What a request on the cycle says once the cycle is decided: adopted, on its day."""
    with services_of(app).engine.connect() as conn:
        cycle = queries.get_cycle(conn, made.cycle_id)
    assert cycle is not None
    assert cycle.decided_at is not None
    day, machine = reader_day(cycle.decided_at), machine_time(cycle.decided_at)
    at = f'<time datetime="{machine}">{day}</time>'
    return f"The cycle was adopted on {at}; this request is still open."


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_a_request_on_a_decided_cycle_says_the_cycle_closed_on_both_pages(
    client: FlaskClient, app: Flask, made: Made, ann: UUID, asked: UUID, htmx: bool
) -> None:
    open_now = client.get(f"/cycles/{made.cycle_id}").text
    assert "this request is still open" not in open_now  # nothing to say while it is open
    s = services_of(app)
    s.caught_up(s.app.decide(made.cycle_id, "adopt", "Works", str(ann)).notification_id)
    note = closed_note(app, made)
    cycle = client.get(f"/cycles/{made.cycle_id}", headers=HX if htmx else {}).text
    assert note in help_item(cycle, asked)
    group = client.get(f"/groups/{made.group_id}", headers=HX if htmx else {}).text
    assert note in group[group.index('id="group-help"') :]


def test_a_closed_request_on_a_decided_cycle_says_nothing_more(
    client: FlaskClient, app: Flask, made: Made, ann: UUID, asked: UUID
) -> None:
    s = services_of(app)
    s.app.close_help(asked, str(ann))
    s.caught_up(s.app.decide(made.cycle_id, "adopt", "Works", str(ann)).notification_id)
    assert "this request is still open" not in client.get(f"/cycles/{made.cycle_id}").text
