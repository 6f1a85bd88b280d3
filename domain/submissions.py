"""Submissions: a form sent once is recorded once, however often it arrives."""

from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

_NAMESPACE = uuid5(NAMESPACE_URL, "learnloop:submissions")


def submission_id(actor: str, key: str) -> UUID:
    """The id of one person's submission of one rendered form (its key)."""
    return uuid5(_NAMESPACE, f"{actor}\n{key}")


class Submission(Aggregate):
    """A form's key, stored in the same transaction as what the form changed.

    Its id follows from the key, so a second submission of the same form cannot be
    stored: the event store's own uniqueness refuses it, across every process.
    """

    class Received(Aggregate.Created):
        """A form was submitted and what it asked for was recorded."""

        actor: str
        result: UUID

    @event(Received)
    def __init__(self, actor: str, result: UUID) -> None:
        self.actor = actor
        self.result = result

    @classmethod
    def receive(cls, submission: UUID, actor: str, result: UUID) -> "Submission":
        """The record that this submission, by `actor`, changed `result`."""
        return cls._create(cls.Received, id=submission, actor=actor, result=result)
