"""Steps the measures feature and the chart guides share: a group's measure, its data pasted,
recorded and corrected through the Application, its lines set, and its chart's phases."""

from typing import Any

import pytest
from flask import Flask
from pytest_bdd import given, parsers, then, when

from tests.functional.measures.tracking import Tracking, frozen_to, lines, named_day, pasted

# A person as the feature files name them: "Ann Facilitator", "Bea Okafor".
ACTOR = r"(?P<actor>[A-Z]\w+ [A-Z]\w+)"
# A month or a week as the guides name it: "September 2024", "the week of 31 March 2025".
WHEN = r"(?P<when>(?:the week of )?(?:\d{1,2} )?[A-Z][a-z]+ \d{4})"
NUMBER = r"-?\d+(?:\.\d+)?"


@pytest.fixture
def tracking(app: Flask) -> Tracking:
    """The scenario's group and measure, on the web app's own Application and read model."""
    return Tracking(app)


def define(tracking: Tracking, actor: str, **definition: Any) -> None:
    """Define the scenario's measure for its group."""
    assert tracking.group is not None, "form the group first"
    name = definition["name"]
    tracking.definition = {
        "definition": f"{name}, as the team counts it",
        "unit": "count",
        "kind": "outcome",
        "ratio": False,
        "target": None,
        "target_by": "",
        **definition,
    }
    recorded = tracking.app.define_measure(tracking.group, tracking.definition, actor)
    tracking.measure = tracking.done(recorded).id


@given(
    parsers.re(
        ACTOR + r"'s group tracks the measure \"(?P<name>[^\"]+)\", counted by "
        r"(?P<period>day|week|month), where (?P<better>up|down|neither) is better"
        r"(?:, with the target (?P<target>" + NUMBER + r"))?$"
    )
)
def tracks_measure(
    tracking: Tracking, actor: str, name: str, period: str, better: str, target: str | None
) -> None:
    tracking.group = tracking.done(tracking.app.form_group(f"{actor}'s group", name, actor)).id
    goal = None if target is None else float(target)
    define(tracking, actor, name=name, period=period, better=better, target=goal)


@given(parsers.re(ACTOR + r" has pasted (?:the .+|these \w+):$"))
@when(parsers.re(ACTOR + r" pastes these \w+:$"))
def paste(tracking: Tracking, actor: str, datatable: list[list[str]]) -> None:
    assert tracking.measure is not None
    tracking.before = tracking.latest()
    rows = pasted(datatable)
    tracking.done(tracking.app.import_points(tracking.measure, rows, "paste", actor))


@given(
    parsers.re(
        ACTOR + r" has frozen the baseline on the first (?P<count>\d+) months, "
        r"because \"(?P<reason>[^\"]+)\"$"
    ),
    converters={"count": int},
)
@when(
    parsers.re(
        ACTOR + r" freezes the baseline on the first (?P<count>\d+) months, "
        r"because \"(?P<reason>[^\"]+)\"$"
    ),
    converters={"count": int},
)
def freeze(tracking: Tracking, actor: str, count: int, reason: str) -> None:
    assert tracking.measure is not None
    tracking.done(tracking.app.freeze_baseline(tracking.measure, reason, actor, first=count))


@when(
    parsers.re(
        ACTOR + r" recalculates the limits from " + WHEN + r", because \"(?P<reason>[^\"]+)\"$"
    )
)
def recalculate(tracking: Tracking, actor: str, when: str, reason: str) -> None:
    assert tracking.measure is not None
    start = named_day(when)
    tracking.done(tracking.app.recalculate_limits(tracking.measure, start, reason, actor))


@when(parsers.re(ACTOR + r" records (?P<value>" + NUMBER + r") minutes for " + WHEN + "$"))
def record(tracking: Tracking, actor: str, value: str, when: str) -> None:
    assert tracking.measure is not None
    day = named_day(when)
    tracking.done(tracking.app.record_point(tracking.measure, day, actor, value=float(value)))


@when(
    parsers.re(
        ACTOR + r" corrects " + WHEN + r" to (?P<value>" + NUMBER + r")(?: minutes)?, "
        r"because \"(?P<reason>[^\"]+)\"$"
    )
)
def correct(tracking: Tracking, actor: str, when: str, value: str, reason: str) -> None:
    assert tracking.measure is not None
    point = tracking.point(when).id
    tracking.done(
        tracking.app.correct_point(tracking.measure, point, reason, actor, value=float(value))
    )


@when(
    parsers.re(
        ACTOR + r" leaves " + WHEN + r" out of the calculations, because \"(?P<reason>[^\"]+)\"$"
    )
)
def leave_out(tracking: Tracking, actor: str, when: str, reason: str) -> None:
    assert tracking.measure is not None
    point = tracking.point(when).id
    tracking.done(tracking.app.exclude_point(tracking.measure, point, reason, actor))


# The chart's phases


@then(parsers.parse("the chart has {count:d} phases"))
def has_phases(tracking: Tracking, count: int) -> None:
    assert len(tracking.current().phases) == count, tracking.current().phases


@then(
    parsers.re(
        r"phase (?P<number>\d+) has the (?P<centre>median|mean) (?P<value>" + NUMBER + r")"
        r"(?: and process limits (?P<lower>" + NUMBER + r") and (?P<upper>" + NUMBER + r"))?"
        r"(?:, frozen on the points to " + WHEN + r")?$"
    ),
    converters={"number": int},
)
def phase_has(
    tracking: Tracking,
    number: int,
    centre: str,
    value: str,
    lower: str | None,
    upper: str | None,
    when: str | None,
) -> None:
    chart = tracking.current()
    assert chart.kind == ("xmr" if centre == "mean" else "run"), chart.kind
    phase = chart.phases[number - 1]
    assert lines(phase) == (value, lower, upper), phase
    assert frozen_to(phase) == (named_day(when) if when else None), phase


@then(parsers.re(WHEN + r" is on the chart, marked as left out because \"(?P<reason>[^\"]+)\"$"))
def left_out(tracking: Tracking, when: str, reason: str) -> None:
    day = named_day(when)
    [charted] = [p for p in tracking.current().points if p.at == day]
    assert charted.excluded
    assert not charted.signals  # no rule counts it
    assert tracking.point(when).why_excluded == reason
