"""The group directory: groups, their aims and members, and their cycles' phases."""

from typing import Any

from domain.cycle import Cycle
from domain.entries import ACT, DECIDED, PLAN, REFLECT
from domain.group import PilotGroup
from domain.plan import Plan, PlanData
from domain.when import happened_at
from projections.projection import Projection, handles
from projections.tables import cycles, group_aims, groups, members
from projections.writer import Writer


class GroupDirectory(Projection):
    """Lists groups, the history of each aim, members, and the cycles of each ramp."""

    name = "group_directory"
    # 5: cycles say when they were opened and decided, as well as when recorded.
    version = 5
    tables = (groups, group_aims, members, cycles)

    @handles(PilotGroup.Formed)
    def formed(self, conn: Writer, e: PilotGroup.Formed) -> None:
        conn.insert(
            groups,
            dict(
                id=e.originator_id,
                name=e.name,
                aim=e.aim,
                formed_by=e.actor,
                formed_at=e.timestamp,
                cycle_count=0,
                aim_version=1,
            ),
        )
        conn.insert(
            group_aims,
            dict(
                group_id=e.originator_id,
                version=1,
                aim=e.aim,
                reason=None,
                actor=e.actor,
                at=e.timestamp,
            ),
        )
        self._member(conn, e.originator_id, e.actor, e.actor, e)

    @handles(PilotGroup.CycleAdded)
    def cycle_added(self, conn: Writer, e: PilotGroup.CycleAdded) -> None:
        conn.update(groups, e.originator_id, {"cycle_count": e.number})

    @handles(PilotGroup.AimRevised)
    def aim_revised(self, conn: Writer, e: PilotGroup.AimRevised) -> None:
        version = e.originator_version  # rising; only order matters
        group = conn.get(groups, e.originator_id)
        if group is not None:
            conn.update(
                groups, e.originator_id, {"aim": e.aim, "aim_version": group["aim_version"] + 1}
            )
        conn.insert(
            group_aims,
            dict(
                group_id=e.originator_id,
                version=version,
                aim=e.aim,
                reason=e.reason,
                actor=e.actor,
                at=e.timestamp,
            ),
        )

    @handles(PilotGroup.SharingChanged)
    def sharing(self, conn: Writer, e: PilotGroup.SharingChanged) -> None:
        conn.update(groups, e.originator_id, {"shared": e.shared})

    @handles(PilotGroup.MemberAdded)
    def member_added(self, conn: Writer, e: PilotGroup.MemberAdded) -> None:
        self._member(conn, e.originator_id, e.member, e.actor, e)

    @handles(Cycle.Opened)
    def opened(self, conn: Writer, e: Cycle.Opened) -> None:
        self._cycle(conn, e, e.group_id, e.number, e.plan, e.method, e.actor, None)

    @handles(Cycle.Continued)
    def continued(self, conn: Writer, e: Cycle.Continued) -> None:
        self._cycle(conn, e, e.group_id, e.number, e.plan, e.method, e.actor, e.previous_cycle_id)

    @handles(Cycle.ObservationRecorded)
    def observed(self, conn: Writer, e: Cycle.ObservationRecorded) -> None:
        self._touch(conn, e, phase=ACT)

    @handles(Cycle.ActEntryRecorded)
    def acted(self, conn: Writer, e: Cycle.ActEntryRecorded) -> None:
        self._touch(conn, e, phase=ACT)

    @handles(Cycle.ReflectionRecorded)
    def reflected(self, conn: Writer, e: Cycle.ReflectionRecorded) -> None:
        self._touch(conn, e, phase=REFLECT)

    @handles(Cycle.PredictionCompared)
    def compared(self, conn: Writer, e: Cycle.PredictionCompared) -> None:
        self._touch(conn, e, phase=REFLECT)

    @handles(Cycle.MistakeOwned)
    def mistake(self, conn: Writer, e: Cycle.MistakeOwned) -> None:
        self._touch(conn, e, phase=REFLECT)

    @handles(Cycle.AdviceGiven)
    def advised(self, conn: Writer, e: Cycle.AdviceGiven) -> None:
        self._touch(conn, e)

    @handles(Cycle.StoryCollected)
    def story(self, conn: Writer, e: Cycle.StoryCollected) -> None:
        self._touch(conn, e, phase=ACT)

    @handles(Cycle.StoryChosen)
    def chosen(self, conn: Writer, e: Cycle.StoryChosen) -> None:
        self._touch(conn, e, phase=REFLECT)

    @handles(Cycle.PlanRevised)
    def revised(self, conn: Writer, e: Cycle.PlanRevised) -> None:
        self._touch(
            conn, e, objective=Plan.from_event_data(e.plan).objective, plan_version=e.version
        )

    @handles(Cycle.DecisionMade)
    def decided(self, conn: Writer, e: Cycle.DecisionMade) -> None:
        self._touch(
            conn,
            e,
            phase=DECIDED,
            decision=e.decision,
            decision_reason=e.reason,
            decided_by=e.actor,
            decided_at=e.timestamp,
            decision_happened=e.happened,
            next_cycle_id=e.next_cycle_id,
        )

    @staticmethod
    def _cycle(
        conn: Writer,
        e: Cycle.Opened | Cycle.Continued,
        group_id: Any,
        number: int,
        plan: PlanData,
        method: str,
        actor: str,
        previous: Any,
    ) -> None:
        conn.insert(
            cycles,
            dict(
                id=e.originator_id,
                group_id=group_id,
                number=number,
                objective=Plan.from_event_data(plan).objective,
                method=method,
                phase=PLAN,
                plan_version=1,
                opened_by=actor,
                opened_at=e.timestamp,
                happened=e.happened,
                happened_at=happened_at(e.happened, e.timestamp),
                last_activity_at=e.timestamp,
                previous_cycle_id=previous,
            ),
        )

    @staticmethod
    def _member(conn: Writer, group_id: Any, name: str, actor: str, e: Any) -> None:
        conn.insert(
            members,
            dict(group_id=group_id, name=name, added_by=actor, added_at=e.timestamp),
        )

    @staticmethod
    def _touch(conn: Writer, e: Cycle.Event, **values: object) -> None:
        conn.update(cycles, e.originator_id, {"last_activity_at": e.timestamp, **values})
