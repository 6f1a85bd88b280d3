"""The service layer's plumbing: loading aggregates, saving with retries, what commands return."""

import logging
import random
import time
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import (
    AggregateNotFoundError,
    Application,
    ProjectorFunction,
)
from eventsourcing.domain import (
    Aggregate,
    CanMutateProtocol,
    DomainEventProtocol,
    ImmutableAggregateProtocol,
    MutableAggregateProtocol,
)
from eventsourcing.persistence import IntegrityError, JSONTranscoder, Recording

from domain.errors import BusyError, NotFoundError
from domain.submissions import Submission, submission_id
from domain.transcodings import TRANSCODINGS

A = TypeVar("A", bound=Aggregate)
Saved = (
    ImmutableAggregateProtocol[UUID]
    | MutableAggregateProtocol[UUID]
    | DomainEventProtocol[UUID]
    | None
)
log = logging.getLogger(__name__)

# Appending an entry commutes with a concurrent append, so a lost race is simply retried
# against the newer state (the command re-checks every rule, so a change made on a stale
# basis is refused then). Retries are bounded by time, not count: eight people writing to
# one cycle can lose many races in a row, and each retry is a few milliseconds.
RETRY_FOR = 10.0
BUSY = (
    "Many people were saving here at the same moment and yours could not be added in time: "
    "nothing was recorded. Send it again."
)
FIRST_PAUSE = 0.002
LONGEST_PAUSE = 0.1

# The library offers a snapshot at every multiple of an aggregate's interval. A cycle's
# snapshot holds state that grows with it (its entries' ids), so at a fixed interval their
# total grows with the square of its length. The interval is short because every event
# replayed after the newest snapshot costs a command about 14 µs on SQLite: a command on a
# 5,000-event cycle cost 2x one on a 10-event cycle at an interval of 100, 1.6x at 50, and
# 1.2-1.5x at 25 (tests/bench_commands.py, on an idle machine). From LONG events on the
# interval doubles each time the length does, so that snapshot storage grows linearly.
SNAPSHOT_EVERY = 25
LONG = 10_000


def replay(aggregate: Any, events: Iterable[CanMutateProtocol[Any]]) -> Any:
    """Apply each event to the aggregate in turn: the library's project_aggregate without
    its check of each event against a runtime-checkable Protocol, which on Python 3.11
    costs more than the rest of replaying the event (all events here are the aggregates'
    own, which can mutate them)."""
    for event in events:
        aggregate = event.mutate(aggregate)
    return aggregate


def snapshot_due(version: int) -> bool:
    """Whether a snapshot is taken at this version: every SNAPSHOT_EVERY events, then every
    2, 4, 8… times that from 1, 2, 4… times LONG events."""
    stretch = 1 << (version // LONG).bit_length()
    return version % (SNAPSHOT_EVERY * stretch) == 0


@dataclass(frozen=True)
class Recorded:
    """What a command returns: the aggregate it touched and where the log now stands."""

    id: UUID
    notification_id: int


class Resubmitted(Exception):  # noqa: N818 - not an error: the first submission was recorded
    """The submission being saved was recorded before; nothing new was."""

    def __init__(self, result: UUID) -> None:
        super().__init__(f"Submitted before, changing {result}.")
        self.result = result


@dataclass
class _Pending:
    """The submission a command is running for, until its first save records it."""

    id: UUID
    actor: str
    recorded: bool = False


_submission: ContextVar[_Pending | None] = ContextVar("submission", default=None)


class Service(Application[UUID]):
    """An eventsourcing Application with the helpers every command uses."""

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        """Teach the store the value types aggregates hold, so snapshots can be taken."""
        super().register_transcodings(transcoder)
        for transcoding in TRANSCODINGS:
            transcoder.register(transcoding)

    def once(self, actor: str, key: str, command: Callable[[], Recorded]) -> Recorded:
        """Run `command` for one submission of a form: sent again, it records nothing new
        and returns what the first did (the aggregate it made, or else changed)."""
        pending = _Pending(submission_id(actor, key), actor)
        prior = self._find(Submission, pending.id)
        if prior is not None:
            return self._resent(prior.result)
        token = _submission.set(pending)
        try:
            return command()
        except Resubmitted as resent:
            return self._resent(resent.result)
        finally:
            _submission.reset(token)

    def save(self, *objs: Saved, **kwargs: Any) -> list[Recording[UUID]]:
        """Save, with the running submission's record in the same transaction."""
        pending = _submission.get()
        if pending is None or pending.recorded:
            return super().save(*objs, **kwargs)
        receipt = Submission.receive(pending.id, pending.actor, _result_of(objs))
        try:
            recordings = super().save(*objs, receipt, **kwargs)
        except IntegrityError:
            prior = self._find(Submission, pending.id)
            if prior is not None:  # the same form, sent twice at once: the other won
                raise Resubmitted(prior.result) from None
            raise
        pending.recorded = True
        return recordings

    def take_snapshot(
        self,
        aggregate_id: UUID,
        version: int | None = None,
        projector_func: ProjectorFunction[Any, Any] = replay,
    ) -> None:
        """Take a snapshot if one is due at this version (the library offers one at every
        multiple of the interval). Snapshots only speed loading: one that fails must not
        fail a recorded command."""
        if version is not None and not snapshot_due(version):
            return
        try:
            super().take_snapshot(aggregate_id, version, projector_func)
        except Exception:
            log.warning("Snapshot of %s at %s not taken", aggregate_id, version, exc_info=True)

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
            aggregate: Aggregate = self.repository.get(aggregate_id, projector_func=replay)
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
        """Run the command, again against the newer state after each lost race, for up to
        RETRY_FOR seconds from the first loss; pauses grow and are jittered so racing
        writers spread out. Out of time, it is refused as busy (nothing was recorded)."""
        # Counted from the first lost race, not from the start: a command that waited out a
        # database outage then met everyone else's queued writes at once lost its whole
        # budget to the wait and answered 500 (R7 in CI).
        deadline: float | None = None
        pause = FIRST_PAUSE
        while True:
            try:
                return command()
            except IntegrityError:
                now = time.monotonic()
                deadline = now + RETRY_FOR if deadline is None else deadline
                if now + pause > deadline:
                    raise BusyError(BUSY) from None
            time.sleep(random.uniform(0, pause))  # noqa: S311 - jitter, not a secret
            pause = min(pause * 2, LONGEST_PAUSE)

    def _resent(self, result: UUID) -> Recorded:
        return Recorded(result, self.recorder.max_notification_id() or 0)

    @staticmethod
    def _recorded(aggregate_id: UUID, recordings: list[Recording[UUID]]) -> Recorded:
        return Recorded(aggregate_id, recordings[-1].notification.id)


def _result_of(objs: tuple[Saved, ...]) -> UUID:
    """What a submission is answered with again: the aggregate it made, or else changed."""
    aggregates = [o for o in objs if isinstance(o, Aggregate)]
    made = [a for a in aggregates if any(e.originator_version == 1 for e in a.pending_events)]
    chosen = (made or aggregates)[0]
    return chosen.id
