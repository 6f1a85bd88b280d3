"""Opening a cycle through its question pages, for web tests (web/opening.py)."""

import re
from uuid import UUID

from flask.testing import FlaskClient

ANSWERS = {
    "method": {"method": "pdsa"},
    "objective": {"objective": "Criteria-led discharge on Bay C"},
    "questions": {
        "questions-0-question": "Will patients go home before 11am?",
        "questions-0-kind": "predicted",
        "questions-0-prediction": "Two in three",
        "questions-0-reason": "Bay B managed it",
        "questions-1-question": "What holds a discharge up?",
        "questions-1-kind": "exploratory",
    },
    "change": {"plan_text": "Nurses discharge against agreed criteria", "who": "Bay C nurses"},
    "tasks": {"tasks-0-text": "Agree the criteria", "tasks-0-owner": "Dr Shah"},
    "data": {"data": "Discharge times from the ward log"},
    "when": {"happened_on": "2026-11-02"},
}


def start(client: FlaskClient, group_id: UUID) -> str:
    """Answer the first page; the address of the second."""
    page = client.get(f"/groups/{group_id}/cycles/new")
    key = re.search(r'name="submission" value="([^"]+)"', page.text)
    assert key, page.text
    sent = client.post(
        f"/groups/{group_id}/cycles/new", data={**ANSWERS["method"], "submission": key[1]}
    )
    assert sent.status_code == 303, sent.text
    return str(sent.location)


def answer_all(client: FlaskClient, group_id: UUID) -> str:
    """Answer every page in turn; the check page's address."""
    at = start(client, group_id)
    for slug in list(ANSWERS)[1:]:
        assert at.endswith(f"/{slug}"), at
        sent = client.post(at, data=ANSWERS[slug])
        assert sent.status_code == 303, sent.text
        at = str(sent.location)
    assert at.endswith("/check"), at
    return at


def check_form(page: str) -> dict[str, str]:
    """The hidden fields of the check page's form (the plan it posts)."""
    form = page[page.index('action="/groups/') :]
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
