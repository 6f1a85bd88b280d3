"""The group directory: groups and their cycles, with each cycle's phase."""

import sqlalchemy as sa

from domain.cycle import ACT, PLAN, REFLECT, Cycle
from domain.group import PilotGroup
from projections.projection import Projection, handles
from projections.tables import cycles, groups


class GroupDirectory(Projection):
    """Lists groups and the cycles each has opened."""

    name = "group_directory"
    tables = (groups, cycles)

    @handles(PilotGroup.Formed)
    def formed(self, conn: sa.Connection, e: PilotGroup.Formed) -> None:
        conn.execute(
            groups.insert().values(
                id=e.originator_id,
                name=e.name,
                aim=e.aim,
                formed_by=e.actor,
                formed_at=e.timestamp,
                cycle_count=0,
            )
        )

    @handles(PilotGroup.CycleAdded)
    def cycle_added(self, conn: sa.Connection, e: PilotGroup.CycleAdded) -> None:
        conn.execute(
            groups.update().where(groups.c.id == e.originator_id).values(cycle_count=e.number)
        )

    @handles(Cycle.Opened)
    def opened(self, conn: sa.Connection, e: Cycle.Opened) -> None:
        conn.execute(
            cycles.insert().values(
                id=e.originator_id,
                group_id=e.group_id,
                number=e.number,
                objective=e.plan["objective"],
                phase=PLAN,
                plan_version=1,
                opened_by=e.actor,
                opened_at=e.timestamp,
                last_activity_at=e.timestamp,
            )
        )

    @handles(Cycle.ObservationRecorded)
    def observed(self, conn: sa.Connection, e: Cycle.ObservationRecorded) -> None:
        self._touch(conn, e, phase=ACT)

    @handles(Cycle.ReflectionRecorded)
    def reflected(self, conn: sa.Connection, e: Cycle.ReflectionRecorded) -> None:
        self._touch(conn, e, phase=REFLECT)

    @handles(Cycle.PlanRevised)
    def revised(self, conn: sa.Connection, e: Cycle.PlanRevised) -> None:
        self._touch(
            conn,
            e,
            objective=e.plan["objective"],
            plan_version=e.version,
        )

    @staticmethod
    def _touch(conn: sa.Connection, e: Cycle.Event, **values: object) -> None:
        conn.execute(
            cycles.update()
            .where(cycles.c.id == e.originator_id)
            .values(last_activity_at=e.timestamp, **values)
        )
