"""The cycle page's contents: every part reached directly, and the one the cycle is in now
marked, whatever its phase."""

import re
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.builders import plan
from tests.web.conftest import Made, services_of

CONTENTS = re.compile(r'<nav class="contents" aria-label="In this cycle">(.*?)</nav>', re.S)


def contents(client: FlaskClient, cycle_id: UUID) -> tuple[str, list[str]]:
    """The cycle page, and the targets of its contents' links in order."""
    page = client.get(f"/cycles/{cycle_id}").text
    found = CONTENTS.search(page)
    assert found is not None, "the cycle page has no contents"
    return page, re.findall(r'href="#([\w-]+)"', found.group(1))


def current(page: str) -> list[str]:
    found = CONTENTS.search(page)
    assert found is not None
    return re.findall(r'href="#([\w-]+)" aria-current="step"', found.group(1))


@pytest.mark.parametrize("phase", ["plan", "reflect", "decided"])
def test_each_part_the_contents_name_is_on_the_page_and_now_is_marked(
    app: Flask, client: FlaskClient, made: Made, ann: UUID, phase: str
) -> None:
    s = services_of(app)
    cycle_id = made.cycle_id
    if phase == "plan":
        opened = s.app.open_cycle(made.group_id, plan("Discharge lounge"), str(ann))
        s.caught_up(opened.notification_id)
        cycle_id = opened.id
    if phase == "decided":
        s.caught_up(s.app.decide(cycle_id, "adopt", "It worked", str(ann)).notification_id)
    page, targets = contents(client, cycle_id)
    assert targets == ["plan", "act", "reflect", "decision", "help", "measures-over-cycle"]
    for target in targets:
        assert f'id="{target}"' in page, f"#{target} is not on the {phase} cycle's page"
    expected = {"plan": ["act"], "reflect": ["reflect"], "decided": ["decision"]}[phase]
    assert current(page) == expected
