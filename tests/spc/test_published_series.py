"""The run-chart rules on a published series: qicharts2's C. difficile infections."""

from projections.spc import Baseline, analyse, describe
from tests.spc.series import published


def test_a_baseline_on_the_first_24_months_has_median_19_and_a_15_point_run_below_it() -> None:
    observations, data = published()
    chart = analyse(
        observations, better="down", changes=[Baseline(observations[23].at)], kind="run"
    )
    assert chart.phases[0].centre == 19
    assert chart.phases[0].frozen
    shifts = [s for s in chart.signals if s.rule == "shift"]
    assert [s.points for s in shifts] == [tuple(range(21, 36))]
    assert shifts[0].direction == "down"
    assert shifts[0].words == (
        "15 points in a row below the median from August 2014 to October 2015: "
        "a shift \u2014 evidence of improvement."
    )
    assert data["median"] == 19


def test_against_the_baseline_median_there_are_too_few_crossings_too() -> None:
    observations, _ = published()
    chart = analyse(
        observations, better="down", changes=[Baseline(observations[23].at)], kind="run"
    )
    few = [s for s in chart.signals if s.rule == "few_crossings"]
    # 31 points off the median of 19, 8 crossings: qbinom(0.05, 30, 0.5) is 11.
    assert len(few) == 1
    assert "crosses the median 8 times" in few[0].words
    assert "fewer than the 11 expected at least for 31 points" in few[0].words


def test_on_the_whole_series_median_of_17_a_14_point_run_and_few_crossings() -> None:
    observations, _ = published()
    chart = analyse(observations, better="down", kind="run")
    assert chart.phases[0].centre == 17
    assert [s.points for s in chart.signals if s.rule == "shift"] == [tuple(range(22, 36))]
    few = [s for s in chart.signals if s.rule == "few_crossings"]
    assert len(few) == 1
    assert "crosses the median 6 times" in few[0].words


def test_the_series_is_long_enough_for_an_xmr_chart_unless_a_run_chart_is_asked_for() -> None:
    observations, _ = published()
    assert analyse(observations).kind == "xmr"
    asked = analyse(observations, kind="run")
    assert asked.kind == "run"
    assert "as asked" in asked.note


def test_the_text_alternative_names_the_kind_the_median_and_each_signal() -> None:
    observations, _ = published()
    chart = analyse(
        observations, better="down", changes=[Baseline(observations[23].at)], kind="run"
    )
    text = describe(chart)
    assert text.startswith("A run chart of 36 points from November 2012 to October 2015.")
    assert "median 19 (frozen on the points to October 2014)" in text
    for signal in chart.signals:
        assert signal.words in text
