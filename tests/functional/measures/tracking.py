"""What the measures steps share: the group and measure a scenario tracks, and its chart as
the measure's page draws it (the read model's points, lines and marks, analysed by
projections.spc by the installation's rules)."""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal
from uuid import UUID

from flask import Flask

from domain.application import Learnloop
from domain.errors import RowsRefusedError
from domain.service import Recorded
from projections import queries
from projections.queries.measures import MeasurePage, PointRow
from projections.spc import Chart, Phase, Settings
from web.charts import Drawing
from web.measure_charts import KEY as SETTINGS
from web.measure_charts import measure_chart
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

    flask: Flask
    group: UUID | None = None
    measure: UUID | None = None
    definition: dict[str, Any] = field(default_factory=dict)
    chart: Chart | None = None
    drawn: Drawing | None = None
    refused: RowsRefusedError | None = None
    before: int = 0  # the last notification before the latest command
    cycles: dict[int, UUID] = field(default_factory=dict)

    @property
    def services(self) -> Services:
        """The web app's Application, read model and runner."""
        found: Services = self.flask.extensions["learnloop"]
        return found

    @property
    def app(self) -> Learnloop:
        """The Application the commands go to."""
        return self.services.app

    def done(self, recorded: Recorded) -> Recorded:
        """The read model caught up with a command, and the chart to be read again."""
        self.services.caught_up(recorded.notification_id)
        self.chart = self.drawn = None
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
        self, settings: Settings | None = None, kind: Literal["run", "xmr"] | None = None
    ) -> Chart:
        """The chart as the measure's page draws it, by the installation's rules or these."""
        page = self.page()
        chosen = self.flask.extensions[SETTINGS]
        self.flask.extensions[SETTINGS] = settings or chosen
        try:
            with self.flask.test_request_context():
                shown = measure_chart(page.measure, page.points, page.lines, page.marks, kind)
        finally:
            self.flask.extensions[SETTINGS] = chosen
        self.chart, self.drawn = shown.chart, shown.drawing
        return shown.chart

    def current(self) -> Chart:
        """The chart last read, or the measure's chart as it stands."""
        return self.chart if self.chart is not None else self.read()

    def drawing(self) -> Drawing:
        """The drawing of the chart last read (read now if nothing is)."""
        self.current()
        assert self.drawn is not None
        return self.drawn


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
