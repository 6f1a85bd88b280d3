"""Events written by earlier versions still load: event names and paths are a stored schema."""

import json
from pathlib import Path
from uuid import UUID

import pytest
from eventsourcing.persistence import StoredEvent

from domain.accounts import Throttle
from domain.application import Learnloop
from domain.cycle import Cycle
from domain.entries import ADOPT, decision_verb
from domain.group import PilotGroup
from domain.measure import Measure
from domain.when import happened_at
from projections.words import decided
from tests.builders import entry_ids, entry_kinds

DATA = Path(__file__).parent / "data"


def load_into(app: Learnloop, name: str) -> dict[str, object]:
    recorded = json.loads((DATA / name).read_text())
    stored = [
        StoredEvent(
            originator_id=UUID(e["originator_id"]),
            originator_version=e["originator_version"],
            topic=e["topic"],
            state=json.dumps(e["state"]).encode(),
        )
        for e in recorded["events"]
    ]
    app.recorder.insert_events(stored)
    return dict(recorded)


def test_events_written_by_version_0_1_rebuild_the_same_group_and_cycle(
    application: Learnloop,
) -> None:
    recorded = load_into(application, "events_v0_1.json")
    group: PilotGroup = application.repository.get(UUID(str(recorded["group_id"])))
    cycle: Cycle = application.repository.get(UUID(str(recorded["cycle_id"])))
    assert group.name == "Ward 7"
    assert group.cycle_ids == [cycle.id]
    assert cycle.plan_version == 2
    assert cycle.plan.objective == "Criteria-led discharge with TTOs ordered the day before"
    assert entry_kinds(application, cycle.id) == ["observation", "reflection"]


def test_every_stored_topic_still_names_an_event_class(application: Learnloop) -> None:
    load_into(application, "events_v0_1.json")
    events = [
        application.mapper.to_domain_event(n)
        for n in application.recorder.select_notifications(1, 100)
    ]
    assert [type(e).__qualname__ for e in events] == [
        "PilotGroup.Formed",
        "PilotGroup.CycleAdded",
        "Cycle.Opened",
        "Cycle.ObservationRecorded",
        "Cycle.ReflectionRecorded",
        "Cycle.PlanRevised",
    ]


def test_events_written_by_version_0_2_rebuild_the_whole_ramp(application: Learnloop) -> None:
    recorded = load_into(application, "events_v0_2.json")
    first: Cycle = application.repository.get(UUID(str(recorded["cycle_id"])))
    second: Cycle = application.repository.get(UUID(str(recorded["next_cycle_id"])))
    assert first.decision is not None
    assert (first.decision.decision, first.decision.next_cycle_id) == ("adapt", second.id)
    assert second.previous_cycle_id == first.id
    assert entry_kinds(application, first.id) == [
        "problem",
        "observation",
        "comparison",
        "reflection",
        "mistake",
    ]
    entries = entry_ids(application, first.id)
    amended = [e for e in application.events.get(first.id) if isinstance(e, Cycle.EntryAmended)]
    assert [(e.entry_id, e.text) for e in amended] == [(entries[0], "Night shift missed twice")]
    assert first.journal.revision(entries[0]) == 2
    assert first.journal.is_withdrawn(entries[1])
    assert len(first.tasks_done) == 1


def test_every_topic_ever_stored_still_resolves(application: Learnloop) -> None:
    for name in ("events_v0_1.json", "events_v0_2.json"):
        recorded = json.loads((DATA / name).read_text())
        for stored in recorded["events"]:
            event = application.mapper.to_domain_event(
                StoredEvent(
                    originator_id=UUID(stored["originator_id"]),
                    originator_version=stored["originator_version"],
                    topic=stored["topic"],
                    state=json.dumps(stored["state"]).encode(),
                )
            )
            assert hasattr(event, "actor"), stored["topic"]


def test_sign_in_throttle_events_stored_before_still_load(application: Learnloop) -> None:
    recorded = load_into(application, "events_throttle_v0_2.json")
    by_email: Throttle = application.repository.get(UUID(str(recorded["email_throttle_id"])))
    by_address: Throttle = application.repository.get(UUID(str(recorded["address_throttle_id"])))
    assert (by_email.limit, by_email.failures) == (5, [])  # cleared by a sign-in
    assert (by_address.limit, len(by_address.failures)) == (20, 3)
    # They no longer count for anything: the account signs in and nothing new is written.
    before = application.recorder.max_notification_id()
    account = application.sign_in("ann@example.org", "correct horse battery staple")
    assert account == UUID(str(recorded["account_id"]))
    assert application.recorder.max_notification_id() == before


def test_measure_events_written_by_version_0_3_rebuild_the_same_measure(
    application: Learnloop,
) -> None:
    recorded = load_into(application, "events_measures_v0_3.json")
    measure: Measure = application.repository.get(UUID(str(recorded["measure_id"])))
    assert measure.group_id == UUID(str(recorded["group_id"]))
    assert {p["day"]: (p["value"], p["excluded"]) for p in measure.points.values()} == {
        "2026-02-01": (7.0, False),
        "2026-03-01": (9.0, False),
        "2026-04-01": (6.0, False),
    }
    assert measure.points[measure.by_day["2026-04-01"]].get("astronomical") is True
    topics = [
        type(application.mapper.to_domain_event(n)).__qualname__
        for n in application.recorder.select_notifications(1, 100)
    ]
    assert topics[2:] == [
        "Measure.PointsRecorded",
        "Measure.PointsRecorded",
        "Measure.PointCorrected",
        "Measure.PointExcluded",
        "Measure.PointIncluded",
        "Measure.PointWithdrawn",
        "Measure.PointMarkedAstronomical",
        "Measure.PointAnnotated",
        "Measure.BaselineFrozen",
        "Measure.LimitsRecalculated",
        "Measure.DefinitionRevised",
    ]


@pytest.mark.parametrize("name", ["events_v0_1.json", "events_v0_2.json"])
def test_questions_stored_before_exploratory_questions_existed_read_as_predicted(
    application: Learnloop, name: str
) -> None:
    recorded = load_into(application, name)
    cycle: Cycle = application.repository.get(UUID(str(recorded["cycle_id"])))
    assert cycle.plan.questions
    assert all(not q.exploratory and q.prediction for q in cycle.plan.questions)


@pytest.mark.parametrize("name", ["events_v0_1.json", "events_v0_2.json"])
def test_events_stored_before_dates_existed_happened_when_they_were_recorded(
    application: Learnloop, name: str
) -> None:
    load_into(application, name)
    events = [
        application.mapper.to_domain_event(n)
        for n in application.recorder.select_notifications(1, 100)
    ]
    dated = [e for e in events if isinstance(e, Cycle.Event) and hasattr(e, "happened")]
    assert {type(e).__qualname__ for e in dated} >= {"Cycle.Opened", "Cycle.ReflectionRecorded"}
    assert all(happened_at(e.happened, e.timestamp) == e.timestamp for e in dated)


def test_an_adopt_stored_before_scale_up_existed_reads_as_adopt_and_implement(
    application: Learnloop,
) -> None:
    recorded = load_into(application, "events_v0_2.json")
    second: Cycle = application.repository.get(UUID(str(recorded["next_cycle_id"])))
    assert second.decision is not None
    # "adopt" now means adopt and implement: the ramp ended, no cycle follows.
    assert (second.decision.decision, second.decision.next_cycle_id) == (ADOPT, None)
    assert decision_verb(second.decision.decision) == "adopt"
    assert decided(second.decision.decision) == "adopted"


@pytest.mark.parametrize("name", ["events_v0_1.json", "events_v0_2.json"])
def test_plans_stored_before_scales_existed_read_with_the_scale_not_stated(
    application: Learnloop, name: str
) -> None:
    recorded = load_into(application, name)
    cycle: Cycle = application.repository.get(UUID(str(recorded["cycle_id"])))
    assert cycle.plan.objective
    assert cycle.plan.scale == ""
