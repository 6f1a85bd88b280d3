"""Test data builders shared by every layer, and what a cycle's events say it recorded."""

from collections.abc import Iterable, Sequence
from typing import Unpack, get_args
from uuid import UUID

from domain.application import Learnloop, Recorded
from domain.cycle import Cycle
from domain.plan import PlanDetails, PlanInput

QUESTIONS = [("Will nurses discharge by 11?", "Yes, one of two")]

# The events that record an entry, with what it says: the aggregate keeps of its entries
# only what its rules need (ids, kinds, corrections), so tests read the rest from here.
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


def plan(
    objective: str = "Criteria-led discharge",
    plan_text: str = "",
    questions: Sequence[tuple[str, ...]] | None = None,
    **more: Unpack[PlanDetails],
) -> PlanInput:
    """A plan as the Application takes it."""
    return {
        "objective": objective,
        "plan_text": plan_text,
        "questions": questions if questions is not None else QUESTIONS,
        **more,
    }


def entry_recorded(app: Learnloop, recorded: Recorded) -> UUID:
    """The id of the entry a command just recorded, read from its stored event."""
    [notification] = app.recorder.select_notifications(recorded.notification_id, 1)
    event = app.mapper.to_domain_event(notification)
    assert isinstance(event, get_args(EntryEvent)), event
    return event.entry_id


def entries_among(events: Iterable[object]) -> list[EntryEvent]:
    """Those of these events that recorded an entry, in their order."""
    return [e for e in events if isinstance(e, get_args(EntryEvent))]


def entry_events(app: Learnloop, cycle_id: UUID) -> list[EntryEvent]:
    """The stored events that recorded a cycle's entries, oldest first."""
    return entries_among(app.events.get(cycle_id))


def entry_ids(app: Learnloop, cycle_id: UUID) -> list[UUID]:
    """The ids of a cycle's entries, oldest first."""
    return [e.entry_id for e in entry_events(app, cycle_id)]


def entry_kinds(app: Learnloop, cycle_id: UUID) -> list[str]:
    """The kinds of a cycle's entries, oldest first, as the cycle knows them."""
    cycle: Cycle = app.repository.get(cycle_id)
    return [cycle.journal.kind(e) for e in entry_ids(app, cycle_id)]


def entry_texts(app: Learnloop, cycle_id: UUID) -> list[str]:
    """What a cycle's entries said when they were recorded, oldest first."""
    return [
        e.reasons if isinstance(e, Cycle.StoryChosen) else e.text
        for e in entry_events(app, cycle_id)
    ]
