"""The service layer's plumbing: loading aggregates, saving with retries, what commands return."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError, JSONTranscoder, Recording

from domain.errors import NotFoundError
from domain.transcodings import TRANSCODINGS

A = TypeVar("A", bound=Aggregate)

# Appending an entry commutes with a concurrent append, so a lost race is
# simply retried against the newer state; the command re-checks every rule.
RETRIES = 3


@dataclass(frozen=True)
class Recorded:
    """What a command returns: the aggregate it touched and where the log now stands."""

    id: UUID
    notification_id: int


class Service(Application[UUID]):
    """An eventsourcing Application with the helpers every command uses."""

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        """Teach the store the value types aggregates hold, so snapshots can be taken."""
        super().register_transcodings(transcoder)
        for transcoding in TRANSCODINGS:
            transcoder.register(transcoding)

    def _on(self, cls: type[A], aggregate_id: UUID, change: Callable[[A], Any]) -> Recorded:
        def command() -> Recorded:
            aggregate = self._get(cls, aggregate_id)
            change(aggregate)
            recordings = self.save(aggregate)
            if not recordings:  # nothing changed (e.g. closing a closed request)
                return Recorded(aggregate.id, self.recorder.max_notification_id() or 0)
            return self._recorded(aggregate.id, recordings)

        return self._retrying(command)

    def _get(self, cls: type[A], aggregate_id: UUID) -> A:
        try:
            aggregate: Aggregate = self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            raise NotFoundError(f"No {cls.__name__} with id {aggregate_id}.") from None
        if not isinstance(aggregate, cls):
            raise NotFoundError(f"No {cls.__name__} with id {aggregate_id}.")
        return aggregate

    def _find(self, cls: type[A], aggregate_id: UUID) -> A | None:
        try:
            return self._get(cls, aggregate_id)
        except NotFoundError:
            return None

    @staticmethod
    def _retrying(command: Callable[[], Recorded]) -> Recorded:
        for _ in range(RETRIES - 1):
            try:
                return command()
            except IntegrityError:
                continue
        return command()

    @staticmethod
    def _recorded(aggregate_id: UUID, recordings: list[Recording[UUID]]) -> Recorded:
        return Recorded(aggregate_id, recordings[-1].notification.id)
