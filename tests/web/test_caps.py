"""Caps on what one request may send: refused with the app's page, nothing recorded."""

import io
from collections.abc import Iterator
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.conftest import make_app, register, sign_in
from tests.web.conftest import HX, events_in, services_of

TOO_MUCH = "That was too much to send at once"
GROUP = {"name": "Ward 7", "aim": "Fewer falls"}


def refused_with_the_apps_page(answer: TestResponse, status: int) -> None:
    """The status, the app's own page and the plain message."""
    assert answer.status_code == status
    assert "· Learnloop</title>" in answer.text
    assert TOO_MUCH in answer.text


def test_a_body_over_one_mebibyte_is_refused_and_nothing_is_recorded(
    client: FlaskClient, app: Flask
) -> None:
    before = events_in(app)
    posted = client.post("/groups", data={**GROUP, "aim": "a" * (1024 * 1024)})
    refused_with_the_apps_page(posted, 413)
    assert events_in(app) == before


@pytest.fixture
def small_app(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    """An app whose body cap is set, as an operator would, in the environment."""
    monkeypatch.setenv("LEARNLOOP_MAX_CONTENT_LENGTH", "2048")
    flask_app = make_app(sqlite_url)
    yield flask_app
    services_of(flask_app).close()


def test_the_body_cap_is_a_setting(small_app: Flask) -> None:
    client = sign_in(small_app.test_client(), register(services_of(small_app).app, "Ann"))
    before = events_in(small_app)
    refused_with_the_apps_page(client.post("/groups", data={**GROUP, "aim": "a" * 3000}), 413)
    assert events_in(small_app) == before
    assert client.post("/groups", data=GROUP).status_code == 303


@pytest.mark.parametrize("encoding", ["urlencoded", "multipart"])
def test_a_form_with_too_many_fields_is_refused_and_nothing_is_recorded(
    client: FlaskClient, app: Flask, encoding: str
) -> None:
    extra = {f"extra-{n}": "x" for n in range(app.config["MAX_FORM_PARTS"])}
    content_type = "multipart/form-data" if encoding == "multipart" else None
    before = events_in(app)
    posted = client.post("/groups", data={**GROUP, **extra}, content_type=content_type)
    refused_with_the_apps_page(posted, 413)
    assert events_in(app) == before


def test_a_form_with_a_file_in_it_is_refused_and_nothing_is_recorded(
    client: FlaskClient, app: Flask
) -> None:
    before = events_in(app)
    upload = (io.BytesIO(b"minutes of the meeting"), "minutes.txt")
    posted = client.post("/groups", data={**GROUP, "minutes": upload})
    refused_with_the_apps_page(posted, 413)
    assert events_in(app) == before


def plan(questions: int, tasks: int = 0) -> dict[str, str]:
    """The plan form with this many question rows and task rows, each filled in."""
    fields = {"objective": "Fewer falls at night"}
    for n in range(questions):
        fields |= {f"questions-{n}-question": f"Q{n}?", f"questions-{n}-prediction": "Yes"}
    for n in range(tasks):
        fields |= {f"tasks-{n}-text": f"Task {n}", f"tasks-{n}-owner": "Bea"}
    return fields


@pytest.fixture
def group(app: Flask, ann: UUID) -> UUID:
    """Ann's group, where she opens cycles."""
    s = services_of(app)
    formed = s.app.form_group("Ward 9", "Fewer falls", str(ann))
    s.caught_up(formed.notification_id)
    return formed.id


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (plan(questions=11), "A plan has at most 10 questions; this one had 11."),
        (plan(questions=1, tasks=21), "A plan has at most 20 tasks; this one had 21."),
    ],
)
@pytest.mark.parametrize("headers", [{}, HX])
def test_rows_beyond_the_plans_limit_are_refused_with_a_message_not_dropped(
    client: FlaskClient,
    app: Flask,
    group: UUID,
    rows: dict[str, str],
    message: str,
    headers: dict[str, str],
) -> None:
    before = events_in(app)
    posted = client.post(f"/groups/{group}/cycles", data=rows, headers=headers)
    assert posted.status_code == 422
    assert message in posted.text
    assert events_in(app) == before


def test_a_plan_with_as_many_rows_as_it_holds_is_recorded_with_every_row(
    client: FlaskClient, app: Flask, group: UUID
) -> None:
    opened = client.post(f"/groups/{group}/cycles", data=plan(questions=10, tasks=20))
    assert opened.status_code == 303
    page = client.get(opened.headers["Location"]).text
    assert ("Q9?" in page, "Task 19" in page) == (True, True)
