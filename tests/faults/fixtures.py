"""Fixtures for fault tests; import the ones a test module uses from here."""

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from tests.faults.proxy import Proxy


@pytest.fixture
def postgres_behind_proxy(postgres_url: str) -> Iterator[tuple[str, Proxy]]:
    """A PostgreSQL database of this test's own, reached through a Proxy the test can cut.

    Yields (url through the proxy, proxy). The database is made and dropped through the
    direct port (tests/conftest.py `postgres_url`), so the drop works even after a cut.
    """
    parts = urlsplit(postgres_url)
    with Proxy((parts.hostname or "127.0.0.1", parts.port or 5432)) as proxy:
        user = parts.netloc.rpartition("@")[0]
        netloc = f"{user}@127.0.0.1:{proxy.port}" if user else f"127.0.0.1:{proxy.port}"
        yield parts._replace(netloc=netloc).geturl(), proxy
