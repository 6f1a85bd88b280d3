"""A group enters a ramp run before it joined, with the dates things really happened."""

from datetime import date, time, timedelta

import pytest

from domain.application import Learnloop
from domain.clock import today
from domain.cycle import Cycle
from domain.entries import ADAPT
from domain.errors import InvalidFieldError
from domain.group import PilotGroup
from domain.when import Happened
from tests.builders import entry_events, entry_recorded, plan

QUESTION = "Will nurses discharge by 11?"


def test_a_ramp_is_backfilled_with_its_real_dates(application: Learnloop) -> None:
    group = application.form_group("Ward 7", "Discharge by 11", "Ann")
    first = application.open_cycle(
        group.id, plan(), "Ann", happened=Happened(date(2025, 11, 3))
    ).id
    application.record_observation(
        first, "Two of five home by 11", "Ann", happened=Happened(date(2025, 11, 4), time(11, 30))
    )
    learned = entry_recorded(
        application,
        application.record_reflection(
            first, "Pharmacy holds us up", "Ann", happened=Happened(date(2025, 11, 5))
        ),
    )
    second = application.decide(
        first,
        ADAPT,
        "Order TTOs the day before",
        "Ann",
        next_plan=plan("TTOs the day before"),
        cites=[learned],
        happened=Happened(date(2025, 11, 6)),
    ).id
    said = [e.happened for e in entry_events(application, first)]
    assert said == ["2025-11-04T11:30", "2025-11-05"]
    opening = next(iter(application.events.get(second)))
    decided = [*application.events.get(first)][-1]
    assert isinstance(opening, Cycle.Continued)
    assert isinstance(decided, Cycle.DecisionMade)
    assert (opening.happened, decided.happened) == ("2025-11-06", "2025-11-06")
    assert application.repository.get(group.id).cycle_ids == [first, second]


def test_a_cycle_opened_in_the_future_is_refused_and_nothing_is_recorded(
    application: Learnloop,
) -> None:
    group = application.form_group("Ward 7", "Discharge by 11", "Ann")
    before = application.recorder.max_notification_id()
    with pytest.raises(InvalidFieldError, match="in the future"):
        application.open_cycle(
            group.id, plan(), "Ann", happened=Happened(today() + timedelta(days=1))
        )
    assert application.recorder.max_notification_id() == before
    g: PilotGroup = application.repository.get(group.id)
    assert g.cycle_ids == []
