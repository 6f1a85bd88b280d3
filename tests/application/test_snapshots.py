"""Snapshots taken by earlier versions of the Cycle still load: their state is upcast."""

from uuid import UUID

from domain.application import Learnloop
from domain.cycle import Cycle
from domain.journal import Journal
from tests.builders import plan


def a_cycle_with_an_observation(application: Learnloop) -> UUID:
    group = application.form_group("Ward 7", "Home by noon", "ann")
    cycle_id = application.open_cycle(group.id, plan(), "ann").id
    application.record_observation(cycle_id, "Pharmacy held one patient", "bob")
    return cycle_id


def test_a_snapshot_that_kept_entries_as_a_list_loads_them_into_the_journal(
    application: Learnloop,
) -> None:
    cycle_id = a_cycle_with_an_observation(application)
    snapshot = Cycle.Snapshot.take(application.repository.get(cycle_id))
    journal = snapshot.state.pop("journal")
    assert isinstance(journal, Journal)
    # Version 2 of the Cycle kept its entries as a list.
    snapshot.state["entries"] = [e.amended("Read from the snapshot") for e in journal.entries]
    snapshot.state["class_version"] = 2
    assert application.snapshots is not None  # Cycle is snapshotted
    application.snapshots.put([snapshot])  # stored, then read back, as JSON
    application.record_reflection(cycle_id, "Order drugs the day before", "bob")

    cycle: Cycle = application.repository.get(cycle_id)
    assert [(e.kind, e.text) for e in cycle.entries] == [
        ("observation", "Read from the snapshot"),
        ("reflection", "Order drugs the day before"),
    ]
    assert cycle.plan.questions[0].text == "Will nurses discharge by 11?"
