"""The projection base: one handler per event type, rows written on a given connection."""

from collections.abc import Callable
from typing import Any, ClassVar

import sqlalchemy as sa
from eventsourcing.domain import DomainEventProtocol
from eventsourcing.utils import get_topic

Handler = Callable[[Any, sa.Connection, Any], None]


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

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._handlers = {
            member.__dict__["handles"]: member
            for member in cls.__dict__.values()
            if callable(member) and "handles" in getattr(member, "__dict__", {})
        }

    def topics(self) -> set[str]:
        """The topics of the events this projection handles."""
        return {get_topic(cls) for cls in self._handlers}

    def apply(self, conn: sa.Connection, event: DomainEventProtocol[Any]) -> None:
        """Write the rows for one event; events it does not handle are ignored."""
        handler = self._handlers.get(type(event))
        if handler is not None:
            handler(self, conn, event)
