"""How the value objects aggregates hold are stored in snapshots."""

from typing import Any

from eventsourcing.persistence import Transcoding

from domain.cycle import Entry
from domain.plan import Plan


class PlanAsDict(Transcoding):
    """A plan, stored as the same plain data its events carry."""

    type = Plan
    name = "learnloop_plan"

    def encode(self, obj: Plan) -> dict[str, Any]:
        return obj.as_event_data()

    def decode(self, data: dict[str, Any]) -> Plan:
        return Plan.from_event_data(data)


class EntryAsDict(Transcoding):
    """An observation or reflection held by a cycle."""

    type = Entry
    name = "learnloop_entry"

    def encode(self, obj: Entry) -> dict[str, Any]:
        return {"id": obj.id, "kind": obj.kind, "text": obj.text, "actor": obj.actor}

    def decode(self, data: dict[str, Any]) -> Entry:
        return Entry(**data)


TRANSCODINGS: tuple[Transcoding, ...] = (PlanAsDict(), EntryAsDict())
