"""The projection base: one handler per event type, rows written on a given connection."""

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

import sqlalchemy as sa
from eventsourcing.domain import DomainEventProtocol
from eventsourcing.utils import get_topic

from projections.writer import Writer

Handler = Callable[[Any, Writer, Any], None]


def handles(event_class: type) -> Callable[[Handler], Handler]:
    """Mark a projection method as the handler for one event class."""

    def mark(method: Handler) -> Handler:
        method.__dict__["handles"] = event_class
        return method

    return mark


class Projection:
    """Turns events into rows; knows nothing of the Application or aggregates."""

    name: ClassVar[str]
    # Raise when the tables' layout or meaning changes: the runner then rebuilds it.
    version: ClassVar[int] = 1
    tables: ClassVar[tuple[sa.Table, ...]]
    _handlers: ClassVar[dict[type, Handler]]
    topics: ClassVar[frozenset[str]]  # of the events it has handlers for

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Handlers may come from base classes too (a projection written in several parts).
        cls._handlers = {
            member.__dict__["handles"]: member
            for klass in reversed(cls.__mro__)
            for member in vars(klass).values()
            if callable(member) and "handles" in getattr(member, "__dict__", {})
        }
        cls.topics = frozenset(get_topic(c) for c in cls._handlers)

    def wants(self, topic: str) -> bool:
        """Whether this projection has a handler for events of this topic."""
        return topic in self.topics

    def apply(self, conn: sa.Connection, events: Iterable[DomainEventProtocol[Any]]) -> None:
        """Write the rows for these events, in order; events it does not handle are ignored."""
        writer = Writer(conn)
        for event in events:
            handler = self._handlers.get(type(event))
            if handler is not None:
                handler(self, writer, event)
        writer.flush()
