"""Eight members write to one measure at once through the real server, on each database:
values, pasted and uploaded blocks (shared rows, now and then a contested or conflicting
one), notes and corrections, each sent again with the same key."""

from pathlib import Path

import pytest

from tests.server.measures import measure_concurrency

pytestmark = pytest.mark.server
SECONDS = 6


def test_members_writing_to_one_measure_at_once_store_each_period_once_and_get_no_5xx(
    database_url: str, logs: Path
) -> None:
    verdict = measure_concurrency(database_url, logs, SECONDS)
    print(verdict.report())
    assert verdict.ok, verdict.report()
