"""Fixtures for the browser tests: the app served over HTTP, and Chromium driving it."""

import os
import shutil
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Error, Page, sync_playwright
from werkzeug.serving import make_server

from tests.browser.site import Site
from tests.conftest import make_app, register, unavailable

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ANN = "Ann Facilitator"


def pytest_configure(config: pytest.Config) -> None:
    """The `accounts` marker: who has an account before the browser opens."""
    config.addinivalue_line(
        "markers",
        f"accounts(*names): register these accounts before any tab opens (default: {ANN})",
    )


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The system Chromium (Playwright cannot download its own browsers here)."""
    path = shutil.which("chromium")
    if path is None:
        unavailable(
            "Chromium",
            "no chromium on PATH (apt-get install chromium)",
            "LEARNLOOP_REQUIRE_BROWSER",
        )
    assert path is not None
    return path


@pytest.fixture
def accounts(request: pytest.FixtureRequest) -> tuple[str, ...]:
    """The names to register, from the test's `accounts` marker; Ann alone by default.

    Each signs in with `tests.conftest.PASSWORD` at <first name>@example.org. Someone
    who joins by invitation in the test makes their own account, so is not listed.
    """
    marker = request.node.get_closest_marker("accounts")
    return tuple(marker.args) if marker else (ANN,)


@contextmanager
def serving(database_url: str, names: Iterable[str]) -> Iterator[Site]:
    """The app with real CSRF protection and `names` registered, on a free local port."""
    app = make_app(database_url, WTF_CSRF_ENABLED=True)
    services = app.extensions["learnloop"]
    registered = {name: register(services.app, name) for name in names}
    services.runner.catch_up()  # so their names show beside what they record
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield Site(f"http://127.0.0.1:{server.server_port}", app, registered)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        services.close()


@pytest.fixture
def site(sqlite_url: str, accounts: tuple[str, ...]) -> Iterator[Site]:
    """The app on SQLite with `accounts` registered, served on a free local port."""
    with serving(sqlite_url, accounts) as served:
        yield served


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Browser]:
    """One headless Chromium for the whole run."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def console_errors() -> list[str]:
    """Console errors and uncaught exceptions seen by `page`; a test asserts it stays empty."""
    return []


def open_tab(browser: Browser, console_errors: list[str], who: str = "") -> Page:
    """A fresh tab in a fresh context (its own cookies), reporting errors to `console_errors`.

    `who` prefixes each error, so a test with two people can tell whose tab saw it.
    """
    context = browser.new_context(viewport={"width": 1024, "height": 900})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    prefix = f"{who}: " if who else ""

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            console_errors.append(f"{prefix}console: {message.text} at {message.location}")

    def on_page_error(error: Error) -> None:
        console_errors.append(f"{prefix}pageerror: {error.message}")

    tab.on("console", on_console)
    tab.on("pageerror", on_page_error)
    return tab


@pytest.fixture
def page(browser: Browser, console_errors: list[str], site: Site) -> Iterator[Page]:
    """The first person's tab, opened once the site and its accounts are ready."""
    tab = open_tab(browser, console_errors)
    try:
        yield tab
    finally:
        tab.context.close()


@pytest.fixture
def second_page(browser: Browser, console_errors: list[str], site: Site) -> Iterator[Page]:
    """A second person's tab: another context, so other cookies and another account.

    Its errors go to the same `console_errors`, marked "second".
    """
    tab = open_tab(browser, console_errors, who="second")
    try:
        yield tab
    finally:
        tab.context.close()


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    """Where screenshots go, for a person to look at: LEARNLOOP_SCREENSHOTS, else tmp_path."""
    folder = Path(os.environ.get("LEARNLOOP_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder
