"""A thread of comments shows its newest comments; the rest stay one click away."""

from uuid import UUID

from flask import Flask
from flask.testing import FlaskClient

from projections.queries.cycles import COMMENT_PAGE
from tests.builders import plan
from tests.web.conftest import events_in, services_of


def test_a_long_thread_shows_its_newest_comments_and_points_to_the_rest(
    app: Flask, client: FlaskClient, ann: UUID
) -> None:
    s = services_of(app)
    group = s.app.form_group("Ward 7", "Home before noon", str(ann)).id
    cycle = s.app.open_cycle(group, plan(), str(ann)).id
    for n in range(COMMENT_PAGE + 3):
        s.app.comment(cycle, "plan", f"Comment number {n:02d}", str(ann))
    s.caught_up(events_in(app))
    page = client.get(f"/cycles/{cycle}").text
    shown = [n for n in range(COMMENT_PAGE + 3) if f"Comment number {n:02d}" in page]
    assert shown == list(range(3, COMMENT_PAGE + 3))  # the newest, oldest first
    assert "3 earlier comments" in page
    assert f"Comment ({COMMENT_PAGE + 3})" in page
    timeline = client.get(f"/groups/{group}/timeline?kind=comments").text
    assert "Comment number 00" in timeline
