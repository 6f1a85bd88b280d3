"""Entries, decisions and cycles carry when they happened, never in the future."""

from datetime import UTC, date, datetime, time, timedelta
from uuid import uuid4

import pytest

from domain.clock import HOME, today, utcnow
from domain.cycle import Cycle
from domain.errors import InvalidFieldError
from domain.plan import Plan
from domain.when import FIELD, Happened, happened_at

MARCH_2 = date(2026, 3, 2)


def opened(happened: Happened | None = None) -> Cycle:
    plan = Plan.checked("Criteria-led discharge", "", [("Home by 11?", "One of two")])
    return Cycle.open(uuid4(), uuid4(), 1, plan, "ann", happened=happened)


def test_a_day_in_the_past_is_kept_as_the_team_gave_it() -> None:
    assert Happened.checked(MARCH_2).as_data() == "2026-03-02"


def test_a_time_of_day_is_kept_to_the_minute() -> None:
    assert Happened.checked(MARCH_2, time(14, 30, 59)).as_data() == "2026-03-02T14:30"


def test_a_day_after_today_is_refused_beside_the_field() -> None:
    with pytest.raises(InvalidFieldError, match="in the future") as refused:
        Happened.checked(today() + timedelta(days=1))
    assert refused.value.field == FIELD


def test_later_today_is_refused_but_earlier_today_is_not() -> None:
    now = datetime(2026, 3, 2, 9, 0, tzinfo=HOME)
    assert Happened.checked(MARCH_2, time(8, 59), now).at == time(8, 59)
    with pytest.raises(InvalidFieldError, match="in the future"):
        Happened.checked(MARCH_2, time(9, 1), now)


def test_today_is_decided_in_london_not_in_utc() -> None:
    # 00:30 BST on 1 July is still 30 June in UTC: 1 July has begun for the ward.
    now = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)
    assert Happened.checked(date(2026, 7, 1), None, now).day == date(2026, 7, 1)


def test_what_events_store_reads_back_the_same() -> None:
    for given in (Happened(MARCH_2), Happened(MARCH_2, time(7, 5))):
        assert Happened.from_data(given.as_data()) == given
    assert Happened.from_data("") is None


def test_without_a_date_a_thing_happened_when_it_was_recorded() -> None:
    recorded = utcnow()
    assert happened_at("", recorded) == recorded


def test_a_date_alone_on_the_day_recorded_is_ordered_as_recorded() -> None:
    recorded = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
    assert happened_at("2026-03-02", recorded) == recorded


def test_an_earlier_date_is_ordered_from_that_days_start_in_london() -> None:
    recorded = datetime(2026, 7, 5, 15, 0, tzinfo=UTC)
    assert happened_at("2026-07-02", recorded) == datetime(2026, 7, 1, 23, 0, tzinfo=UTC)
    assert happened_at("2026-07-02T08:15", recorded) == datetime(2026, 7, 2, 7, 15, tzinfo=UTC)


def test_a_cycle_opened_in_the_past_says_when_it_happened() -> None:
    cycle = opened(Happened(MARCH_2))
    [event] = cycle.collect_events()
    assert isinstance(event, Cycle.Opened)
    assert event.happened == "2026-03-02"


def test_a_cycle_opened_without_a_date_happened_when_recorded() -> None:
    [event] = opened().collect_events()
    assert isinstance(event, Cycle.Opened)
    assert event.happened == ""


def test_entries_and_the_decision_carry_when_they_happened() -> None:
    cycle = opened(Happened(MARCH_2))
    cycle.record_observation("Two discharged by 11", "ann", Happened(MARCH_2, time(11, 5)))
    cycle.record_reflection("Pharmacy is the bottleneck", "ann", Happened(date(2026, 3, 3)))
    cycle.compare_prediction("Home by 11?", "confirmed", "Both", "ann", Happened(MARCH_2))
    cycle.own_mistake("We forgot night shift", "ann", Happened(date(2026, 3, 3)))
    cycle.decide("adopt", "It works", None, "ann", Happened(date(2026, 3, 4)))
    said = [e.happened for e in cycle.collect_events()[1:]]  # type: ignore[attr-defined]
    assert said == ["2026-03-02T11:05", "2026-03-03", "2026-03-02", "2026-03-03", "2026-03-04"]


def test_an_entry_dated_in_the_future_is_refused_and_nothing_is_recorded() -> None:
    cycle = opened()
    cycle.collect_events()
    with pytest.raises(InvalidFieldError, match="in the future"):
        cycle.record_observation("Seen tomorrow", "ann", Happened(today() + timedelta(days=1)))
    assert cycle.collect_events() == []


def test_a_decision_dated_in_the_future_is_refused_and_the_cycle_stays_open() -> None:
    cycle = opened()
    cycle.record_observation("Seen", "ann")
    cycle.record_reflection("Learned", "ann")
    with pytest.raises(InvalidFieldError, match="in the future"):
        cycle.decide("adopt", "Works", None, "ann", Happened(today() + timedelta(days=2)))
    assert cycle.decision is None


def test_a_story_of_change_and_the_panels_choice_carry_when_they_happened() -> None:
    plan = Plan.checked("Stories from the wards", "", [("What changed?", "", "", "exploratory")])
    began = Happened(date(2025, 9, 29))  # stories are told in the cycle, not before it
    cycle = Cycle.open(uuid4(), uuid4(), 1, plan, "ann", "most_significant_change", began)
    told = Happened(date(2025, 10, 1))
    story = cycle.collect_story(
        uuid4(), "Home for tea", "Mrs P", "Dad came home", "Dignity", "b", told
    )
    cycle.choose_story(story, "It changed a life", "ann", Happened(date(2025, 10, 8)))
    said = [e.happened for e in cycle.collect_events()[1:]]  # type: ignore[attr-defined]
    assert said == ["2025-10-01", "2025-10-08"]


def test_an_entry_dated_before_its_cycle_was_opened_is_refused_beside_the_field() -> None:
    cycle = opened(Happened(MARCH_2))
    cycle.collect_events()
    with pytest.raises(InvalidFieldError) as refused:
        cycle.record_observation("Seen the week before", "ann", Happened(date(2026, 2, 23)))
    assert str(refused.value) == (
        "This cycle was opened on 2 March 2026: say when it happened, on that day or later."
    )
    assert refused.value.field == FIELD
    assert cycle.collect_events() == []


def test_the_day_a_cycle_was_opened_is_not_before_it_whatever_the_time() -> None:
    cycle = opened(Happened(MARCH_2))
    cycle.record_observation("First thing", "ann", Happened(MARCH_2, time(0, 5)))
    later = opened(Happened(MARCH_2, time(14, 0)))
    later.record_observation("That day", "ann", Happened(MARCH_2))  # a day alone may be later
    with pytest.raises(InvalidFieldError, match=r"opened on 2 March 2026 at 2:00pm: .* then or"):
        later.record_observation("That morning", "ann", Happened(MARCH_2, time(9, 0)))


def test_a_cycle_opened_as_recorded_takes_nothing_dated_before_it_was_recorded() -> None:
    cycle = opened()
    recorded = cycle.created_on.astimezone(HOME)
    with pytest.raises(InvalidFieldError, match="This cycle was opened on"):
        cycle.record_observation("Before", "ann", Happened(recorded.date() - timedelta(days=1)))
    cycle.record_observation("That day", "ann", Happened(recorded.date()))


def test_a_decision_dated_before_its_cycle_was_opened_is_refused_and_it_stays_open() -> None:
    cycle = opened(Happened(MARCH_2))
    cycle.record_observation("Seen", "ann")
    cycle.record_reflection("Learned", "ann")
    with pytest.raises(InvalidFieldError, match="This cycle was opened on 2 March 2026"):
        cycle.decide("adopt", "Works", None, "ann", Happened(date(2026, 3, 1)))
    assert cycle.decision is None


def test_a_cycle_continued_by_a_decision_is_opened_when_the_decision_happened() -> None:
    first = opened(Happened(MARCH_2))
    first.record_observation("Seen", "ann")
    learned = first.record_reflection("Learned", "ann")
    plan = Plan.checked("Criteria-led discharge, two bays", "", [("Home by 11?", "Half")])
    decided = Happened(date(2026, 3, 9))
    second = Cycle.continue_from(uuid4(), first, 2, plan, "Two bays", [learned], "ann", decided)
    with pytest.raises(InvalidFieldError, match="opened on 9 March 2026"):
        second.record_observation("Before", "ann", Happened(date(2026, 3, 8)))


def test_an_old_snapshot_that_cannot_say_when_its_cycle_was_opened_checks_nothing() -> None:
    state: dict[str, object] = {}
    Cycle.upcast_v4_v5(state)
    assert state == {"opened": None}
    cycle = opened(Happened(MARCH_2))
    cycle.opened = None
    cycle.record_observation("Long before", "ann", Happened(date(2025, 1, 1)))
