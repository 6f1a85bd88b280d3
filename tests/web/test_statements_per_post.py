"""The SQL statements one journal post sends, counted on each database and kept low.

Counted in the drivers (tests/web/statements.py): the read side's and the event store's
alike, with transaction commands and the pools' connection checks, each a round trip. A
bound is the count measured once the waste was taken out; a change that sends more fails
here and has to say why in a new bound.
"""

import pytest
from flask import Flask
from werkzeug.test import TestResponse

from tests.web.conftest import HX, ann_acting
from tests.web.statements import Statements

# (database, how the post is sent): the most statements it may take, as counted. Before
# the waste was taken out: 33, 45, 37, 49 (the citations of the plan read only to offer
# its questions; two EXISTS queries where one does; on PostgreSQL a BEGIN and a ROLLBACK
# around each request's reads; every account's name, read again for each page).
# PostgreSQL's plain post now: 9 pool checks of a connection as it is taken, 6
# BEGIN/COMMIT/ROLLBACK, and 20 statements: the post's own 3 reads (session, access, the
# plan's questions), the event store's 8 (the Submission and the Cycle each read as
# snapshot then events; the append's lock timeout, table lock, notify and insert) and the
# catch-up's 9 (among them a DEALLOCATE ALL: psycopg forgets its prepared statements at
# the ROLLBACK of the catch-up's first read).
BOUNDS = {
    ("sqlite", "plain"): 32,
    ("sqlite", "htmx"): 42,
    ("postgresql", "plain"): 35,
    ("postgresql", "htmx"): 45,
}


@pytest.mark.parametrize("sent", ["plain", "htmx"])
def test_one_journal_post_sends_no_more_statements_than_counted(
    counted_app: Flask, statements: Statements, sent: str
) -> None:
    _, cycle_id, client = ann_acting(counted_app)
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
