"""The group timeline: every event of a group in human words, with its kind for filtering."""

from typing import Any
from uuid import UUID

from domain.cycle import Cycle
from domain.group import PilotGroup
from domain.help import HelpRequest
from domain.methods import method
from domain.plan import Plan
from projections.projection import Projection, handles
from projections.tables import timeline, timeline_owners
from projections.writer import Writer

PLANS, ACTIONS, REFLECTIONS, DECISIONS = "plans", "actions", "reflections", "decisions"
HELP, COMMENTS, PEOPLE, CORRECTIONS = "help", "comments", "people", "corrections"
# How many cycles' and help requests' groups the timeline keeps in mind.
REMEMBERED = 10_000
KINDS = (PLANS, ACTIONS, REFLECTIONS, DECISIONS, HELP, COMMENTS, CORRECTIONS, PEOPLE)
OUTCOME_WORDS = {
    "confirmed": "confirmed",
    "partly": "partly confirmed",
    "not_confirmed": "not confirmed",
}


def _quote(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


class Timeline(Projection):
    """One row per event of a group, in words a sponsor can read."""

    def __init__(self) -> None:
        self._owners: dict[UUID, tuple[UUID, UUID | None]] = {}

    name = "timeline"
    version = 2
    tables = (timeline, timeline_owners)

    @handles(PilotGroup.Formed)
    def formed(self, conn: Writer, e: PilotGroup.Formed) -> None:
        self._row(
            conn,
            e,
            e.originator_id,
            None,
            PLANS,
            e.actor,
            f"formed the group {_quote(e.name)} with the aim {_quote(e.aim)}",
        )

    @handles(PilotGroup.AimRevised)
    def aim(self, conn: Writer, e: PilotGroup.AimRevised) -> None:
        self._row(
            conn,
            e,
            e.originator_id,
            None,
            PLANS,
            e.actor,
            f"revised the aim to {_quote(e.aim)} because {_quote(e.reason)}",
        )

    @handles(PilotGroup.MemberAdded)
    def listed(self, conn: Writer, e: PilotGroup.MemberAdded) -> None:
        self._row(
            conn, e, e.originator_id, None, PEOPLE, e.actor, f"listed {e.member} as a member"
        )

    @handles(PilotGroup.MemberJoined)
    def joined(self, conn: Writer, e: PilotGroup.MemberJoined) -> None:
        self._row(conn, e, e.originator_id, None, PEOPLE, e.account_id, f"joined as {e.role}")

    @handles(PilotGroup.RoleChanged)
    def role(self, conn: Writer, e: PilotGroup.RoleChanged) -> None:
        self._row(
            conn,
            e,
            e.originator_id,
            None,
            PEOPLE,
            e.actor,
            f"made {e.account_id} {e.role}",
        )

    @handles(PilotGroup.MemberRemoved)
    def removed(self, conn: Writer, e: PilotGroup.MemberRemoved) -> None:
        self._row(
            conn,
            e,
            e.originator_id,
            None,
            PEOPLE,
            e.actor,
            f"removed {e.account_id} from the group",
        )

    @handles(PilotGroup.SharingChanged)
    def sharing(self, conn: Writer, e: PilotGroup.SharingChanged) -> None:
        words = (
            "shared the group's learning organisation-wide"
            if e.shared
            else ("made the group private")
        )
        self._row(conn, e, e.originator_id, None, PEOPLE, e.actor, words)

    @handles(Cycle.Opened)
    def opened(self, conn: Writer, e: Cycle.Opened) -> None:
        self._own(conn, e.originator_id, e.group_id, e.originator_id)
        following = method(e.method).name
        objective = Plan.from_event_data(e.plan).objective
        self._in(
            conn, e, PLANS, e.actor, f"opened cycle {e.number} ({following}): {_quote(objective)}"
        )

    @handles(Cycle.Continued)
    def continued(self, conn: Writer, e: Cycle.Continued) -> None:
        self._own(conn, e.originator_id, e.group_id, e.originator_id)
        self._in(
            conn, e, PLANS, e.actor, f"adapted the plan into cycle {e.number}: {_quote(e.change)}"
        )

    @handles(Cycle.PlanRevised)
    def revised(self, conn: Writer, e: Cycle.PlanRevised) -> None:
        self._in(
            conn, e, PLANS, e.actor, f"revised the plan (version {e.version}): {_quote(e.change)}"
        )

    @handles(Cycle.SetupTaskCompleted)
    def task(self, conn: Writer, e: Cycle.SetupTaskCompleted) -> None:
        self._in(conn, e, PLANS, e.actor, "marked a set-up task done")

    @handles(Cycle.ObservationRecorded)
    def observed(self, conn: Writer, e: Cycle.ObservationRecorded) -> None:
        self._in(conn, e, ACTIONS, e.actor, f"recorded an observation: {_quote(e.text)}")

    @handles(Cycle.ActEntryRecorded)
    def acted(self, conn: Writer, e: Cycle.ActEntryRecorded) -> None:
        article = "an" if e.kind[0] in "aeiou" else "a"
        self._in(conn, e, ACTIONS, e.actor, f"recorded {article} {e.kind}: {_quote(e.text)}")

    @handles(Cycle.PredictionCompared)
    def compared(self, conn: Writer, e: Cycle.PredictionCompared) -> None:
        outcome = OUTCOME_WORDS.get(e.outcome, e.outcome)
        self._in(
            conn,
            e,
            REFLECTIONS,
            e.actor,
            f"found the prediction for {_quote(e.question, 80)} {outcome}: {_quote(e.text)}",
        )

    @handles(Cycle.ReflectionRecorded)
    def reflected(self, conn: Writer, e: Cycle.ReflectionRecorded) -> None:
        self._in(conn, e, REFLECTIONS, e.actor, f"recorded what was learned: {_quote(e.text)}")

    @handles(Cycle.MistakeOwned)
    def mistake(self, conn: Writer, e: Cycle.MistakeOwned) -> None:
        self._in(conn, e, REFLECTIONS, e.actor, f"owned a mistake: {_quote(e.text)}")

    @handles(Cycle.AdviceRequested)
    def advice_asked(self, conn: Writer, e: Cycle.AdviceRequested) -> None:
        self._in(conn, e, HELP, e.actor, f"asked another group for advice: {_quote(e.question)}")

    @handles(Cycle.AdviceGiven)
    def advice_given(self, conn: Writer, e: Cycle.AdviceGiven) -> None:
        self._in(conn, e, HELP, e.actor, f"gave advice from another group: {_quote(e.text)}")

    @handles(Cycle.StoryCollected)
    def story(self, conn: Writer, e: Cycle.StoryCollected) -> None:
        self._in(conn, e, ACTIONS, e.actor, f"brought a story of change: {_quote(e.title, 80)}")

    @handles(Cycle.StoryChosen)
    def chosen(self, conn: Writer, e: Cycle.StoryChosen) -> None:
        self._in(
            conn,
            e,
            REFLECTIONS,
            e.actor,
            f"chose the most significant story, because {_quote(e.reasons)}",
        )

    @handles(Cycle.EntryAmended)
    def amended(self, conn: Writer, e: Cycle.EntryAmended) -> None:
        self._in(
            conn,
            e,
            CORRECTIONS,
            e.actor,
            f"amended an entry to {_quote(e.text)} because {_quote(e.reason)}",
        )

    @handles(Cycle.EntryWithdrawn)
    def withdrawn(self, conn: Writer, e: Cycle.EntryWithdrawn) -> None:
        self._in(conn, e, CORRECTIONS, e.actor, f"withdrew an entry because {_quote(e.reason)}")

    @handles(Cycle.CommentAdded)
    def commented(self, conn: Writer, e: Cycle.CommentAdded) -> None:
        on = {"plan": "the plan", "decision": "the decision"}.get(e.on, "an entry")
        self._in(conn, e, COMMENTS, e.actor, f"commented on {on}: {_quote(e.text)}")

    @handles(Cycle.DecisionMade)
    def decided(self, conn: Writer, e: Cycle.DecisionMade) -> None:
        self._in(conn, e, DECISIONS, e.actor, f"decided to {e.decision}: {_quote(e.reason)}")

    @handles(HelpRequest.Asked)
    def asked(self, conn: Writer, e: HelpRequest.Asked) -> None:
        self._own(conn, e.originator_id, e.group_id, e.cycle_id)
        self._in(conn, e, HELP, e.actor, f"asked for help: {_quote(e.text)}")

    @handles(HelpRequest.Answered)
    def answered(self, conn: Writer, e: HelpRequest.Answered) -> None:
        self._in(conn, e, HELP, e.actor, f"answered a request for help: {_quote(e.text)}")

    @handles(HelpRequest.Closed)
    def closed(self, conn: Writer, e: HelpRequest.Closed) -> None:
        self._in(conn, e, HELP, e.actor, "closed their request for help")

    def _in(self, conn: Writer, e: Any, kind: str, actor: str, words: str) -> None:
        owner = self._owners.get(e.originator_id)
        if owner is None:
            row = conn.get(timeline_owners, e.originator_id)
            if row is None:  # events of an aggregate never seen opened are skipped
                return
            # An owner never changes once written, so remembering it is always right; the
            # memory is kept to the aggregates lately written to, so it does not grow with
            # the history.
            if len(self._owners) >= REMEMBERED:
                self._owners.clear()
            owner = self._owners[e.originator_id] = (row["group_id"], row["cycle_id"])
        self._row(conn, e, owner[0], owner[1], kind, actor, words)

    @staticmethod
    def _own(conn: Writer, originator: UUID, group_id: UUID, cycle_id: UUID) -> None:
        conn.insert(
            timeline_owners,
            dict(originator_id=originator, group_id=group_id, cycle_id=cycle_id),
        )

    @staticmethod
    def _row(
        conn: Writer,
        e: Any,
        group_id: UUID,
        cycle_id: UUID | None,
        kind: str,
        actor: str,
        words: str,
    ) -> None:
        conn.insert(
            timeline,
            dict(
                originator_id=e.originator_id,
                originator_version=e.originator_version,
                group_id=group_id,
                cycle_id=cycle_id,
                at=e.timestamp,
                kind=kind,
                actor=actor,
                words=words,
            ),
        )
