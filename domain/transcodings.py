"""How the value objects aggregates hold are stored in snapshots."""

from dataclasses import fields
from typing import Any

from eventsourcing.persistence import Transcoding

from domain.entries import Decision, Entry
from domain.journal import Journal
from domain.plan import Plan


class PlanAsDict(Transcoding):
    """A plan, stored as the same plain data its events carry."""

    type = Plan
    name = "learnloop_plan"

    def encode(self, obj: Plan) -> dict[str, Any]:
        return obj.as_event_data()

    def decode(self, data: dict[str, Any]) -> Plan:
        return Plan.from_event_data(data)


class JournalAsDict(Transcoding):
    """A cycle's journal, stored as its list of entries."""

    type = Journal
    name = "learnloop_journal"

    def encode(self, obj: Journal) -> dict[str, Any]:
        return {"entries": list(obj.entries)}

    def decode(self, data: dict[str, Any]) -> Journal:
        return Journal(tuple(data["entries"]))


class DataclassAsDict(Transcoding):
    """A flat frozen dataclass, stored field by field."""

    def __init__(self, cls: type, name: str) -> None:
        self.type = cls
        self.name = name

    def encode(self, obj: Any) -> dict[str, Any]:
        return {f.name: getattr(obj, f.name) for f in fields(obj)}

    def decode(self, data: dict[str, Any]) -> Any:
        return self.type(**data)


TRANSCODINGS: tuple[Transcoding, ...] = (
    PlanAsDict(),
    JournalAsDict(),
    DataclassAsDict(Entry, "learnloop_entry"),
    DataclassAsDict(Decision, "learnloop_decision"),
)
