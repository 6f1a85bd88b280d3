"""The SQL statements one journal post sends, counted on each database and kept low.

Counted in the drivers (tests/web/statements.py): the read side's and the event store's
alike, with transaction commands and the pools' connection checks, each a round trip. A
bound is the count measured once the waste was taken out; a change that sends more fails
here and has to say why in a new bound.
"""

from collections.abc import Iterator
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.builders import plan
from tests.conftest import make_app, register, sign_in
from tests.web.conftest import HX, services_of
from tests.web.statements import Statements, count_statements

# (database, how the post is sent): the most statements it may take, as counted. Before
# the waste was taken out: 33, 45, 37, 49 (the citations of the plan read only to offer
# its questions; two EXISTS queries where one does; on PostgreSQL a BEGIN and a ROLLBACK
# around each request's reads). PostgreSQL's plain post now: 9 pool checks of a
# connection as it is taken, 6 BEGIN/COMMIT/ROLLBACK, and 20 statements: the post's own 3
# reads (session, access, the plan's questions), the event store's 8 (the Submission and
# the Cycle each read as snapshot then events; the append's lock timeout, table lock,
# notify and insert) and the catch-up's 9 (among them a DEALLOCATE ALL: psycopg forgets
# its prepared statements at the ROLLBACK of the catch-up's first read).
BOUNDS = {
    ("sqlite", "plain"): 32,
    ("sqlite", "htmx"): 43,
    ("postgresql", "plain"): 35,
    ("postgresql", "htmx"): 46,
}


@pytest.fixture
def statements(monkeypatch: pytest.MonkeyPatch) -> Statements:
    """The statements counter, in place before the app opens any connection."""
    return count_statements(monkeypatch)


@pytest.fixture
def counted_app(statements: Statements, database_url: str) -> Iterator[Flask]:
    """The web app on each database, its connections counted."""
    app = make_app(database_url)
    yield app
    services_of(app).close()


def journal_of(app: Flask) -> tuple[UUID, FlaskClient]:
    """A cycle in its act phase and a client signed in as its group's facilitator."""
    s = services_of(app)
    ann = register(s.app, "Ann Facilitator")
    group = s.app.form_group("Ward 9", "Fewer falls at night", str(ann))
    cycle = s.app.open_cycle(
        group.id, plan("Night-time rounding", questions=[("Fewer falls?", "Half")]), str(ann)
    )
    s.caught_up(s.app.record_observation(cycle.id, "Two rounds missed", str(ann)).notification_id)
    return cycle.id, sign_in(app.test_client(), ann)


@pytest.mark.parametrize("sent", ["plain", "htmx"])
def test_one_journal_post_sends_no_more_statements_than_counted(
    counted_app: Flask, statements: Statements, sent: str
) -> None:
    cycle_id, client = journal_of(counted_app)
    url = f"/cycles/{cycle_id}/entries"
    headers = HX if sent == "htmx" else {}

    def post(n: int) -> TestResponse:
        form = {"act_form-kind": "observation", "act_form-text": f"Seen {n}"}
        return client.post(url, data={**form, "submission": f"key-{n:020d}"}, headers=headers)

    post(0)  # the first opens the pools' connections
    with statements.counting() as sent_statements:
        answer = post(1)
    assert answer.status_code == (200 if sent == "htmx" else 303)
    database = counted_app.extensions["learnloop"].engine.dialect.name
    listing = f"{statements.kinds()}\n{statements.listing()}"
    # Both drivers are counted: the event appended, and the entry's row in the read model.
    assert any("INSERT INTO" in s and "events" in s for s in sent_statements), listing
    assert any("INSERT INTO rm_entries" in s for s in sent_statements), listing
    assert len(sent_statements) <= BOUNDS[database, sent], listing
