"""What the measures steps share: the group and measure a scenario tracks, and its chart read
as the product reads it (the read model's points and lines, analysed by projections.spc)."""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal, cast
from uuid import UUID

from domain.application import Learnloop
from domain.errors import RowsRefusedError
from domain.service import Recorded
from projections import queries
from projections.queries.measures import MeasurePage, PointRow
from projections.spc import Baseline, Chart, Observation, Recalculation, Settings, analyse
from projections.spc.model import Better, Period, Phase
from web.services import Services

# The names the guides give the rules, and the names the rules report.
RULES = {
    "shift": "shift",
    "too few crossings": "few_crossings",
    "trend": "trend",
    "too few runs": "too_few_runs",
    "too many runs": "too_many_runs",
    "astronomical": "astronomical",
    "beyond a limit": "beyond_limit",
    "two of three": "two_of_three",
}


@dataclass
class Tracking:
    """A scenario's group, its measure and the chart last read (None once anything changes)."""

    services: Services
    group: UUID | None = None
    measure: UUID | None = None
    definition: dict[str, Any] = field(default_factory=dict)
    chart: Chart | None = None
    refused: RowsRefusedError | None = None
    before: int = 0  # the last notification before the latest command
    cycles: dict[int, UUID] = field(default_factory=dict)

    @property
    def app(self) -> Learnloop:
        """The Application the commands go to."""
        return self.services.app

    def done(self, recorded: Recorded) -> Recorded:
        """The read model caught up with a command, and the chart to be read again."""
        self.services.caught_up(recorded.notification_id)
        self.chart = None
        return recorded

    def latest(self) -> int:
        """The newest notification in the store."""
        return self.app.recorder.max_notification_id() or 0

    def page(self) -> MeasurePage:
        """The measure's page, as the read model has it."""
        assert self.measure is not None, "define a measure first"
        self.services.runner.catch_up()
        with self.services.engine.connect() as conn:
            found = queries.measure_page(conn, self.measure)
        assert found is not None
        return found

    def point(self, when: str) -> PointRow:
        """The point (not withdrawn) for a month or week, named as the guides name it."""
        day = named_day(when)
        found = [p for p in self.page().points if p.day == day and not p.withdrawn]
        assert len(found) == 1, f"no point for {when}: {[p.day for p in self.page().points]}"
        return found[0]

    def read(
        self,
        settings: Settings | None = None,
        kind: Literal["run", "xmr"] | None = None,
    ) -> Chart:
        """The chart as the product draws it: the read model's points, analysed."""
        self.chart = chart_of(self.page(), settings, kind)
        return self.chart

    def current(self) -> Chart:
        """The chart last read, or the measure's chart as it stands."""
        return self.chart if self.chart is not None else self.read()


def chart_of(
    page: MeasurePage, settings: Settings | None, kind: Literal["run", "xmr"] | None
) -> Chart:
    """A measure's chart from its page: points not withdrawn, in order, with its lines."""
    measure = page.measure
    observations = [
        Observation(p.day, p.value, excluded=p.excluded, astronomical=p.astronomical)
        for p in page.points
        if not p.withdrawn
    ]
    changes = [
        Baseline(line.day) if line.kind == "baseline" else Recalculation(line.day)
        for line in page.lines
    ]
    return analyse(
        observations,
        better=cast(Better, measure.better),  # the domain checks both
        target=measure.target,
        changes=changes,
        settings=settings,
        period=cast(Period, measure.period),
        kind=kind,
    )


def named_day(when: str) -> date:
    """'September 2024' or 'the week of 31 March 2025' as the first day of its period."""
    text = when.removeprefix("the week of ").strip()
    for form in ("%B %Y", "%d %B %Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise AssertionError(f"not a month or week: {when!r}")


def pasted(datatable: list[list[str]]) -> str:
    """A table as a spreadsheet pastes it: tab-separated lines, its heading first."""
    return "\n".join("\t".join(cell.strip() for cell in row) for row in datatable)


def figure(value: float) -> str:
    """A number as the feature files write it: 12, 12.5, 36.7."""
    return f"{round(value, 2):g}"


def lines(phase: Phase) -> tuple[str | None, str | None, str | None]:
    """A phase's centre line and limits as the feature files write them (None: no limits)."""
    centre, lower, upper = (
        None if v is None else figure(v) for v in (phase.centre, phase.lower, phase.upper)
    )
    return centre, lower, upper


def frozen_to(phase: Phase) -> date | None:
    """The date a phase's lines are frozen to, or None if they are not frozen."""
    assert phase.frozen == (phase.until is not None), phase
    return phase.until
