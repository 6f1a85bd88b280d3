"""The guides to reading charts, as specifications: each series built through the Application,
read back from the read model and analysed by the rules, as the product does."""

import re
from datetime import date

from pytest_bdd import parsers, scenarios, then, when

from projections.spc import Chart, Settings, Signal
from tests.functional.measures.conftest import ACTOR, NUMBER, WHEN
from tests.functional.measures.tracking import RULES, Tracking, frozen_to, lines, named_day
from tests.functional.pilot import with_headings

scenarios("charts/reading_a_run_chart.feature", "charts/reading_an_spc_chart.feature")

RUN_RULES = {"Anhøj's": "anhoej", "the IHI": "ihi"}
VARIATION = {
    "common-cause variation": "common_cause",
    "special-cause variation: improvement": "improvement",
    "special-cause variation: concern": "concern",
}
ASSURANCE = {"met": "met", "not met": "not_met", "hit and miss": "hit_and_miss"}


# Reading


@when(parsers.re(r"the run chart is read with (?P<rules>Anhøj's|the IHI) rules$"))
def read_run_chart(tracking: Tracking, rules: str) -> None:
    tracking.read(Settings(run_rules=RUN_RULES[rules]), kind="run")  # type: ignore[arg-type]


@when(parsers.re(r"the SPC chart is read(?: counting shifts of (?P<shift>\d) points)?$"))
def read_spc_chart(tracking: Tracking, shift: str | None) -> None:
    settings = Settings(shift=int(shift)) if shift else Settings()
    assert tracking.read(settings).kind == "xmr", tracking.current().note


@when(parsers.re(ACTOR + r" marks " + WHEN + r" as astronomical, because \"(?P<reason>[^\"]+)\"$"))
def mark_astronomical(tracking: Tracking, actor: str, when: str, reason: str) -> None:
    assert tracking.measure is not None
    point = tracking.point(when).id
    tracking.done(tracking.app.mark_astronomical(tracking.measure, point, reason, actor))


@when(
    parsers.re(
        ACTOR + r" sets the target to (?P<target>" + NUMBER + r") minutes, "
        r"because \"(?P<reason>[^\"]+)\"$"
    )
)
def set_target(tracking: Tracking, actor: str, target: str, reason: str) -> None:
    assert tracking.measure is not None
    revised = {**tracking.definition, "target": float(target)}
    tracking.done(tracking.app.revise_measure(tracking.measure, revised, reason, actor))


# What the chart shows


@then(
    parsers.re(
        r"the median is (?P<value>" + NUMBER + r")(?:, frozen on the points to " + WHEN + r")?$"
    )
)
def median_is(tracking: Tracking, value: str, when: str | None) -> None:
    chart = tracking.current()
    assert chart.kind == "run", chart.kind
    [phase] = chart.phases
    assert lines(phase) == (value, None, None), phase
    assert frozen_to(phase) == (named_day(when) if when else None), phase


@then(
    parsers.re(
        r"it is an SPC chart with the mean (?P<mean>" + NUMBER + r") and process limits "
        r"(?P<lower>" + NUMBER + r") and (?P<upper>" + NUMBER + r")$"
    )
)
def spc_chart(tracking: Tracking, mean: str, lower: str, upper: str) -> None:
    chart = tracking.current()
    assert chart.kind == "xmr", chart.note
    [phase] = chart.phases
    assert lines(phase) == (mean, lower, upper), phase


@then("the chart shows no signals")
def no_signals(tracking: Tracking) -> None:
    assert tracking.current().signals == [], [s.words for s in tracking.current().signals]


@then("the chart shows these signals:")
def these_signals(tracking: Tracking, datatable: list[list[str]]) -> None:
    chart = tracking.current()
    expected = sorted(
        (RULES[row["Signal"]], row["Points"], row["Evidence of"])
        for row in with_headings(datatable)
    )
    found = sorted((s.rule, _points(chart, s), _evidence(chart, s)) for s in chart.signals)
    assert found == expected, [s.words for s in chart.signals]


@then(parsers.parse('the chart says "{words}"'))
def chart_says(tracking: Tracking, words: str) -> None:
    said = [s.words for s in tracking.current().signals]
    assert words in said, said
    assert words in tracking.drawing().desc  # the chart's text alternative says it too


@then(
    parsers.re(
        r"the latest month shows (?P<variation>common-cause variation|"
        r"special-cause variation: (?:improvement|concern))$"
    )
)
def latest_variation(tracking: Tracking, variation: str) -> None:
    assert tracking.current().variation == VARIATION[variation]


@then(parsers.re(r"against its target the chart says (?P<assurance>met|not met|hit and miss)$"))
def against_target(tracking: Tracking, assurance: str) -> None:
    chart = tracking.current()
    assert chart.assurance == ASSURANCE[assurance], (chart.assurance, chart.phases)


def _points(chart: Chart, signal: Signal) -> str:
    """The points a signal names, as the guides write them: "A to B" for every point that
    counts from A to B, "A and B" for those two alone, "A" for one. A signal of the whole
    series (too few crossings or runs) names no points: its words say what it spans."""
    if not signal.points:
        spans = re.findall(r"from (.+?) to (.+?)(?:,|:)", signal.words)
        assert spans, signal.words
        return f"{spans[0][0]} to {spans[0][1]}"
    dates = [chart.points[i].at for i in signal.points]
    first, last = _phrase(chart, dates[0]), _phrase(chart, dates[-1])
    counted = [p.index for p in chart.points if not p.excluded and dates[0] <= p.at <= dates[-1]]
    if len(dates) == 1:
        return first
    if list(signal.points) == counted:
        return f"{first} to {last}"
    return " and ".join(_phrase(chart, d) for d in dates)


def _phrase(chart: Chart, day: date) -> str:
    """A point's date as the guides write it."""
    if chart.period == "week":
        return f"the week of {day.day} {day:%B %Y}"
    return f"{day:%B %Y}"


def _evidence(chart: Chart, signal: Signal) -> str:
    """What a signal is evidence of, by which way is better."""
    if not signal.direction or chart.better == "neither":
        return "change"
    return "improvement" if signal.direction == chart.better else "concern"
