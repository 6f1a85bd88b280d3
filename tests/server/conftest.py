"""Fixtures for the real-server suites: a log folder whose tails a failing test prints."""

from collections.abc import Generator
from pathlib import Path

import pytest

from tests.server.server import tail

LOGS = pytest.StashKey[Path]()


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker the suites here carry."""
    config.addinivalue_line(
        "markers", "server: starts the real server (gunicorn) on a free port, drives it over HTTP"
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """A failed test shows the end of each server process's log."""
    report = yield
    folder = item.stash.get(LOGS, None)
    if report.failed and folder is not None:
        for path in sorted(folder.glob("*.log")):
            report.sections.append((f"log {path.name}", tail(path, 60)))
    return report


@pytest.fixture
def logs(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """Where the servers this test starts write their output."""
    folder = tmp_path / "logs"
    request.node.stash[LOGS] = folder
    return folder
