"""The `learnloop` command: serve the app and look after the projections."""

import logging
import os
import time
from collections.abc import Callable
from typing import TypeVar

import click

from domain.errors import DomainError
from web import create_app, serving, sessions
from web.outage import describe, is_outage
from web.services import THREADS, services

log = logging.getLogger(__name__)


@click.group()
def main() -> None:
    """Learnloop: record how plans change in the light of learning."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=serving.default_workers,
    envvar="LEARNLOOP_WORKERS",
    show_default="2 x cores + 1, at most 4",
    help="Worker processes.",
)
@click.option(
    "--threads",
    type=click.IntRange(min=1),
    default=THREADS,
    envvar="LEARNLOOP_THREADS",
    show_default=True,
    help="Requests each worker serves at once.",
)
@click.option("--dev", is_flag=True, help="Flask's development server: reloader and debugger.")
def serve(host: str, port: int, workers: int, threads: int, dev: bool) -> None:
    """Serve Learnloop over HTTP with gunicorn (LEARNLOOP_DATABASE_URL chooses the database)."""
    config = {"THREADS": threads}
    if dev:
        app = create_app(config)
        click.echo(f"Learnloop on http://{host}:{port}/ — storing in {app.config['STORAGE']}")
        app.run(host=host, port=port, debug=True, use_reloader=True)
        return
    click.echo(f"Learnloop on http://{host}:{port}/ — {workers} workers of {threads} threads")
    level = os.environ.get("LEARNLOOP_LOG_LEVEL", "info")
    serving.Server(serving.options(host, port, workers, threads, level), config).run()


@main.command()
@click.option("--interval", default=1.0, show_default=True, help="Seconds between polls.")
@click.option("--once", is_flag=True, help="Catch up once and stop (for cron or tests).")
def worker(interval: float, once: bool) -> None:
    """Keep the projections caught up, for deployments with several web processes.

    Web processes still catch up inline after their own commands (read your writes);
    the tracking row's lock means a worker and web processes never apply an event twice.
    """
    try:
        # Built without catching up: a worker started as the database goes away must wait
        # for it, not die, so the one catch-up is the loop's, which waits out an outage.
        app = _when_reachable(lambda: create_app({"CATCH_UP_AT_START": False}), interval, once)
        with app.app_context():
            runner = services().runner
            click.echo(f"Worker keeping {len(runner.projections)} projections caught up.")
            while True:
                _when_reachable(runner.catch_up, interval, once)
                if once:
                    return
                time.sleep(interval)
    except KeyboardInterrupt:
        click.echo("Worker stopped.")


T = TypeVar("T")


def _when_reachable(action: Callable[[], T], interval: float, once: bool) -> T:
    """`action`'s result, trying again every `interval` seconds while the database is away."""
    while True:
        try:
            return action()
        except Exception as error:
            if once or not is_outage(error):
                raise
            log.warning("Worker: %s; trying again", describe(error))
        time.sleep(interval)


@main.group()
def users() -> None:
    """Look after accounts."""


@users.command("create")
@click.option("--email", prompt=True, help="The account's email address.")
@click.option("--name", prompt=True, help="The name shown beside what they record.")
@click.option("--admin", is_flag=True, help="Make the account an administrator.")
@click.password_option(help="Prompted for, twice, if not given.")
def create_user(email: str, name: str, admin: bool, password: str) -> None:
    """Create an account, e.g. the first administrator (there is no default password)."""
    with create_app().app_context():
        try:
            recorded = services().app.register_account(
                email, name, password, actor="command line", is_admin=admin
            )
        except DomainError as error:
            raise click.ClickException(str(error)) from None
        services().caught_up(recorded.notification_id)
    kind = "administrator" if admin else "account"
    click.echo(f"Created {kind} {email.strip().casefold()}.")


@users.command("set-password")
@click.argument("email")
@click.password_option(help="Prompted for, twice, if not given.")
def set_password(email: str, password: str) -> None:
    """Set an account's password (say, one forgotten) and sign it out everywhere."""
    with create_app().app_context():
        try:
            recorded = services().app.set_password(email, password, actor="command line")
        except DomainError as error:
            raise click.ClickException(str(error)) from None
        ended = sessions.store().end_all(recorded.id)
    click.echo(f"Set the password of {email.strip().casefold()}; ended {ended} session(s).")


@main.group()
def projections() -> None:
    """Look after the read-model projections."""


@projections.command()
def status() -> None:
    """Each projection's position in the event log and how far it lags."""
    # As the projections stand: building the app must not catch them up first.
    with create_app({"CATCH_UP_AT_START": False}).app_context():
        for s in services().runner.status():
            click.echo(f"{s.name:<20} at {s.position:>8} of {s.head:>8}  (lag {s.lag})")


@projections.command()
@click.argument("names", nargs=-1)
def rebuild(names: tuple[str, ...]) -> None:
    """Drop the projections' tables (all, or those NAMED) and replay the whole log."""
    with create_app().app_context():
        runner = services().runner
        unknown = set(names) - {p.name for p in runner.projections}
        if unknown:
            raise click.BadParameter(
                f"unknown projection {', '.join(sorted(unknown))}; "
                f"choose from {', '.join(p.name for p in runner.projections)}"
            )
        chosen = [p for p in runner.projections if not names or p.name in names]
        total = (runner.recorder.max_notification_id() or 0) * len(chosen)
        with click.progressbar(length=total, label="Replaying events") as bar:
            runner.rebuild(names, progress=bar.update)
        click.echo(f"Rebuilt {', '.join(p.name for p in chosen)}.")
