"""Every route by every role, with the status each must get: no one gets in where they do not
belong. Someone who may not read a group gets 404 (as if it did not exist); someone who may
read but not do gets 403; a visitor who is not signed in is sent to sign in (303).

Posts carry no data: a role that is let in then gets 422 (its input is refused), so the
walk checks access without changing anything — except the few bare buttons (task done,
close, remove, sharing), which succeed (303) for those allowed.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import make_app, sign_in
from tests.routes import ROLES, TABLE, World, populate


@pytest.fixture
def world(sqlite_url: str, tmp_path: Path) -> Iterator[World]:
    """A fresh world for each route, so one route's walk cannot affect another's."""
    # A method of its own: the walk checks access, whichever method files the branch holds.
    (tmp_path / "methods").mkdir()
    (tmp_path / "methods" / "pdsa.feature").write_text("Feature: Plan, do, study, act\n")
    flask_app = make_app(sqlite_url, METHODS_DIR=str(tmp_path / "methods"))
    yield populate(flask_app)
    flask_app.extensions["learnloop"].close()


def status_of(world: World, role: str, method: str, path: str) -> int:
    client = world.app.test_client()
    if role != "anonymous":
        sign_in(client, world.accounts[role])
    response = client.open(path.format(**world.ids), method=method, data={})
    return response.status_code


@pytest.mark.parametrize(
    ("method", "path", "expected"), TABLE, ids=[f"{m} {p}" for m, p, _ in TABLE]
)
def test_each_role_gets_the_status_the_table_says(
    world: World, method: str, path: str, expected: tuple[int, ...]
) -> None:
    got = tuple(status_of(world, role, method, path) for role in ROLES)
    mismatches = {r: (g, e) for r, g, e in zip(ROLES, got, expected, strict=True) if g != e}
    assert not mismatches, f"{method} {path}: role -> (got, expected) {mismatches}"


def test_the_table_covers_every_route_and_every_route_declares_its_access(
    sqlite_url: str,
) -> None:
    flask_app = make_app(sqlite_url)
    covered = {(m, p.split("?")[0]) for m, p, _ in TABLE}
    for rule in flask_app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        view = flask_app.view_functions[rule.endpoint]
        assert getattr(view, "access", None), f"{rule.rule} declares no access"
        template = rule.rule
        names = ("group_id", "cycle_id", "entry_id", "request_id", "invitation_id", "measure_id")
        for name in names:
            template = template.replace(f"<uuid:{name}>", "{" + name.removesuffix("_id") + "}")
        template = template.replace("/library/{entry}", "/library/{learning}")
        template = template.replace("<account_id>", "{sponsor}").replace("<task_id>", "{task}")
        # Opening a cycle: a draft's question pages, by the slug of the question each asks.
        template = template.replace("<draft_id>/<slug>", "{draft}/{question}")
        template = template.replace("<draft_id>", "{draft}")
        template = template.replace("<slug>", "{method}").replace("<point:point_id>", "{point}")
        template = template.replace("<token>", "{token}").replace("<uuid:asked>", "{asked}")
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}:
            assert (method, template) in covered, f"{method} {template} is not in the table"
    flask_app.extensions["learnloop"].close()
