"""The group timeline: every event of a group in human words, with its kind for filtering."""

from domain.cycle import Cycle
from domain.group import PilotGroup
from domain.help import HelpRequest
from domain.methods import method
from domain.plan import Plan
from projections.measure_tables import timeline_measures, timeline_points
from projections.projection import handles
from projections.tables import timeline, timeline_owners
from projections.timeline_measures import MeasureTimeline
from projections.timeline_rows import (
    ACTIONS,
    COMMENTS,
    CORRECTIONS,
    DECISIONS,
    HELP,
    MEASURES,
    PEOPLE,
    PLANS,
    REFLECTIONS,
    Owner,
)
from projections.words import decision_words, quote
from projections.writer import Writer

KINDS = (PLANS, ACTIONS, REFLECTIONS, DECISIONS, MEASURES, HELP, COMMENTS, CORRECTIONS, PEOPLE)
OUTCOME_WORDS = {
    "confirmed": "confirmed",
    "partly": "partly confirmed",
    "not_confirmed": "not confirmed",
}


class Timeline(MeasureTimeline):
    """One row per event of a group, in words a sponsor can read."""

    name = "timeline"
    # 5: rows say when they happened, and are ordered by it. 6: a scale-up reads "adopted
    # the change and scaled it up" (it read "adopted and scaling up the change").
    version = 6
    tables = (timeline, timeline_owners, timeline_measures, timeline_points)

    @handles(PilotGroup.Formed)
    def formed(self, conn: Writer, e: PilotGroup.Formed) -> None:
        self._row(
            conn,
            e,
            Owner(e.originator_id),
            PLANS,
            e.actor,
            f"formed the group {quote(e.name)} with the aim {quote(e.aim)}",
        )

    @handles(PilotGroup.AimRevised)
    def aim(self, conn: Writer, e: PilotGroup.AimRevised) -> None:
        self._row(
            conn,
            e,
            Owner(e.originator_id),
            PLANS,
            e.actor,
            f"revised the aim to {quote(e.aim)} because {quote(e.reason)}",
        )

    @handles(PilotGroup.MemberAdded)
    def listed(self, conn: Writer, e: PilotGroup.MemberAdded) -> None:
        self._row(
            conn, e, Owner(e.originator_id), PEOPLE, e.actor, f"listed {e.member} as a member"
        )

    @handles(PilotGroup.MemberJoined)
    def joined(self, conn: Writer, e: PilotGroup.MemberJoined) -> None:
        self._row(conn, e, Owner(e.originator_id), PEOPLE, e.account_id, f"joined as {e.role}")

    @handles(PilotGroup.RoleChanged)
    def role(self, conn: Writer, e: PilotGroup.RoleChanged) -> None:
        self._row(
            conn,
            e,
            Owner(e.originator_id),
            PEOPLE,
            e.actor,
            f"made {e.account_id} {e.role}",
        )

    @handles(PilotGroup.MemberRemoved)
    def removed(self, conn: Writer, e: PilotGroup.MemberRemoved) -> None:
        self._row(
            conn,
            e,
            Owner(e.originator_id),
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
        self._row(conn, e, Owner(e.originator_id), PEOPLE, e.actor, words)

    @handles(Cycle.Opened)
    def opened(self, conn: Writer, e: Cycle.Opened) -> None:
        objective = Plan.from_event_data(e.plan).objective
        # A ramp is named by the objective its first cycle opened with.
        self._own(conn, e.originator_id, Owner(e.group_id, e.originator_id, e.number, objective))
        following = method(e.method).name
        self._in(
            conn, e, PLANS, e.actor, f"opened cycle {e.number} ({following}): {quote(objective)}"
        )

    @handles(Cycle.Continued)
    def continued(self, conn: Writer, e: Cycle.Continued) -> None:
        previous = self._owner(conn, e.previous_cycle_id)
        ramp = previous.ramp if previous else None
        ramp = ramp or Plan.from_event_data(e.plan).objective
        self._own(conn, e.originator_id, Owner(e.group_id, e.originator_id, e.number, ramp))
        # Adapting and scaling up both continue a ramp: the decision's own row says which.
        self._in(conn, e, PLANS, e.actor, _continued_words(e))

    @handles(Cycle.PlanRevised)
    def revised(self, conn: Writer, e: Cycle.PlanRevised) -> None:
        self._in(
            conn, e, PLANS, e.actor, f"revised the plan (version {e.version}): {quote(e.change)}"
        )

    @handles(Cycle.SetupTaskCompleted)
    def task(self, conn: Writer, e: Cycle.SetupTaskCompleted) -> None:
        self._in(conn, e, PLANS, e.actor, "marked a set-up task done")

    @handles(Cycle.ObservationRecorded)
    def observed(self, conn: Writer, e: Cycle.ObservationRecorded) -> None:
        self._in(conn, e, ACTIONS, e.actor, f"recorded an observation: {quote(e.text)}")

    @handles(Cycle.ActEntryRecorded)
    def acted(self, conn: Writer, e: Cycle.ActEntryRecorded) -> None:
        article = "an" if e.kind[0] in "aeiou" else "a"
        self._in(conn, e, ACTIONS, e.actor, f"recorded {article} {e.kind}: {quote(e.text)}")

    @handles(Cycle.PredictionCompared)
    def compared(self, conn: Writer, e: Cycle.PredictionCompared) -> None:
        # An exploratory question had no prediction: what was found has no outcome.
        outcome = OUTCOME_WORDS.get(e.outcome, e.outcome)
        said = (
            f"found the prediction for {quote(e.question, 80)} {outcome}"
            if e.outcome
            else f"recorded what was found for {quote(e.question, 80)}"
        )
        self._in(conn, e, REFLECTIONS, e.actor, f"{said}: {quote(e.text)}")

    @handles(Cycle.ReflectionRecorded)
    def reflected(self, conn: Writer, e: Cycle.ReflectionRecorded) -> None:
        self._in(conn, e, REFLECTIONS, e.actor, f"recorded what was learned: {quote(e.text)}")

    @handles(Cycle.MistakeOwned)
    def mistake(self, conn: Writer, e: Cycle.MistakeOwned) -> None:
        self._in(conn, e, REFLECTIONS, e.actor, f"owned a mistake: {quote(e.text)}")

    @handles(Cycle.AdviceRequested)
    def advice_asked(self, conn: Writer, e: Cycle.AdviceRequested) -> None:
        self._in(conn, e, HELP, e.actor, f"asked another group for advice: {quote(e.question)}")

    @handles(Cycle.AdviceGiven)
    def advice_given(self, conn: Writer, e: Cycle.AdviceGiven) -> None:
        self._in(conn, e, HELP, e.actor, f"gave advice from another group: {quote(e.text)}")

    @handles(Cycle.StoryCollected)
    def story(self, conn: Writer, e: Cycle.StoryCollected) -> None:
        self._in(conn, e, ACTIONS, e.actor, f"brought a story of change: {quote(e.title, 80)}")

    @handles(Cycle.StoryChosen)
    def chosen(self, conn: Writer, e: Cycle.StoryChosen) -> None:
        self._in(
            conn,
            e,
            REFLECTIONS,
            e.actor,
            f"chose the most significant story, because {quote(e.reasons)}",
        )

    @handles(Cycle.EntryAmended)
    def amended(self, conn: Writer, e: Cycle.EntryAmended) -> None:
        self._in(
            conn,
            e,
            CORRECTIONS,
            e.actor,
            f"amended an entry to {quote(e.text)} because {quote(e.reason)}",
        )

    @handles(Cycle.EntryWithdrawn)
    def withdrawn(self, conn: Writer, e: Cycle.EntryWithdrawn) -> None:
        self._in(conn, e, CORRECTIONS, e.actor, f"withdrew an entry because {quote(e.reason)}")

    @handles(Cycle.CommentAdded)
    def commented(self, conn: Writer, e: Cycle.CommentAdded) -> None:
        on = {"plan": "the plan", "decision": "the decision"}.get(e.on, "an entry")
        self._in(conn, e, COMMENTS, e.actor, f"commented on {on}: {quote(e.text)}")

    @handles(Cycle.DecisionMade)
    def decided(self, conn: Writer, e: Cycle.DecisionMade) -> None:
        words = decision_words(e.decision, e.next_cycle_id is not None, "the change")
        self._in(conn, e, DECISIONS, e.actor, f"{words}: {quote(e.reason)}")

    @handles(HelpRequest.Asked)
    def asked(self, conn: Writer, e: HelpRequest.Asked) -> None:
        cycle = self._owner(conn, e.cycle_id)
        self._own(conn, e.originator_id, cycle or Owner(e.group_id, e.cycle_id))
        self._in(conn, e, HELP, e.actor, f"asked for help: {quote(e.text)}")

    @handles(HelpRequest.Answered)
    def answered(self, conn: Writer, e: HelpRequest.Answered) -> None:
        self._in(conn, e, HELP, e.actor, f"answered a request for help: {quote(e.text)}")

    @handles(HelpRequest.Closed)
    def closed(self, conn: Writer, e: HelpRequest.Closed) -> None:
        self._in(conn, e, HELP, e.actor, "closed their request for help")


def _continued_words(e: Cycle.Continued) -> str:
    """ "carried the plan into cycle 2 (scale: “Ward 7, 1 week”): “why”"."""
    scale = Plan.from_event_data(e.plan).scale
    at = f" (scale: {quote(scale, 80)})" if scale else ""
    return f"carried the plan into cycle {e.number}{at}: {quote(e.change)}"
