"""Snapshots taken by earlier versions of the Cycle still load: their state is upcast."""

import json
from datetime import date
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.persistence import StoredEvent

from domain.application import Learnloop
from domain.cycle import Cycle
from domain.errors import InvalidFieldError
from domain.when import Happened
from tests.application.test_stored_events import DATA, load_into
from tests.builders import entry_ids, plan

# Snapshots as Cycle stored them, of the first cycle of events_v0_2.json at version 9: at
# class version 3 its journal held every entry whole, its text too; at 4, their ids.
STORED = {3: "snapshot_cycle_v3.json", 4: "snapshot_cycle_v4.json"}


def stored_snapshot(version: int, number: int) -> StoredEvent:
    """The stored snapshot in the shape Cycle stored at `version` (2 kept its entries as a
    list, 3 in a journal, 4 their ids), its cycle's number set to `number` to show it was
    read."""
    recorded = json.loads((DATA / STORED[max(version, 3)]).read_text())["snapshot"]
    cycle: dict[str, Any] = recorded["state"]["state"]
    cycle["number"] = number
    if version == 2:
        cycle["entries"] = cycle.pop("journal")["_data_"]["entries"]
        cycle["class_version"] = 2
    return StoredEvent(
        originator_id=UUID(recorded["originator_id"]),
        originator_version=recorded["originator_version"],
        topic=recorded["topic"],
        state=json.dumps(recorded["state"]).encode(),
    )


@pytest.mark.parametrize("version", [2, 3, 4])
def test_a_snapshot_of_every_version_loads_what_the_rules_need(
    application: Learnloop, version: int
) -> None:
    cycle_id = UUID(str(load_into(application, "events_v0_2.json")["cycle_id"]))
    replayed: Cycle = application.repository.get(cycle_id)  # from its events alone
    assert application.snapshots is not None  # Cycle is snapshotted
    application.snapshots.recorder.insert_events([stored_snapshot(version, number=7)])

    loaded: Cycle = application.repository.get(cycle_id)  # the snapshot, then 3 events
    assert loaded.number == 7
    assert loaded.journal.as_data() == replayed.journal.as_data()
    assert (len(loaded.journal.revisions), len(loaded.journal.withdrawn)) == (2, 1)
    assert (loaded.phase, loaded.plan, loaded.decision, loaded.tasks_done) == (
        replayed.phase,
        replayed.plan,
        replayed.decision,
        replayed.tasks_done,
    )
    assert (loaded.opened, replayed.opened) == (None, "")  # the snapshot cannot say when


def test_a_snapshot_of_a_backdated_cycle_keeps_when_it_was_opened(
    application: Learnloop,
) -> None:
    group = application.form_group("Ward 7", "Home by noon", "ann")
    happened = Happened(date(2025, 11, 3))
    cycle_id = application.open_cycle(group.id, plan(), "ann", happened=happened).id
    application.take_snapshot(cycle_id)
    with pytest.raises(InvalidFieldError, match="opened on 3 November 2025"):
        application.record_observation(cycle_id, "Before", "bob", Happened(date(2025, 11, 2)))
    loaded: Cycle = application.repository.get(cycle_id)
    assert (loaded.version, loaded.opened) == (1, "2025-11-03")


def test_a_snapshot_of_today_s_cycle_holds_no_entry_s_text(application: Learnloop) -> None:
    group = application.form_group("Ward 7", "Home by noon", "ann")
    cycle_id = application.open_cycle(group.id, plan(), "ann").id
    application.record_observation(cycle_id, "Pharmacy held one patient", "bob")
    application.take_snapshot(cycle_id)
    assert application.snapshots is not None
    [snapshot] = application.snapshots.recorder.select_events(cycle_id)
    assert b"Pharmacy held one patient" not in snapshot.state
    loaded: Cycle = application.repository.get(cycle_id)
    [entry] = entry_ids(application, cycle_id)
    assert loaded.journal.kind(entry) == "observation"
