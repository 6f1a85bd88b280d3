"""How the value objects aggregates hold are stored in snapshots."""

from dataclasses import fields
from typing import Any

from eventsourcing.persistence import Transcoding

from domain.entries import Decision
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


class JournalAsIds(Transcoding):
    """A cycle's journal, stored as the ids of its entries by kind and their corrections."""

    type = Journal
    name = "learnloop_journal_ids"

    def encode(self, obj: Journal) -> dict[str, Any]:
        return obj.as_data()

    def decode(self, data: dict[str, Any]) -> Journal:
        return Journal.from_data(data)


class Retired(Transcoding):
    """A value that snapshots of an earlier class version hold and none holds now: read back
    as its plain data, which the aggregate's upcaster turns into what it holds today."""

    def __init__(self, name: str) -> None:
        self.type = type(f"Retired {name}", (), {})  # nothing is of it: never written again
        self.name = name

    def encode(self, obj: Any) -> Any:
        raise NotImplementedError(f"{self.name} is no longer written.")

    def decode(self, data: Any) -> Any:
        return data


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
    JournalAsIds(),
    DataclassAsDict(Decision, "learnloop_decision"),
    # Cycle's snapshots before version 4 held its journal whole, entry by entry.
    Retired("learnloop_journal"),
    Retired("learnloop_entry"),
)
