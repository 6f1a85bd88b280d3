"""The XmR rules on series worked out by hand.

The baseline throughout: 16 weeks alternating 10 and 12. Its mean is 11, every moving
range is 2, so the limits are 11 ± 2.66 times 2 = 5.68 and 16.32, and two thirds of the way
to them lie 11 ± 3.5467 = 7.4533 and 14.5467. Points after it are judged on those lines.
"""

import pytest

from projections.spc import Baseline, Recalculation, Settings, analyse, describe
from projections.spc.model import Better
from tests.spc.series import week, weekly

BASELINE = [10.0, 12.0] * 8


def judged(
    after: list[float], better: Better = "up", **kw: object
) -> list[tuple[str, tuple[int, ...], str]]:
    """The signals on the baseline then `after`, judged against the frozen baseline."""
    chart = analyse(
        weekly(BASELINE + after),
        better=better,
        changes=[Baseline(week(15))],
        period="week",
        **kw,  # type: ignore[arg-type]
    )
    return [(s.rule, s.points, s.direction) for s in chart.signals]


def test_the_baseline_alone_has_mean_11_limits_5_68_and_16_32_and_no_signal() -> None:
    chart = analyse(weekly(BASELINE), better="up", target=5, period="week")
    assert chart.kind == "xmr"
    phase = chart.phases[0]
    assert phase.centre == 11
    assert phase.lower == pytest.approx(5.68)
    assert phase.upper == pytest.approx(16.32)
    assert chart.signals == []
    assert chart.variation == "common_cause"
    assert chart.points[1].moving_range == 2


def test_a_point_above_the_upper_limit_signals() -> None:
    assert judged([17]) == [("beyond_limit", (16,), "up")]


def test_a_point_just_inside_the_limit_does_not() -> None:
    assert judged([16]) == []


def test_seven_points_above_the_mean_are_a_shift_and_six_are_not() -> None:
    # The baseline ends above the mean (12): a point below it first.
    assert judged([9, *[13] * 7]) == [("shift", tuple(range(17, 24)), "up")]
    assert judged([9, *[13] * 6, 9]) == []


def test_the_shift_length_is_a_setting() -> None:
    six = [("shift", tuple(range(17, 23)), "up")]
    assert judged([9, *[13] * 6, 9], settings=Settings(shift=6)) == six


def test_seven_points_each_higher_than_the_one_before_are_a_trend_and_a_repeat_breaks_it() -> None:
    # 8 to 14: below, on and above the mean, none beyond two thirds of the way.
    assert judged([8, 9, 10, 11, 12, 13, 14]) == [("trend", tuple(range(16, 23)), "up")]
    assert judged([8, 9, 10, 10, 11, 12, 13]) == []


def test_two_of_three_points_beyond_two_thirds_of_the_way_to_a_limit_signal() -> None:
    assert judged([15, 11, 15]) == [("two_of_three", (16, 18), "up")]
    assert judged([15, 11, 11, 15]) == []


def test_two_of_three_below_is_concern_when_better_is_up() -> None:
    chart = analyse(
        weekly([*BASELINE, 7, 11, 7]), better="up", changes=[Baseline(week(15))], period="week"
    )
    assert [s.rule for s in chart.signals] == ["two_of_three"]
    assert chart.points[16].variation == "concern"
    assert chart.points[17].variation == "common_cause"
    assert chart.signals[0].words.endswith("evidence of concern.")


def test_an_excluded_point_is_drawn_but_left_out_of_every_calculation() -> None:
    values = [*BASELINE[:8], 40.0, *BASELINE[8:]]
    chart = analyse(weekly(values, excluded=[8]), better="up")
    assert chart.phases[0].centre == 11
    assert chart.phases[0].upper == pytest.approx(16.32)
    assert chart.signals == []
    assert chart.points[8].excluded
    assert chart.points[8].moving_range is None
    assert chart.points[9].moving_range == 2


def test_recalculating_from_a_date_gives_the_new_phase_its_own_lines() -> None:
    values = BASELINE + [20.0, 22.0] * 8
    whole = analyse(weekly(values), better="up")
    assert any(s.rule == "shift" for s in whole.signals)
    chart = analyse(weekly(values), better="up", changes=[Recalculation(week(16))])
    assert [(p.start, p.end, p.centre) for p in chart.phases] == [(0, 15, 11), (16, 31, 21)]
    assert chart.phases[1].lower == pytest.approx(15.68)
    assert chart.signals == []


def test_a_baseline_in_a_later_phase_freezes_that_phase_only() -> None:
    values = BASELINE + [20.0, 22.0] * 8 + [30.0]
    chart = analyse(
        weekly(values), changes=[Recalculation(week(16)), Baseline(week(31))], period="week"
    )
    assert not chart.phases[0].frozen
    assert chart.phases[1].frozen
    assert chart.phases[1].centre == 21
    assert [s.rule for s in chart.signals] == ["beyond_limit"]


@pytest.mark.parametrize(
    ("better", "target", "assurance"),
    [("up", 5, "met"), ("up", 17, "not_met"), ("up", 11, "hit_and_miss"),
     ("down", 17, "met"), ("down", 5, "not_met"), ("neither", 5, None), ("up", None, None)],
)  # fmt: skip
def test_assurance_against_the_target_follows_the_limits(
    better: str, target: float | None, assurance: str | None
) -> None:
    chart = analyse(weekly(BASELINE), better=better, target=target)  # type: ignore[arg-type]
    assert chart.assurance == assurance


def test_a_signal_when_neither_direction_is_better_is_neutral_evidence_of_change() -> None:
    chart = analyse(weekly([*BASELINE, 17]), better="neither", changes=[Baseline(week(15))])
    assert chart.variation == "neutral"
    assert chart.signals[0].words.endswith("evidence of change.")


def test_the_words_give_the_week_the_value_and_the_limit() -> None:
    chart = analyse(
        weekly([*BASELINE, 17]), better="down", changes=[Baseline(week(15))], period="week"
    )
    assert chart.signals[0].words == (
        "17 in the week of 28 April 2025 is above the upper process limit (16.32): "
        "a point beyond a limit \u2014 evidence of concern."
    )
    text = describe(chart)
    assert (
        "mean 11, process limits 5.68 to 16.32 (frozen on the points to the week of 21 April 2025)"
        in text
    )
    assert chart.signals[0].words in text


def test_without_signals_the_text_alternative_says_only_common_cause_variation() -> None:
    assert "No signals: only common-cause variation." in describe(analyse(weekly(BASELINE)))
