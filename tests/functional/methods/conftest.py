"""Steps every method's feature shares (the steps of groups and cycles are one level up)."""

from pytest_bdd import given, parsers

from tests.functional import usage
from tests.functional.pages import Browser
from tests.functional.pilot import CycleRef, GroupRef, two_columns


@given(
    parsers.parse("{actor} has opened a cycle following {method} with this plan:"),
    target_fixture="cycle",
)
def opened_following(
    browser: Browser,
    group: GroupRef,
    cycles: dict[int, CycleRef],
    actor: str,
    method: str,
    datatable: list[list[str]],
) -> CycleRef:
    plan = two_columns(datatable)
    cycle = usage.opened(usage.open_cycle(browser, group, actor, plan, method), plan)
    assert f"Following {method}" in browser.visit(cycle.url).text
    cycles[cycle.number] = cycle
    return cycle
