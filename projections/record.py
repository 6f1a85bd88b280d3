"""The cycle record: every entry of a cycle and every version of its plan."""

import sqlalchemy as sa

from domain.cycle import OBSERVATION, REFLECTION, Cycle
from projections.projection import Projection, handles
from projections.tables import entries, plan_citations, plan_versions


class CycleRecord(Projection):
    """Entries in the order they were made, and the plan's versions with what they cite."""

    name = "cycle_record"
    tables = (entries, plan_versions, plan_citations)

    @handles(Cycle.Opened)
    def opened(self, conn: sa.Connection, e: Cycle.Opened) -> None:
        conn.execute(
            plan_versions.insert().values(
                cycle_id=e.originator_id,
                version=1,
                change=None,
                actor=e.actor,
                at=e.timestamp,
                **_plan_columns(e.plan),
            )
        )

    @handles(Cycle.ObservationRecorded)
    def observed(self, conn: sa.Connection, e: Cycle.ObservationRecorded) -> None:
        self._entry(conn, e, OBSERVATION, e.entry_id, e.text, e.actor)

    @handles(Cycle.ReflectionRecorded)
    def reflected(self, conn: sa.Connection, e: Cycle.ReflectionRecorded) -> None:
        self._entry(conn, e, REFLECTION, e.entry_id, e.text, e.actor)

    @handles(Cycle.PlanRevised)
    def revised(self, conn: sa.Connection, e: Cycle.PlanRevised) -> None:
        conn.execute(
            plan_versions.insert().values(
                cycle_id=e.originator_id,
                version=e.version,
                change=e.change,
                actor=e.actor,
                at=e.timestamp,
                **_plan_columns(e.plan),
            )
        )
        if e.cites:
            conn.execute(
                plan_citations.insert(),
                [
                    {"cycle_id": e.originator_id, "version": e.version, "entry_id": c}
                    for c in e.cites
                ],
            )

    @staticmethod
    def _entry(
        conn: sa.Connection, e: Cycle.Event, kind: str, entry_id: object, text: str, actor: str
    ) -> None:
        conn.execute(
            entries.insert().values(
                id=entry_id,
                cycle_id=e.originator_id,
                kind=kind,
                text=text,
                actor=actor,
                recorded_at=e.timestamp,
                seq=e.originator_version,
            )
        )


def _plan_columns(plan: dict[str, object]) -> dict[str, object]:
    return {
        "objective": plan["objective"],
        "plan_text": plan["plan_text"],
        "questions": plan["questions"],
    }
