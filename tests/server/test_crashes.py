"""R2: the projection worker and web workers are killed -9 during writes; nothing doubles.

On PostgreSQL only, to keep the suite quick: it is the production store, and the one
where a killed process's open transaction and connection are cleaned up by a separate
server rather than by the next writer (SQLite rolls back a dead writer's journal itself).
"""

from pathlib import Path

import pytest

from tests.server.scenario import crashing

pytestmark = pytest.mark.server
SECONDS = 10
KILLS = 5


def test_killing_workers_during_writes_doubles_nothing_and_leaves_a_true_read_model(
    postgres_url: str, logs: Path
) -> None:
    verdict = crashing(postgres_url, logs, SECONDS, KILLS)
    print(verdict.report())
    assert verdict.ok, verdict.report()
