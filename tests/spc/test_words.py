"""Dates, numbers and evidence in the words a sponsor reads."""

from datetime import date

import pytest

from projections.spc import analyse, describe
from projections.spc.words import evidence, number, period_date


@pytest.mark.parametrize(
    ("period", "words"),
    [("month", "March 2025"), ("week", "the week of 3 March 2025"), ("day", "3 March 2025")],
)
def test_dates_are_written_by_the_measure_s_period(period: str, words: str) -> None:
    assert period_date(date(2025, 3, 3), period) == words  # type: ignore[arg-type]


def test_numbers_lose_trailing_zeros_and_keep_two_decimals() -> None:
    assert [number(v) for v in (19.0, 7.083333, 0.5, -0.001, 1200.0)] == [
        "19", "7.08", "0.5", "0", "1200"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("direction", "better", "words"),
    [("up", "up", "evidence of improvement"), ("down", "up", "evidence of concern"),
     ("down", "down", "evidence of improvement"), ("up", "neither", "evidence of change"),
     ("", "up", "evidence of change")],
)  # fmt: skip
def test_a_signal_is_evidence_of_improvement_or_concern_by_the_better_direction(
    direction: str, better: str, words: str
) -> None:
    assert evidence(direction, better) == words  # type: ignore[arg-type]


def test_a_measure_without_points_is_described_as_having_no_data() -> None:
    chart = analyse([])
    assert chart.kind == "run"
    assert chart.signals == []
    assert chart.variation is None
    assert describe(chart) == "No data yet."


def test_a_single_point_is_described_as_one_point_in_its_period() -> None:
    from projections.spc import Observation

    chart = analyse([Observation(date(2016, 12, 1), 43)])
    assert describe(chart).startswith("A run chart of 1 point, in December 2016. ")


def test_observations_out_of_date_order_are_refused() -> None:
    from projections.spc import Observation

    with pytest.raises(ValueError, match="date order"):
        analyse([Observation(date(2025, 2, 1), 1), Observation(date(2025, 1, 1), 2)])
