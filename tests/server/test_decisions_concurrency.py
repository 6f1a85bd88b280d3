"""Eight members race to decide one cycle at a time through the real server, on each
database: adopt and scale up, adapt, adopt and implement and abandon at the same moment, a
reflection sent as the cycle closes, cycles opened and entries dated when they happened, each
sent twice at once or after a lost answer, then again with the same key."""

from pathlib import Path

import pytest

from tests.server.decisions import deciding_at_once

pytestmark = pytest.mark.server


def test_members_deciding_one_cycle_at_once_record_one_decision_and_refuse_the_rest(
    database_url: str, logs: Path
) -> None:
    verdict = deciding_at_once(database_url, logs)
    print(verdict.report())
    assert verdict.ok, verdict.report()
