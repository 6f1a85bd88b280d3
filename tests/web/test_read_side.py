"""The read-side pages: the timeline, and the worker that keeps projections caught up."""

import threading
from uuid import UUID

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from projections import queries
from projections.database import all_projections
from projections.runner import Runner
from projections.tables import comments
from tests.builders import plan
from tests.conftest import register, sign_in
from tests.web.conftest import HX, Made, services_of
from web.cli import main


def test_the_timeline_tells_what_happened_newest_first_with_names(
    client: FlaskClient, made: Made
) -> None:
    page = client.get(f"/groups/{made.group_id}/timeline")
    assert page.status_code == 200
    text = page.text
    assert text.index("recorded what was learned") < text.index("opened cycle 1")
    assert "<strong>Ann Facilitator</strong> formed the group “Ward 7”" in text


def test_the_timeline_filters_by_kind_and_answers_htmx_with_the_list_alone(
    client: FlaskClient, made: Made
) -> None:
    page = client.get(f"/groups/{made.group_id}/timeline?kind=reflections", headers=HX)
    assert page.text.lstrip().startswith('<section id="events"')
    assert "recorded what was learned" in page.text
    assert "opened cycle 1" not in page.text


def test_the_timeline_pages_back_without_repeating(
    client: FlaskClient, app: Flask, made: Made, ann: UUID
) -> None:
    s = services_of(app)
    for n in range(60):
        s.app.comment(made.cycle_id, "plan", f"Comment number {n}", str(ann))
    s.caught_up(s.app.recorder.max_notification_id() or 0)
    first = client.get(f"/groups/{made.group_id}/timeline").text
    assert "Comment number 59" in first
    assert "Comment number 5”" not in first
    older = first.split("Older events")[0].rsplit('href="', 1)[1].split('"')[0]
    second = client.get(older.replace("&amp;", "&")).text
    assert "Comment number 5”" in second
    assert "Comment number 59" not in second


def test_an_outsider_sees_no_timeline(app: Flask, made: Made) -> None:
    outsider = sign_in(app.test_client(), register(services_of(app).app, "Olga Outsider"))
    assert outsider.get(f"/groups/{made.group_id}/timeline").status_code == 404


def test_two_workers_and_inline_catch_up_never_apply_an_event_twice(
    app: Flask, made: Made, ann: UUID
) -> None:
    s = services_of(app)
    for n in range(40):
        s.app.comment(made.cycle_id, "plan", f"Note {n}", str(ann))
    # Two workers as separate processes would make them: their own runners, small batches.
    workers = [
        Runner(s.engine, s.app.recorder, s.app.mapper, all_projections(), batch=3, biggest=3)
        for _ in range(2)
    ]
    errors: list[BaseException] = []

    def work(runner: Runner) -> None:
        try:
            runner.catch_up()
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=work, args=(r,)) for r in [*workers, s.runner]]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with s.engine.connect() as conn:
        count = conn.execute(sa.select(sa.func.count()).select_from(comments)).scalar_one()
    assert count == 40
    assert all(status.lag == 0 for status in s.runner.status())


def test_the_worker_command_catches_the_projections_up(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEARNLOOP_DATABASE_URL", sqlite_url)
    from web import create_app

    written = create_app({"TESTING": True})
    group = services_of(written).app.form_group("Ward 7", "Aim", "someone")  # not caught up
    assert services_of(written).runner.status()[0].lag == 1
    result = CliRunner().invoke(main, ["worker", "--once"])
    assert result.exit_code == 0, result.output
    # Read the tracking rows without catching up (creating an app would catch up itself).
    status = {s.name: s for s in services_of(written).runner.status()}
    assert status["group_directory"].position >= group.notification_id
    assert all(s.lag == 0 for s in status.values())


def test_the_library_searches_learning_as_you_type_across_readable_groups(
    client: FlaskClient, app: Flask, made: Made, ann: UUID
) -> None:
    s = services_of(app)
    other_owner = register(s.app, "Olga Outsider")
    private = s.app.form_group("Private ward", "Secret aim", str(other_owner)).id
    hidden = s.app.open_cycle(private, plan("Hidden test"), str(other_owner)).id
    s.app.record_observation(hidden, "Seen", str(other_owner))
    s.caught_up(
        s.app.record_reflection(hidden, "Order drugs in secret", str(other_owner)).notification_id
    )
    page = client.get("/library")
    assert "Order drugs the day before" in page.text
    assert "in secret" not in page.text  # a private group Ann is not in
    typed = client.get("/library?q=drugs+day", headers=HX)
    assert typed.text.lstrip().startswith('<section id="results"')
    assert "Order drugs the day before" in typed.text
    none = client.get("/library?q=porters", headers=HX)
    assert "Nothing learned matches “porters”." in none.text


def test_a_learning_statement_shows_the_plan_change_it_led_to(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    learning = made.entry_ids(app)[1]
    client.post(
        f"/cycles/{made.cycle_id}/revisions",
        data={
            "based_on": "1",
            "objective": "Discharge with drugs ready",
            "change": "TTOs early",
            "questions-0-question": "Home by 11?",
            "questions-0-prediction": "Both",
            "cites": [str(learning)],
        },
    )
    page = client.get(f"/library/{learning}")
    assert page.status_code == 200
    assert "Cycle 1, plan version 2" in page.text
    assert "TTOs early" in page.text
    assert client.get(f"/library/{made.entry_ids(app)[0]}").status_code == 404  # not learning


def test_the_dashboard_puts_groups_needing_help_first(
    client: FlaskClient, app: Flask, made: Made, ann: UUID
) -> None:
    s = services_of(app)
    quiet = s.app.form_group("Quiet ward", "Nothing yet", str(ann)).id
    s.caught_up(s.app.ask_for_help(made.cycle_id, "Need a porter", str(ann)).notification_id)
    page = client.get("/dashboard").text
    assert page.index("Ward 7") < page.index("Quiet ward")
    assert "1 open request for help:" in page
    assert "“Need a porter”</a>" in page
    assert "cycle 1</a> in Reflect" in page
    assert str(quiet) in page


def test_the_dashboard_flags_a_group_quiet_for_too_long(app: Flask, made: Made, ann: UUID) -> None:
    from datetime import UTC, datetime, timedelta

    with services_of(app).engine.connect() as conn:
        later = datetime.now(UTC) + timedelta(days=20)
        rows = queries.dashboard(conn, str(ann), stuck_after_days=14, now=later)
    assert [(r.name, r.stuck, r.days_quiet >= 19) for r in rows] == [("Ward 7", True, True)]


def test_the_ramp_history_walks_every_cycle_and_can_show_only_learning_driven_changes(
    client: FlaskClient, app: Flask, made: Made
) -> None:
    learning = made.entry_ids(app)[1]
    adapted = client.post(
        f"/cycles/{made.cycle_id}/adapt",
        data={
            "based_on": "1",
            "change": "TTOs the night before",
            "cites": [str(learning)],
            "objective": "Discharge with TTOs ready",
            "questions-0-question": "Home by 11?",
            "questions-0-prediction": "Both",
        },
    )
    second = adapted.headers["Location"]
    ramp = client.get(f"{second}/history?ramp=1").text
    assert "How the plan changed across the ramp" in ramp
    assert ramp.index("Cycle 1, version 1") < ramp.index("Cycle 2, version 1")
    assert "2 versions: 1 revision, 1 cites learning, 0 do not." in ramp
    assert "<ins>" in ramp  # cycle 2's plan shown as a change from cycle 1's
    only = client.get(f"{second}/history?ramp=1&learning=1").text
    assert "Cycle 2, version 1" in only
    assert "Cycle 1, version 1" not in only


def test_a_long_history_is_paged(client: FlaskClient, app: Flask, made: Made, ann: UUID) -> None:
    s = services_of(app)
    learning = made.entry_ids(app)[1]
    for n in range(2, 26):
        s.app.revise_plan(
            made.cycle_id, n - 1, plan(f"Objective {n}"), f"Change {n}", [learning], str(ann)
        )
    s.caught_up(s.app.recorder.max_notification_id() or 0)
    first = client.get(f"/cycles/{made.cycle_id}/history").text
    assert "Change 20" in first
    assert "Change 21<" not in first
    assert "Later versions" in first
    second = client.get(f"/cycles/{made.cycle_id}/history?page=1").text
    assert "Change 21" in second
    assert "Change 25" in second
    assert "Earlier versions" in second


def test_a_past_view_shows_the_cycle_as_it_was_read_only_and_marked(
    client: FlaskClient, app: Flask, made: Made, ann: UUID
) -> None:
    from datetime import timedelta

    from domain.clock import today as uk_today

    today = uk_today()
    page = client.get(f"/cycles/{made.cycle_id}?as_of={today.isoformat()}")
    assert page.status_code == 200
    assert "A past view:" in page.text
    assert "Order drugs the day before" in page.text
    assert 'id="act_form"' not in page.text  # nothing can be recorded in the past
    before = (today - timedelta(days=1)).isoformat()
    assert "had not been formed yet" in client.get(f"/cycles/{made.cycle_id}?as_of={before}").text
    assert client.get(f"/groups/{made.group_id}?as_of=not-a-date").status_code == 400


def test_a_past_view_leaves_out_what_came_after(app: Flask, made: Made, ann: UUID) -> None:
    from datetime import datetime, timedelta

    from flask import g

    from web.past import read_as_of

    s = services_of(app)
    reflected: datetime = s.app.repository.get(made.cycle_id).modified_on
    between = reflected + timedelta(microseconds=1)  # after the reflection, before deciding
    s.caught_up(s.app.decide(made.cycle_id, "adopt", "Works", str(ann)).notification_id)
    with app.test_request_context("/"):
        read_as_of(made.group_id, between)
        with g.read_engine.connect() as conn:
            past = queries.get_cycle(conn, made.cycle_id)
    assert past is not None
    assert past.decision is None  # decided later
    assert past.phase == "reflect"


def test_the_group_list_pages_back_without_repeating(
    client: FlaskClient, app: Flask, ann: UUID
) -> None:
    s = services_of(app)
    for n in range(55):
        s.app.form_group(f"Group number {n}", "Aim", str(ann))
    s.caught_up(s.app.recorder.max_notification_id() or 0)
    first = client.get("/").text
    assert "Group number 54<" in first
    assert "Group number 4<" not in first
    older = first.split("Older groups")[0].rsplit('href="', 1)[1].split('"')[0]
    second = client.get(older.replace("&amp;", "&")).text
    assert "Group number 4<" in second
    assert "Group number 54<" not in second
    assert "Older groups" not in second


def test_the_accounts_list_pages_by_email(app: Flask) -> None:
    s = services_of(app).app
    admin = register(s, "Ada Admin", admin=True)
    for n in range(105):
        register(s, f"Person{n:03d} Example")
    services_of(app).caught_up(s.recorder.max_notification_id() or 0)
    client = sign_in(app.test_client(), admin)
    first = client.get("/admin/accounts").text
    assert "ada@example.org" in first
    assert "person098@example.org" in first
    assert "person099@example.org" not in first
    more = first.split("More accounts")[0].rsplit('href="', 1)[1].split('"')[0]
    second = client.get(more.replace("&amp;", "&")).text
    assert "person099@example.org" in second
    assert "person104@example.org" in second
    assert "ada@example.org" not in second
