"""Moments typed and read in UK time: what ?as_of= means and how a moment is said."""

import os
import subprocess
import sys
from datetime import UTC, date, datetime

import pytest

from domain.clock import zone
from web.moments import (
    as_of_value,
    happened_words,
    just_after,
    machine_time,
    parse_moment,
    reader_clock,
    reader_date,
    reader_day,
    reader_time,
    uk_moment,
    utc_aside,
    zone_words,
)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("2026-12-02T17:22", datetime(2026, 12, 2, 17, 22, tzinfo=UTC)),  # GMT: UK is UTC
        ("2026-07-02T17:22", datetime(2026, 7, 2, 16, 22, tzinfo=UTC)),  # BST: an hour ahead
        ("2026-07-02T17:22:05", datetime(2026, 7, 2, 16, 22, 5, tzinfo=UTC)),
        ("2026-07-02", datetime(2026, 7, 2, 23, 0, tzinfo=UTC)),  # the end of the UK day
        ("2026-12-02", datetime(2026, 12, 3, 0, 0, tzinfo=UTC)),
        # 01:30 happened twice when the clocks went back: the later, so a link includes its event.
        ("2026-10-25T01:30", datetime(2026, 10, 25, 1, 30, tzinfo=UTC)),
    ],
)
def test_a_typed_moment_is_read_as_uk_time(typed: str, meant: datetime) -> None:
    assert parse_moment(typed) == meant


@pytest.mark.parametrize(
    "typed",
    ["", "2026-12-02T17", "2026-12-02T17:22Z", "2026-12-02 17:22", "02/12/2026"],
)
def test_anything_else_is_not_a_moment(typed: str) -> None:
    assert parse_moment(typed) is None


def test_a_moment_goes_back_into_a_link_as_it_was_typed() -> None:
    for typed in ("2026-07-02T17:22", "2026-07-02T17:22:05", "2026-10-25T01:30"):
        moment = parse_moment(typed)
        assert moment is not None
        assert as_of_value(moment) == typed


def test_just_after_is_the_next_whole_second_even_on_the_second() -> None:
    assert just_after(datetime(2026, 12, 2, 17, 22, 5, 300, tzinfo=UTC)) == "2026-12-02T17:22:06"
    assert just_after(datetime(2026, 12, 2, 17, 22, 5, tzinfo=UTC)) == "2026-12-02T17:22:06"
    assert just_after(datetime(2026, 12, 2, 17, 22, 59, 1)) == "2026-12-02T17:23"  # naive: UTC


def test_a_moment_is_said_in_uk_words() -> None:
    assert uk_moment(datetime(2026, 12, 2, 17, 22, tzinfo=UTC)) == "5:22pm on 2 December 2026"
    assert uk_moment(datetime(2026, 7, 2, 11, 5, 9, tzinfo=UTC)) == "12:05:09pm on 2 July 2026"
    assert uk_moment(datetime(2026, 12, 2, 0, 30, tzinfo=UTC)) == "12:30am on 2 December 2026"
    assert uk_moment(datetime(2026, 7, 2, 23, 0, tzinfo=UTC)) == "the end of 2 July 2026"


def test_the_utc_time_is_added_only_when_uk_time_differs() -> None:
    assert utc_aside(datetime(2026, 12, 2, 17, 22, tzinfo=UTC)) == ""
    assert utc_aside(datetime(2026, 7, 2, 16, 22, tzinfo=UTC)) == " (16:22 UTC)"


@pytest.mark.parametrize(
    ("happened", "recorded", "said"),
    [
        ("", datetime(2026, 3, 5, 9, tzinfo=UTC), ""),
        ("2026-03-05", datetime(2026, 3, 5, 9, tzinfo=UTC), ""),
        ("2026-03-05T09:00", datetime(2026, 3, 5, 9, tzinfo=UTC), ""),
        (
            "2026-03-02",
            datetime(2026, 3, 5, 9, tzinfo=UTC),
            "happened on 2 March 2026, recorded on 5 March 2026",
        ),
        (
            "2026-07-05T07:15",
            datetime(2026, 7, 5, 13, 30, tzinfo=UTC),  # 2:30pm BST
            "happened on 5 July 2026 at 7:15am, recorded at 2:30pm",
        ),
    ],
)
def test_when_it_happened_is_said_only_where_it_differs_from_when_recorded(
    happened: str, recorded: datetime, said: str
) -> None:
    assert happened_words(happened, recorded) == said


def test_a_moment_falls_on_its_uk_day_though_utc_is_still_on_the_day_before() -> None:
    # 3 April 2017 began at 23:00 UTC on the 2nd (BST); SQLite hands back naive UTC times.
    assert reader_date(datetime(2017, 4, 2, 23, 0, tzinfo=UTC)) == date(2017, 4, 3)
    assert reader_date(datetime(2017, 4, 2, 23, 0)) == date(2017, 4, 3)
    assert reader_date(datetime(2017, 1, 9, 0, 0, tzinfo=UTC)) == date(2017, 1, 9)  # GMT


def test_a_moment_reads_as_a_uk_reader_writes_it_in_uk_time_with_utc_for_machines() -> None:
    summer = datetime(2026, 7, 2, 16, 22, 5, tzinfo=UTC)  # 5:22pm BST
    winter = datetime(2026, 12, 2, 0, 5)  # naive, as SQLite gives it back: UTC
    assert reader_time(summer) == "2 July 2026, 5:22pm"
    assert reader_time(winter) == "2 December 2026, 12:05am"
    assert reader_day(datetime(2026, 6, 30, 23, 30, tzinfo=UTC)) == "1 July 2026"
    assert reader_clock(summer) == "5:22pm"
    assert machine_time(summer) == "2026-07-02T16:22:05Z"
    assert machine_time(winter) == "2026-12-02T00:05:00Z"


def test_a_setting_that_is_not_a_time_zone_is_refused_by_name() -> None:
    assert zone("Europe/Dublin").key == "Europe/Dublin"
    for wrong in ("Europe/Atlantis", "", "../etc/passwd"):
        with pytest.raises(ValueError, match="LEARNLOOP_TIMEZONE must be a time zone"):
            zone(wrong)


def test_the_app_will_not_start_in_a_time_zone_that_does_not_exist() -> None:
    env = {**os.environ, "LEARNLOOP_TIMEZONE": "Europe/Atlantis"}
    started = subprocess.run(
        [sys.executable, "-c", "import web"], env=env, capture_output=True, text=True, check=False
    )
    assert started.returncode != 0
    assert "LEARNLOOP_TIMEZONE must be a time zone such as Europe/London" in started.stderr


def test_pages_name_the_zone_they_show_times_in() -> None:
    assert zone_words() == "UK time"  # the default, Europe/London
    env = {**os.environ, "LEARNLOOP_TIMEZONE": "Europe/Dublin"}
    said = subprocess.run(
        [sys.executable, "-c", "from web.moments import zone_words; print(zone_words())"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert said.stdout.strip() == "Europe/Dublin time"
