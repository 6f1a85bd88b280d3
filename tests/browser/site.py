"""The app the browser tests drive, and the accounts made in it before any tab opens."""

from dataclasses import dataclass
from uuid import UUID

from flask import Flask

from tests.conftest import join
from web.services import Services


@dataclass(frozen=True)
class Site:
    """The live app: its base URL, the Flask app, and the accounts registered by name."""

    url: str
    flask_app: Flask
    accounts: dict[str, UUID]

    @property
    def services(self) -> Services:
        """The live app's Application and read model."""
        found: Services = self.flask_app.extensions["learnloop"]
        return found

    def join(self, group_id: UUID, name: str, role: str, by: str) -> None:
        """Put `name` in the group with `role`, as if `by` invited them and they accepted.

        For a test about something else: the invitation itself is driven in the browser
        by the tests that are about people joining.
        """
        accounts = self.accounts
        joined = join(self.services.app, group_id, accounts[name], role, accounts[by])
        self.services.caught_up(joined)
