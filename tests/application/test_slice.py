"""The slice through the Application, on the in-memory store."""

import itertools
from uuid import UUID, uuid4

import pytest

from domain.application import Learnloop
from domain.cycle import Cycle
from domain.errors import (
    InvalidFieldError,
    NotFoundError,
    RevisionCitesNoLearningError,
    StalePlanError,
)
from domain.service import snapshot_due
from tests.builders import entry_ids, entry_recorded, plan


def open_a_cycle(app: Learnloop) -> UUID:
    group = app.form_group("Ward 7", "80% of discharges before noon", "Ann")
    return app.open_cycle(group.id, plan("Criteria-led discharge", "Bay B"), "Ann").id


def test_each_command_returns_the_id_and_a_rising_notification_id(
    application: Learnloop,
) -> None:
    group = application.form_group("Ward 7", "Discharge before noon", "Ann")
    cycle = application.open_cycle(group.id, plan("Objective", ""), "Ann")
    seen = application.record_observation(cycle.id, "Seen", "Bob")
    assert cycle.id != group.id
    assert group.notification_id < cycle.notification_id < seen.notification_id
    assert application.recorder.max_notification_id() == seen.notification_id


def test_opening_a_cycle_numbers_it_within_its_group(application: Learnloop) -> None:
    group = application.form_group("Ward 7", "Discharge before noon", "Ann")
    first = application.open_cycle(group.id, plan("One", ""), "Ann")
    second = application.open_cycle(group.id, plan("Two", ""), "Ann")
    numbers: list[int] = [application.repository.get(c.id).number for c in (first, second)]
    assert numbers == [1, 2]


def test_a_revision_cites_the_reflection_it_came_from(application: Learnloop) -> None:
    cycle_id = open_a_cycle(application)
    application.record_observation(cycle_id, "Pharmacy held one patient", "Bob")
    learned = application.record_reflection(cycle_id, "Order drugs the day before", "Bob")
    reflection = entry_recorded(application, learned)
    application.revise_plan(
        cycle_id,
        1,
        plan("Discharge with drugs ordered early"),
        "TTOs early",
        [reflection],
        "Ann",
    )
    revised: Cycle = application.repository.get(cycle_id)
    assert revised.plan_version == 2
    assert revised.plan.objective == "Discharge with drugs ordered early"


def test_a_refused_revision_writes_nothing(application: Learnloop) -> None:
    cycle_id = open_a_cycle(application)
    application.record_observation(cycle_id, "Seen", "Bob")
    before = application.recorder.max_notification_id()
    with pytest.raises(RevisionCitesNoLearningError):
        application.revise_plan(cycle_id, 1, plan("New", ""), "Why", [], "Ann")
    assert application.recorder.max_notification_id() == before


def test_a_bad_plan_is_refused_before_anything_is_loaded_or_written(
    application: Learnloop,
) -> None:
    group = application.form_group("Ward 7", "Discharge before noon", "Ann")
    before = application.recorder.max_notification_id()
    with pytest.raises(InvalidFieldError):
        application.open_cycle(group.id, plan("", ""), "Ann")
    assert application.recorder.max_notification_id() == before


def test_a_second_revision_of_the_same_version_is_refused_not_lost(
    application: Learnloop,
) -> None:
    cycle_id = open_a_cycle(application)
    seen = application.record_observation(cycle_id, "Seen", "Bob")
    entry = entry_recorded(application, seen)
    application.revise_plan(cycle_id, 1, plan("Ann's plan", ""), "A", [entry], "Ann")
    with pytest.raises(StalePlanError):
        application.revise_plan(cycle_id, 1, plan("Bob's plan", ""), "B", [entry], "Bob")
    assert application.repository.get(cycle_id).plan.objective == "Ann's plan"
    assert seen.notification_id > 0


def test_commands_on_an_unknown_cycle_or_group_say_not_found(application: Learnloop) -> None:
    with pytest.raises(NotFoundError):
        application.record_observation(uuid4(), "Seen", "Bob")
    group = application.form_group("Ward 7", "Aim", "Ann")
    with pytest.raises(NotFoundError):
        application.record_observation(group.id, "A group is not a cycle", "Bob")
    with pytest.raises(NotFoundError):
        application.open_cycle(uuid4(), plan("Objective", ""), "Ann")


def test_long_cycles_are_snapshotted(application: Learnloop) -> None:
    cycle_id = open_a_cycle(application)
    for n in range(60):
        application.record_observation(cycle_id, f"Observation {n}", "Bob")
    assert application.snapshots is not None
    snapshots = list(application.snapshots.get(cycle_id))
    assert [s.originator_version for s in snapshots] == [25, 50]
    loaded: Cycle = application.repository.get(cycle_id)  # from the snapshot, and after it
    recorded = entry_ids(application, cycle_id)
    assert len(recorded) == 60
    assert {k: "".join(r) for k, r in loaded.journal.runs.items()} == {
        "observation": "".join(e.hex for e in recorded)
    }


def test_a_long_cycle_is_snapshotted_less_often_so_its_snapshots_grow_linearly() -> None:
    due = [v for v in range(1, 160_001) if snapshot_due(v)]
    assert due[:3] == [25, 50, 75]
    after = {a: b - a for a, b in itertools.pairwise(due)}
    assert [after[v] for v in (9_975, 10_000, 20_000, 40_000)] == [25, 50, 100, 200]
    # A snapshot's size grows with the version it is taken at: the sum of those versions
    # stays within a fixed multiple of the cycle's length (at every 25th, n * n / 50).
    for n in (10_000, 20_000, 40_000, 80_000, 160_000):
        assert sum(v for v in due if v <= n) <= 300 * n
