"""The dashboard in words: what was decided and whether it finished the ramp, the words of
each open request for help, how long it has waited, and whether its cycle has closed."""

from datetime import UTC, datetime, timedelta
from uuid import UUID

from flask import Flask
from flask.testing import FlaskClient

from projections import queries
from tests.builders import plan
from tests.web.conftest import Made, services_of


def _decide(app: Flask, made: Made, decision: str, ann: UUID) -> None:
    s = services_of(app)
    if decision == "adapt":
        learned = made.entry_ids(app)[-1]
        s.app.decide(
            made.cycle_id,
            decision,
            "Seen",
            str(ann),
            next_plan=plan("Order the night before"),
            change="Night",
            cites=[learned],
        )
    else:
        s.app.decide(made.cycle_id, decision, "Seen", str(ann))
    s.caught_up(s.app.recorder.max_notification_id() or 0)


def test_an_adopted_cycle_reads_adopted_and_its_ramp_finished(
    client: FlaskClient, app: Flask, made: Made, ann: UUID
) -> None:
    _decide(app, made, "adopt", ann)
    page = client.get("/dashboard").text
    assert "cycle 1</a> adopted — ramp finished" in page
    assert "decided" not in page


def test_an_abandoned_cycle_reads_abandoned_and_its_ramp_finished(
    client: FlaskClient, app: Flask, made: Made, ann: UUID
) -> None:
    _decide(app, made, "abandon", ann)
    assert "cycle 1</a> abandoned — ramp finished" in client.get("/dashboard").text


def test_after_an_adaptation_the_dashboard_shows_the_next_cycle_in_its_phase(
    client: FlaskClient, app: Flask, made: Made, ann: UUID
) -> None:
    _decide(app, made, "adapt", ann)
    assert "cycle 2</a> in Plan" in client.get("/dashboard").text


def test_open_requests_show_their_words_quoted_and_escaped_longest_waiting_first(
    client: FlaskClient, app: Flask, made: Made, ann: UUID
) -> None:
    s = services_of(app)
    long = "Who <b>signs</b> the order? " + "Pharmacy and porters. " * 10
    texts = (long, "B", "C", "D", "Answered")
    asked = [s.app.ask_for_help(made.cycle_id, text, str(ann)) for text in texts]
    s.app.answer_help(asked[-1].id, "The chief nurse", str(ann))
    s.caught_up(s.app.recorder.max_notification_id() or 0)
    page = client.get("/dashboard").text
    cut = " ".join(long.split())[:119].replace("<", "&lt;").replace(">", "&gt;")
    assert f"“{cut}…”</a>" in page
    assert "<b>signs</b>" not in page
    assert page.index(cut) < page.index("“B”") < page.index("“C”")
    assert "“D”" not in page  # the three waiting longest are shown, and a link to the rest
    assert "“Answered”" not in page  # an answered request is no longer waiting
    assert "4 open requests for help:" in page
    assert f"/groups/{made.group_id}#group-help" in page
    assert "Every open request (1 more)" in page
    assert "— asked today</small>" in page


def test_each_request_says_how_long_it_has_waited(app: Flask, made: Made, ann: UUID) -> None:
    s = services_of(app)
    s.caught_up(s.app.ask_for_help(made.cycle_id, "Porters?", str(ann)).notification_id)
    with s.engine.connect() as conn:
        later = [
            queries.dashboard(conn, str(ann), 14, datetime.now(UTC) + timedelta(days=days))
            for days in (1, 3)
        ]
    assert [g.help[0].waited for g in [*later[0], *later[1]]] == [
        "waiting 1 day",
        "waiting 3 days",
    ]


def test_a_request_on_a_cycle_since_closed_says_so(
    client: FlaskClient, app: Flask, made: Made, ann: UUID
) -> None:
    s = services_of(app)
    s.caught_up(s.app.ask_for_help(made.cycle_id, "Porters?", str(ann)).notification_id)
    assert "its cycle was" not in client.get("/dashboard").text
    _decide(app, made, "abandon", ann)
    page = client.get("/dashboard").text
    assert "— asked today · <strong>its cycle was abandoned</strong>" in page
