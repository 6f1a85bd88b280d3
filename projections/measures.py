"""Measures: each definition and its versions, every data point with its corrections, the
chart's baselines and phases, and the team's notes on points."""

from datetime import date
from typing import Any

from domain.measure import Measure
from projections.measure_tables import (
    measure_lines,
    measure_versions,
    measures,
    point_history,
    point_notes,
    points,
)
from projections.projection import Projection, handles
from projections.writer import Writer


class Measures(Projection):
    """The measures of every group, their points and how their charts' lines are set."""

    name = "measures"
    tables = (measures, measure_versions, points, point_history, measure_lines, point_notes)

    @handles(Measure.Defined)
    def defined(self, conn: Writer, e: Measure.Defined) -> None:
        conn.insert(
            measures,
            dict(
                id=e.originator_id,
                group_id=e.group_id,
                **_definition(e.definition),
                version=1,
                seq=e.originator_version,
                defined_by=e.actor,
                defined_at=e.timestamp,
            ),
        )
        self._version(conn, e, 1, e.definition, None, e.actor)

    @handles(Measure.DefinitionRevised)
    def revised(self, conn: Writer, e: Measure.DefinitionRevised) -> None:
        row = conn.get(measures, e.originator_id)
        assert row is not None, e.originator_id
        version = row["version"] + 1
        conn.update(
            measures,
            e.originator_id,
            {**_definition(e.definition), "version": version, "seq": e.originator_version},
        )
        self._version(conn, e, version, e.definition, e.reason, e.actor)

    @handles(Measure.PointsRecorded)
    def recorded(self, conn: Writer, e: Measure.PointsRecorded) -> None:
        _moved(conn, e)
        for p in e.points:
            conn.insert(
                points,
                dict(
                    id=p["point_id"],
                    measure_id=e.originator_id,
                    day=date.fromisoformat(p["day"]),
                    value=p["value"],
                    numerator=p["numerator"],
                    denominator=p["denominator"],
                    revision=1,
                    withdrawn=False,
                    excluded=False,
                    astronomical=False,
                    source=e.source,
                    actor=e.actor,
                    recorded_at=e.timestamp,
                ),
            )
            self._history(conn, e, p["point_id"], 1, "original", p, "", e.actor)

    @handles(Measure.PointCorrected)
    def corrected(self, conn: Writer, e: Measure.PointCorrected) -> None:
        values = dict(value=e.value, numerator=e.numerator, denominator=e.denominator)
        self._change(conn, e, e.point_id, "corrected", values, values, e.reason)

    @handles(Measure.PointWithdrawn)
    def withdrawn(self, conn: Writer, e: Measure.PointWithdrawn) -> None:
        self._change(conn, e, e.point_id, "withdrawn", {"withdrawn": True}, {}, e.reason)

    @handles(Measure.PointExcluded)
    def excluded(self, conn: Writer, e: Measure.PointExcluded) -> None:
        self._change(conn, e, e.point_id, "excluded", {"excluded": True}, {}, e.reason)

    @handles(Measure.PointIncluded)
    def included(self, conn: Writer, e: Measure.PointIncluded) -> None:
        self._change(conn, e, e.point_id, "included", {"excluded": False}, {}, e.reason)

    @handles(Measure.PointMarkedAstronomical)
    def astronomical(self, conn: Writer, e: Measure.PointMarkedAstronomical) -> None:
        self._change(conn, e, e.point_id, "astronomical", {"astronomical": True}, {}, e.reason)

    @handles(Measure.PointAnnotated)
    def annotated(self, conn: Writer, e: Measure.PointAnnotated) -> None:
        _moved(conn, e)
        conn.insert(
            point_notes,
            dict(
                id=e.note_id,
                measure_id=e.originator_id,
                point_id=e.point_id,
                text=e.text,
                actor=e.actor,
                at=e.timestamp,
            ),
        )

    @handles(Measure.BaselineFrozen)
    def frozen(self, conn: Writer, e: Measure.BaselineFrozen) -> None:
        self._line(conn, e, "baseline", e.until, e.reason, e.actor)

    @handles(Measure.LimitsRecalculated)
    def recalculated(self, conn: Writer, e: Measure.LimitsRecalculated) -> None:
        self._line(conn, e, "recalculated", e.start, e.reason, e.actor)

    @staticmethod
    def _version(
        conn: Writer,
        e: Measure.Event,
        version: int,
        definition: dict[str, Any],
        reason: str | None,
        actor: str,
    ) -> None:
        conn.insert(
            measure_versions,
            dict(
                measure_id=e.originator_id,
                version=version,
                definition=definition,
                reason=reason,
                actor=actor,
                at=e.timestamp,
            ),
        )

    def _change(
        self,
        conn: Writer,
        e: Measure.Event,
        point_id: str,
        kind: str,
        changes: dict[str, Any],
        values: dict[str, Any],
        reason: str,
    ) -> None:
        row = conn.get(points, point_id)
        if row is None:
            raise LookupError(f"No point {point_id} to change.")
        revision = row["revision"] + 1
        _moved(conn, e)
        conn.update(points, point_id, {**changes, "revision": revision})
        actor: str = getattr(e, "actor")  # noqa: B009 - every point event has one
        self._history(conn, e, point_id, revision, kind, values, reason, actor)

    @staticmethod
    def _history(
        conn: Writer,
        e: Measure.Event,
        point_id: str,
        revision: int,
        kind: str,
        values: dict[str, Any],
        reason: str,
        actor: str,
    ) -> None:
        conn.insert(
            point_history,
            dict(
                point_id=point_id,
                revision=revision,
                measure_id=e.originator_id,
                kind=kind,
                value=values.get("value"),
                numerator=values.get("numerator"),
                denominator=values.get("denominator"),
                reason=reason,
                actor=actor,
                at=e.timestamp,
            ),
        )

    @staticmethod
    def _line(
        conn: Writer, e: Measure.Event, kind: str, day: str, reason: str, actor: str
    ) -> None:
        _moved(conn, e)
        conn.insert(
            measure_lines,
            dict(
                measure_id=e.originator_id,
                seq=e.originator_version,
                kind=kind,
                day=date.fromisoformat(day),
                reason=reason,
                actor=actor,
                at=e.timestamp,
            ),
        )


def _moved(conn: Writer, e: Measure.Event) -> None:
    """The measure's last event is now this one."""
    conn.update(measures, e.originator_id, {"seq": e.originator_version})


def _definition(data: dict[str, Any]) -> dict[str, Any]:
    """The columns of rm_measures a definition sets."""
    target_by = data.get("target_by") or ""
    return dict(
        name=data["name"],
        definition=data["definition"],
        unit=data["unit"],
        kind=data["kind"],
        better=data["better"],
        period=data["period"],
        ratio=data["ratio"],
        target=data.get("target"),
        target_by=date.fromisoformat(target_by) if target_by else None,
    )
