"""R7: PostgreSQL is cut away (a proxy in front of it) while eight members write, then
restored: the app's 503 page meanwhile, recovery by itself, nothing lost or doubled.

On PostgreSQL only: the proxy plays a database server out of reach; the machine's own
server is never stopped. SQLite's outage (another process holding the write lock) is
covered in tests/web/test_outage.py.
"""

from pathlib import Path

import pytest

from tests.faults.fixtures import postgres_behind_proxy  # noqa: F401 (a fixture)
from tests.faults.proxy import Proxy
from tests.server.outage import outage

pytestmark = pytest.mark.server
BEFORE = 2.0  # seconds of writing before the cut
# The cut, at least (until the web worker killed in it has booted again): well past the
# server's 5 s wait for a connection. At 5 s, posts sent as the cut began could wait it out
# and land at the restore, holding every thread of a worker, so no post answered 503 and
# no probe was answered inside the cut (2 runs in 3 in CI's load).
CUT = 8.0
AFTER = 2.0  # seconds of writing after /readyz is back


def test_a_database_cut_mid_load_answers_the_apps_503_then_recovers_losing_and_doubling_nothing(
    postgres_behind_proxy: tuple[str, Proxy],  # noqa: F811
    postgres_url: str,
    logs: Path,
) -> None:
    proxied_url, proxy = postgres_behind_proxy
    verdict = outage(postgres_url, proxied_url, proxy, logs, BEFORE, CUT, AFTER)
    print(verdict.report())
    assert verdict.ok, verdict.report()
