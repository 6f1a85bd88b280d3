"""The per-process services a Flask app holds: the Application and the read side."""

from dataclasses import dataclass

import sqlalchemy as sa
from flask import Flask, current_app

from domain.application import Learnloop
from projections.database import all_projections, make_engine
from projections.runner import Runner
from web.storage import storage_for

KEY = "learnloop"


@dataclass
class Services:
    """One Application, one read-side engine and one runner per process."""

    app: Learnloop
    engine: sa.Engine
    runner: Runner

    def caught_up(self, notification_id: int) -> None:
        """Read your writes: make sure the read model includes this notification."""
        self.runner.catch_up(until=notification_id)

    def close(self) -> None:
        """Release database connections."""
        self.engine.dispose()
        self.app.close()


def build_services(flask_app: Flask) -> Services:
    """Build the services for this app's configured database."""
    storage = storage_for(flask_app.config.get("DATABASE_URL"), flask_app.instance_path)
    flask_app.config["STORAGE"] = storage.description
    application = Learnloop(env=storage.persistence_env)
    engine = make_engine(storage.sqlalchemy_url)
    runner = Runner(engine, application.recorder, application.mapper, all_projections())
    runner.setup()
    runner.catch_up()
    return Services(application, engine, runner)


def services() -> Services:
    """The services of the app handling this request."""
    found: Services = current_app.extensions[KEY]
    return found
