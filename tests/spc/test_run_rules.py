"""The run-chart rules, Anhøj's and the IHI's, on series small enough to check by hand."""

import pytest

from projections.spc import Settings, analyse
from projections.spc.runs import anhoej_crossings_limit, anhoej_longest_run_limit, ihi_runs_limits
from tests.spc.series import weekly

IHI = Settings(run_rules="ihi")


def rules(values: list[float], settings: Settings | None = None, **kw: object) -> list[str]:
    """The rules that signal on a weekly series."""
    return [s.rule for s in analyse(weekly(values), settings=settings, **kw).signals]  # type: ignore[arg-type]


def test_fewer_than_15_points_make_a_run_chart_and_the_note_says_why() -> None:
    chart = analyse(weekly([1, 9] * 7))
    assert chart.kind == "run"
    assert chart.note == "Fewer than 15 points: a run chart (an SPC chart needs at least 15)."


def test_anhoej_limits_are_computed_as_the_published_formulas_give() -> None:
    # round(log2(n)) + 3 and R's qbinom(0.05, n - 1, 0.5), worked out by hand.
    assert [anhoej_longest_run_limit(n) for n in (10, 24, 31, 100)] == [6, 8, 8, 10]
    # n = 10: P(X <= 1) = 10/512 < 0.05 <= P(X <= 2) = 46/512.
    assert anhoej_crossings_limit(10) == 2
    assert anhoej_crossings_limit(31) == 11


def test_anhoej_one_crossing_in_ten_points_is_too_few() -> None:
    # Median 5; five points below then five above: one crossing, fewer than 2.
    assert rules([1, 2, 1, 2, 1, 9, 8, 9, 8, 9]) == ["few_crossings"]


def test_anhoej_a_series_that_alternates_about_its_median_does_not_signal() -> None:
    assert rules([1, 9] * 6) == []


def test_ihi_runs_limits_reproduce_the_published_table() -> None:
    # Perla, Provost & Murray (2011), Table 1, as the brief quotes it.
    assert ihi_runs_limits(10) == (3, 9)
    assert ihi_runs_limits(20) == (6, 16)


def test_ihi_runs_limits_are_symmetric_about_the_expected_number_of_runs_for_even_n() -> None:
    for n in range(10, 61, 2):
        lower, upper = ihi_runs_limits(n)
        assert lower + upper == n + 2


def test_ihi_six_points_on_each_side_are_two_shifts_and_too_few_runs() -> None:
    # Median 5: six below, six above; 2 runs, fewer than the 3 of the table for 12 points.
    assert rules([1, 2, 1, 2, 1, 2, 9, 8, 9, 8, 9, 8], IHI) == ["shift", "shift", "too_few_runs"]


def test_ihi_a_series_with_seven_runs_of_twelve_points_does_not_signal() -> None:
    assert rules([1, 9, 9, 1] * 3, IHI) == []


def test_ihi_alternating_twelve_points_are_too_many_runs() -> None:
    # 12 runs, more than the 11 of the table for 12 points.
    assert rules([1, 9] * 6, IHI) == ["too_many_runs"]


def test_ihi_five_rising_points_are_a_trend_and_a_repeated_value_neither_makes_nor_breaks_it() -> (
    None
):
    chart = analyse(weekly([6, 1, 2, 2, 3, 4, 5, 9, 1, 9, 1]), settings=IHI, better="up")
    trends = [s for s in chart.signals if s.rule == "trend"]
    assert [s.points for s in trends] == [(1, 2, 3, 4, 5, 6, 7)]
    assert trends[0].words.startswith("6 points in a row, each higher than the one before")
    assert "(repeated values skipped)" in trends[0].words
    assert trends[0].words.endswith("evidence of improvement.")


def test_ihi_four_rising_points_with_a_repeat_are_no_trend() -> None:
    assert "trend" not in rules([6, 1, 2, 2, 3, 4, 1, 9, 1, 9], IHI)


def test_ihi_a_point_the_team_marked_is_an_astronomical_point() -> None:
    chart = analyse(
        weekly([1, 9, 9, 1] * 3, marked=[1]), settings=IHI, better="down", period="week"
    )
    assert [(s.rule, s.points, s.direction) for s in chart.signals] == [
        ("astronomical", (1,), "up")
    ]
    assert chart.signals[0].words == (
        "9 in the week of 13 January 2025, marked by the team as astronomical: "
        "an astronomical point \u2014 evidence of concern."
    )


def test_marking_a_point_astronomical_changes_nothing_under_anhoej() -> None:
    assert analyse(weekly([1, 9] * 6, marked=[1])).signals == []


@pytest.mark.parametrize("length", [5, 9])
def test_shift_and_trend_lengths_outside_6_to_8_are_refused(length: int) -> None:
    with pytest.raises(ValueError, match="6 to 8"):
        Settings(shift=length)
    with pytest.raises(ValueError, match="6 to 8"):
        Settings(trend=length)
