"""A request for help: asked on a cycle, open until answered or closed by its asker."""

from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate, event

from domain.errors import HelpRequestClosedError
from domain.fields import checked

OPEN, ANSWERED, CLOSED = "open", "answered", "closed"


class HelpRequest(Aggregate):
    """Asking for help is a first-class event, shown without blame."""

    class Asked(Aggregate.Created):
        """A member asked for help."""

        group_id: UUID
        cycle_id: UUID
        text: str
        actor: str

    class Answered(Aggregate.Event):
        """Someone answered the request."""

        answer_id: UUID
        text: str
        actor: str

    class Closed(Aggregate.Event):
        """The asker closed the request."""

        actor: str

    @event(Asked)
    def __init__(self, group_id: UUID, cycle_id: UUID, text: str, actor: str) -> None:
        self.group_id = group_id
        self.cycle_id = cycle_id
        self.text = text
        self.asker = actor
        self.status = OPEN

    @classmethod
    def ask(cls, group_id: UUID, cycle_id: UUID, text: str, actor: str) -> "HelpRequest":
        """Ask for help on a cycle."""
        return cls(
            group_id=group_id,
            cycle_id=cycle_id,
            text=checked("text", text),
            actor=checked("actor", actor),
        )

    def answer(self, text: str, actor: str) -> UUID:
        """Answer the request, unless its asker closed it."""
        if self.status == CLOSED:
            raise HelpRequestClosedError("That help request was closed by the person who asked.")
        answer_id = uuid4()
        self._answered(answer_id=answer_id, text=checked("comment", text), actor=actor)
        return answer_id

    @event(Answered)
    def _answered(self, answer_id: UUID, text: str, actor: str) -> None:
        self.status = ANSWERED

    def close(self, actor: str) -> None:
        """Close the request: only its asker knows when they have what they need."""
        if actor != self.asker:
            raise HelpRequestClosedError(f"Only {self.asker}, who asked, can close this.")
        if self.status != CLOSED:
            self._closed(actor=actor)

    @event(Closed)
    def _closed(self, actor: str) -> None:
        self.status = CLOSED
