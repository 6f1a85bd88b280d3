"""People are named on pages by their accounts' names, each read once per process: a page
reads only the names it shows that no page showed before, whatever the number of
accounts."""

from uuid import UUID

from flask import Flask

from tests.conftest import register
from tests.web.conftest import ann_acting, services_of
from tests.web.statements import Statements


def names_read(sent: list[str]) -> list[str]:
    """The statements that read accounts' names (not the session's own account)."""
    return [s for s in sent if "FROM rm_accounts" in s and "web_sessions" not in s]


def test_names_are_read_once_and_an_account_made_since_when_first_named(
    counted_app: Flask, statements: Statements
) -> None:
    _, cycle_id, client = ann_acting(counted_app)
    page = f"/cycles/{cycle_id}"
    with statements.counting() as first:
        assert "Ann Facilitator" in client.get(page).text
    with statements.counting() as again:
        assert "Ann Facilitator" in client.get(page).text
    s = services_of(counted_app)
    bea = register(s.app, "Bea Okafor")
    s.caught_up(s.app.record_observation(cycle_id, "Bay B was late", str(bea)).notification_id)
    with statements.counting() as newcomer:
        shown = client.get(page).text

    assert len(names_read(first)) == 1  # Ann's, the one person shown
    assert names_read(again) == []
    assert len(names_read(newcomer)) == 1  # Bea's alone
    assert "Bea Okafor" in shown
    assert str(bea) not in shown


def test_an_actor_no_account_has_is_shown_as_recorded_and_looked_for_once_a_request(
    counted_app: Flask, statements: Statements
) -> None:
    _, cycle_id, client = ann_acting(counted_app)
    s = services_of(counted_app)
    stranger = UUID(int=7)
    s.app.record_observation(cycle_id, "Seen first", str(stranger))
    s.caught_up(s.app.record_observation(cycle_id, "Seen again", str(stranger)).notification_id)
    client.get(f"/cycles/{cycle_id}")
    with statements.counting() as sent:
        assert str(stranger) in client.get(f"/cycles/{cycle_id}").text
    assert len(names_read(sent)) == 1
