"""Past one machine: four web servers and two projection workers, started at once on one
empty PostgreSQL database, take writes through all four; nothing is lost or doubled.

Each web server is `learnloop serve` (gunicorn) with one worker process on a port of its
own: four independent processes writing to one database, as behind a load balancer.
PostgreSQL only: it is the store that serves more than one machine.
"""

from pathlib import Path

import pytest

from tests.server.scenario import past_one_machine

pytestmark = pytest.mark.server
SECONDS = 6


def test_four_web_servers_and_two_workers_on_one_database_lose_and_double_nothing(
    postgres_url: str, logs: Path
) -> None:
    verdict = past_one_machine(postgres_url, logs, SECONDS)
    print(verdict.report())
    assert verdict.ok, verdict.report()
