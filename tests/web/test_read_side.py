"""The read-side pages: the timeline, and the worker that keeps projections caught up."""

import threading
from uuid import UUID

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from projections.database import all_projections
from projections.runner import Runner
from projections.tables import comments
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
        Runner(s.engine, s.app.recorder, s.app.mapper, all_projections(), batch=3)
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
