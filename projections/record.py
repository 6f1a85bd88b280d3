"""The cycle record: entries and their corrections, plan versions, tasks and comments."""

from uuid import UUID

from domain.cycle import Cycle
from domain.entries import (
    ACT,
    ACT_KINDS,
    ADVICE,
    CHOICE,
    MISTAKE,
    OBSERVATION,
    REFLECT,
    REFLECTION,
    STORY,
)
from domain.plan import SCHEMA, Plan, PlanData
from domain.when import happened_at
from projections.projection import Projection, handles
from projections.tables import (
    comments,
    corrections,
    entries,
    learning,
    plan_citations,
    plan_versions,
    tasks_done,
)
from projections.writer import Writer

# The events that record an entry: each says when it happened.
EntryEvent = (
    Cycle.ObservationRecorded
    | Cycle.ActEntryRecorded
    | Cycle.PredictionCompared
    | Cycle.ReflectionRecorded
    | Cycle.MistakeOwned
    | Cycle.AdviceGiven
    | Cycle.StoryCollected
    | Cycle.StoryChosen
)

# The kinds of entry that are learning: what the library lists and searches.
LEARNING = frozenset({REFLECTION, "comparison", MISTAKE, CHOICE})


class CycleRecord(Projection):
    """Everything recorded in a cycle, in order, with every correction kept."""

    name = "cycle_record"
    # 3: entries carry their phase; entries and comments indexed for paging.
    # 4: learning has a table of its own, with its words indexed for full-text search;
    #    citations indexed by the entry cited.
    # 5: entries say when they happened, as well as when they were recorded.
    version = 5
    tables = (entries, learning, corrections, plan_versions, plan_citations, tasks_done, comments)

    @handles(Cycle.Opened)
    def opened(self, conn: Writer, e: Cycle.Opened) -> None:
        self._version(conn, e, 1, e.plan, None, [], e.actor)

    @handles(Cycle.Continued)
    def continued(self, conn: Writer, e: Cycle.Continued) -> None:
        self._version(conn, e, 1, e.plan, e.change, e.cites, e.actor)

    @handles(Cycle.PlanRevised)
    def revised(self, conn: Writer, e: Cycle.PlanRevised) -> None:
        self._version(conn, e, e.version, e.plan, e.change, e.cites, e.actor)

    @handles(Cycle.ObservationRecorded)
    def observed(self, conn: Writer, e: Cycle.ObservationRecorded) -> None:
        self._entry(conn, e, e.entry_id, OBSERVATION, e.text, e.actor)

    @handles(Cycle.ActEntryRecorded)
    def acted(self, conn: Writer, e: Cycle.ActEntryRecorded) -> None:
        self._entry(conn, e, e.entry_id, e.kind, e.text, e.actor, question=e.question)

    @handles(Cycle.PredictionCompared)
    def compared(self, conn: Writer, e: Cycle.PredictionCompared) -> None:
        self._entry(
            conn,
            e,
            e.entry_id,
            "comparison",
            e.text,
            e.actor,
            question=e.question,
            outcome=e.outcome,
        )

    @handles(Cycle.ReflectionRecorded)
    def reflected(self, conn: Writer, e: Cycle.ReflectionRecorded) -> None:
        self._entry(conn, e, e.entry_id, REFLECTION, e.text, e.actor)

    @handles(Cycle.MistakeOwned)
    def mistake(self, conn: Writer, e: Cycle.MistakeOwned) -> None:
        self._entry(conn, e, e.entry_id, MISTAKE, e.text, e.actor)

    @handles(Cycle.AdviceGiven)
    def advised(self, conn: Writer, e: Cycle.AdviceGiven) -> None:
        self._entry(conn, e, e.entry_id, ADVICE, e.text, e.actor)

    @handles(Cycle.StoryCollected)
    def story(self, conn: Writer, e: Cycle.StoryCollected) -> None:
        self._entry(conn, e, e.entry_id, STORY, e.text, e.actor)

    @handles(Cycle.StoryChosen)
    def chosen(self, conn: Writer, e: Cycle.StoryChosen) -> None:
        self._entry(conn, e, e.entry_id, CHOICE, e.reasons, e.actor)

    @handles(Cycle.EntryAmended)
    def amended(self, conn: Writer, e: Cycle.EntryAmended) -> None:
        self._correct(conn, e, e.entry_id, "amended", e.text, e.reason, e.actor)

    @handles(Cycle.EntryWithdrawn)
    def withdrawn(self, conn: Writer, e: Cycle.EntryWithdrawn) -> None:
        self._correct(conn, e, e.entry_id, "withdrawn", "", e.reason, e.actor)

    @handles(Cycle.SetupTaskCompleted)
    def task_done(self, conn: Writer, e: Cycle.SetupTaskCompleted) -> None:
        conn.insert(
            tasks_done,
            dict(cycle_id=e.originator_id, task_id=e.task_id, actor=e.actor, at=e.timestamp),
        )

    @handles(Cycle.CommentAdded)
    def commented(self, conn: Writer, e: Cycle.CommentAdded) -> None:
        conn.insert(
            comments,
            dict(
                id=e.comment_id,
                cycle_id=e.originator_id,
                on=e.on,
                text=e.text,
                actor=e.actor,
                at=e.timestamp,
                seq=e.originator_version,
            ),
        )

    @staticmethod
    def _version(
        conn: Writer,
        e: Cycle.Event,
        version: int,
        data: PlanData,
        change: str | None,
        cites: list[UUID],
        actor: str,
    ) -> None:
        plan = Plan.from_event_data(data)
        conn.insert(
            plan_versions,
            dict(
                cycle_id=e.originator_id,
                version=version,
                objective=plan.objective,
                plan_text=plan.plan_text,
                questions=[q.as_data() for q in plan.questions],
                # With the schema its data has, read back by Plan.from_event_data.
                details={**plan.details_data(), "schema": SCHEMA},
                change=change,
                actor=actor,
                at=e.timestamp,
            ),
        )
        conn.insert(
            plan_citations,
            *({"cycle_id": e.originator_id, "version": version, "entry_id": c} for c in cites),
        )

    @staticmethod
    def _entry(
        conn: Writer,
        e: EntryEvent,
        entry_id: UUID,
        kind: str,
        text: str,
        actor: str,
        question: str = "",
        outcome: str = "",
    ) -> None:
        conn.insert(
            entries,
            dict(
                id=entry_id,
                cycle_id=e.originator_id,
                kind=kind,
                phase=_list_of(kind),
                text=text,
                question=question,
                outcome=outcome,
                actor=actor,
                recorded_at=e.timestamp,
                happened=e.happened,
                happened_at=happened_at(e.happened, e.timestamp),
                seq=e.originator_version,
                revision=1,
                withdrawn=False,
            ),
        )
        if kind in LEARNING:
            conn.insert(
                learning,
                dict(
                    entry_id=entry_id,
                    cycle_id=e.originator_id,
                    kind=kind,
                    text=text,
                    outcome=outcome,
                    actor=actor,
                    recorded_at=e.timestamp,
                ),
            )
        conn.insert(
            corrections,
            dict(
                entry_id=entry_id,
                revision=1,
                kind="original",
                text=text,
                reason="",
                actor=actor,
                at=e.timestamp,
            ),
        )

    @staticmethod
    def _correct(
        conn: Writer,
        e: Cycle.Event,
        entry_id: UUID,
        kind: str,
        text: str,
        reason: str,
        actor: str,
    ) -> None:
        entry = conn.get(entries, entry_id)
        if entry is None:
            raise LookupError(f"No entry {entry_id} to correct.")
        revision = entry["revision"] + 1
        # An amendment replaces the text shown; a withdrawal keeps it, marked withdrawn.
        values: dict[str, object] = {"text": text} if kind == "amended" else {"withdrawn": True}
        conn.update(entries, entry_id, {"revision": revision, **values})
        # The library shows learning as last amended, and no withdrawn learning at all.
        mine = learning.c.entry_id == entry_id
        conn.execute(
            learning.update().where(mine).values(text=text)
            if kind == "amended"
            else learning.delete().where(mine)
        )
        conn.insert(
            corrections,
            dict(
                entry_id=entry_id,
                revision=revision,
                kind=kind,
                text=text,
                reason=reason,
                actor=actor,
                at=e.timestamp,
            ),
        )


def _list_of(kind: str) -> str:
    """Which list of the cycle page an entry is shown in: what was done and seen, what
    was learned, or a method's own block (advice from another group, stories of change)."""
    if kind in ACT_KINDS:
        return ACT
    return kind if kind in (ADVICE, STORY) else REFLECT
