"""What can be proved about the rules, checked on many series (hypothesis)."""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from projections.spc import Settings, analyse
from projections.spc.runs import crossings, runs, stretches
from tests.spc.series import weekly

# Nothing written into the working tree; no deadline on a shared machine.
QUIET = settings(database=None, deadline=None)
values = st.lists(st.integers(-50, 50).map(float), min_size=1, max_size=60)
centres = st.integers(-50, 50).map(lambda c: c + 0.5) | st.integers(-50, 50).map(float)


def items(series: list[float]) -> list[tuple[int, float]]:
    """A series as (index, value) pairs."""
    return list(enumerate(series))


def sign_changes(series: list[float], centre: float) -> int:
    """Crossings counted another way: changes of side, points on the centre skipped."""
    sides = [(v > centre) - (v < centre) for v in series if v != centre]
    return sum(a != b for a, b in itertools.pairwise(sides))


@QUIET
@given(values, centres)
def test_crossings_plus_one_is_the_number_of_runs(series: list[float], centre: float) -> None:
    found = runs(items(series), centre)
    if found:
        assert crossings(found) + 1 == len(found)
    assert crossings(found) == sign_changes(series, centre)


@QUIET
@given(st.integers(2, 40), st.booleans(), st.booleans())
def test_a_strictly_monotone_series_of_k_points_is_one_trend_of_k(
    k: int, rising: bool, skip: bool
) -> None:
    series = [float(i if rising else -i) for i in range(k)]
    [stretch] = stretches(items(series), skip_ties=skip)
    assert stretch.length == k
    assert stretch.points == tuple(range(k))
    assert stretch.direction == (1 if rising else -1)


@QUIET
@given(st.integers(15, 40), st.booleans(), st.sampled_from([6, 7, 8]))
def test_a_monotone_xmr_series_signals_one_trend_of_all_its_points(
    k: int, rising: bool, trend: int
) -> None:
    chart = analyse(
        weekly([float(i if rising else -i) for i in range(k)]), settings=Settings(trend=trend)
    )
    trends = [s for s in chart.signals if s.rule == "trend"]
    assert [s.points for s in trends] == [tuple(range(k))]
    assert trends[0].words.startswith(f"{k} points in a row")


@QUIET
@given(
    st.lists(st.integers(0, 30).map(float), min_size=1, max_size=40),
    st.integers(-1000, 1000),
    st.sampled_from(["anhoej", "ihi"]),
)
def test_adding_a_constant_moves_the_lines_by_it_and_changes_no_signal(
    series: list[float], constant: int, run_rules: str
) -> None:
    settings = Settings(run_rules=run_rules)  # type: ignore[arg-type]
    before = analyse(weekly(series), settings=settings)
    after = analyse(weekly([v + constant for v in series]), settings=settings)
    for old, new in zip(before.phases, after.phases, strict=True):
        for a, b in ((old.centre, new.centre), (old.lower, new.lower), (old.upper, new.upper)):
            assert (a is None) == (b is None)
            if a is not None and b is not None:
                assert abs(b - (a + constant)) < 1e-9
    assert [(s.rule, s.points, s.direction) for s in after.signals] == [
        (s.rule, s.points, s.direction) for s in before.signals
    ]


@QUIET
@given(values, centres)
def test_a_reversed_series_has_the_same_longest_run_and_crossings(
    series: list[float], centre: float
) -> None:
    forward = runs(items(series), centre)
    backward = runs(items(series[::-1]), centre)
    assert crossings(forward) == crossings(backward)
    assert max((len(r.points) for r in forward), default=0) == max(
        (len(r.points) for r in backward), default=0
    )


@QUIET
@given(
    st.lists(st.integers(0, 30).map(float), min_size=15, max_size=40),
    st.integers(0, 14),
    st.floats(-1e6, 1e6),
)
def test_an_excluded_point_changes_no_line_and_no_signal(
    series: list[float], at: int, value: float
) -> None:
    before = analyse(weekly(series), better="up")
    after = analyse(weekly([*series[:at], value, *series[at:]], excluded=[at]), better="up")
    assert [(p.centre, p.lower, p.upper) for p in after.phases] == [
        (p.centre, p.lower, p.upper) for p in before.phases
    ]
    moved = [tuple(i + (i >= at) for i in s.points) for s in before.signals]
    assert [s.points for s in after.signals] == moved
    assert [s.rule for s in after.signals] == [s.rule for s in before.signals]
