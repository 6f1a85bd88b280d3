"""R1: eight members write to one cycle at once through the real server, on each database."""

from pathlib import Path

import pytest

from tests.server.scenario import concurrency

pytestmark = pytest.mark.server
SECONDS = 6


def test_members_writing_to_one_cycle_at_once_get_no_5xx_and_each_write_is_stored_once(
    database_url: str, logs: Path
) -> None:
    verdict = concurrency(database_url, logs, SECONDS)
    print(verdict.report())
    assert verdict.ok, verdict.report()
