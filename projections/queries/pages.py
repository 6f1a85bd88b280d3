"""What each page reads, in one typed answer: the queries a page needs, asked together."""

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

import sqlalchemy as sa

from domain.entries import ACT, ADVICE, REFLECT, STORY
from domain.methods import Method
from projections.queries import cycles, groups, measures, methods, people, plans, summaries
from projections.queries.cycles import CommentThread, CorrectionRow, CycleRow, EntryPage, EntryRow
from projections.queries.groups import HELP_PAGE, AimRow, GroupRow, HelpPage, HelpRow
from projections.queries.measures import MeasureRow
from projections.queries.methods import AdviceRequestRow, GroupChoice, StoryRow
from projections.queries.people import InvitationRow, PersonRow
from projections.queries.plans import PlanVersion
from projections.queries.summaries import LatestValue

# The journal's two entry lists, each paged back by its own cursor; the requests for help
# are paged by theirs.
JOURNAL_LISTS = (ACT, REFLECT)
HELP = "help"


@dataclass(frozen=True)
class CyclePage:
    """One cycle as its page shows it: a page of each journal list, and what is on them."""

    cycle: CycleRow
    group: GroupRow | None
    plan: PlanVersion | None
    pages: Mapping[str, EntryPage]  # by phase (JOURNAL_LISTS)
    # Which forms to offer depends on the whole journal, not on the page shown.
    acted: bool
    learned: bool
    corrections: dict[UUID, list[CorrectionRow]]
    comments: dict[str, CommentThread]
    tasks_done: dict[str, str]
    help: HelpPage
    previous: CycleRow | None
    next: CycleRow | None
    method: Method
    # Peer Assist's requests and the groups to ask; the stories brought to an MSC panel
    # and the groups one may bring them from. Empty for a cycle of another method.
    advice: list[AdviceRequestRow]
    ask_groups: list[GroupChoice]
    stories: list[StoryRow]
    story_groups: list[GroupChoice]


@dataclass(frozen=True)
class PlanSection:
    """What the plan section alone shows, for its own swap (a plan comment, a task done)."""

    cycle: CycleRow
    plan: PlanVersion | None
    tasks_done: dict[str, str]
    comments: dict[str, CommentThread]
    method: Method


@dataclass(frozen=True)
class GroupPage:
    """A group's aim and its history, ramps of cycles, open help, advice asked, people."""

    group: GroupRow
    aims: list[AimRow]
    people: list[PersonRow]
    invitations: list[InvitationRow]
    ramps: list[list[CycleRow]]
    cycles: list[CycleRow]
    help: list[HelpRow]  # the newest open requests, at most HELP_PAGE
    open_help: int  # how many are open in all
    asked_of: list[AdviceRequestRow]
    measures: list[MeasureRow]  # in the order they were defined
    latest: dict[UUID, LatestValue]  # each measure's latest value, by measure
    scales: dict[UUID, str] = field(default_factory=dict)  # each cycle's scale, by cycle


@dataclass(frozen=True)
class RevisionPage:
    """A cycle's current plan and the newest entries a change to it may cite."""

    cycle: CycleRow
    group: GroupRow | None
    plan: PlanVersion
    entries: list[EntryRow]
    citable: int  # how many entries may be cited in all


@dataclass(frozen=True)
class CorrectionPage:
    """One entry and its versions, to amend or withdraw."""

    cycle: CycleRow
    group: GroupRow | None
    entry: EntryRow
    versions: list[CorrectionRow]


def cycle_page(
    conn: sa.Connection, cycle_id: UUID, cursors: Mapping[str, str | None], actor: str
) -> CyclePage | None:
    """The cycle page for `actor`, each journal list from its cursor (by phase) and the
    requests for help from theirs (HELP; none: the newest), or None if there is no such
    cycle."""
    cycle = cycles.get_cycle(conn, cycle_id)
    if cycle is None:
        return None
    pages = {p: cycles.entry_page(conn, cycle_id, p, cursors.get(p)) for p in JOURNAL_LISTS}
    shown = [e for page in pages.values() for e in page.entries]
    on = ["plan", "decision", *(e.id.hex for e in shown)]
    acted, learned = cycles.journal_state(conn, cycle_id)
    return CyclePage(
        cycle,
        groups.get_group(conn, cycle.group_id),
        plans.current_plan(conn, cycle_id),
        pages,
        acted,
        learned,
        cycles.entry_corrections(conn, shown),
        cycles.comments_on(conn, cycle_id, on),
        cycles.cycle_tasks_done(conn, cycle_id),
        groups.help_page(conn, cycle_id, cursors.get(HELP)),
        _cycle(conn, cycle.previous_cycle_id),
        _cycle(conn, cycle.next_cycle_id),
        cycle.follows,
        *_method_records(conn, cycle, actor),
    )


def plan_section(conn: sa.Connection, cycle_id: UUID) -> PlanSection | None:
    """The plan section of a cycle's page, or None if there is no such cycle."""
    cycle = cycles.get_cycle(conn, cycle_id)
    if cycle is None:
        return None
    plan = plans.current_plan(conn, cycle_id)
    done = cycles.cycle_tasks_done(conn, cycle_id)
    return PlanSection(
        cycle, plan, done, cycles.comments_on(conn, cycle_id, ["plan"]), cycle.follows
    )


def group_page(conn: sa.Connection, group_id: UUID, now: datetime) -> GroupPage | None:
    """A group's page as of `now` (invitations expire), or None if there is no such group."""
    group = groups.get_group(conn, group_id)
    if group is None:
        return None
    ramps = groups.group_cycles(conn, group_id)
    return GroupPage(
        group,
        groups.aim_history(conn, group_id),
        people.group_people(conn, group_id),
        people.pending_invitations(conn, group_id, now),
        groups.ramps(ramps),
        ramps,
        groups.group_help(conn, group_id, open_only=True, limit=HELP_PAGE),
        groups.help_count(conn, group_id, open_only=True),
        methods.advice_asked_of(conn, group_id),
        measures.group_measures(conn, group_id),
        {v.id: v for v in summaries.latest_values(conn, [group_id])[group_id]},
        plans.group_scales(conn, group_id),
    )


def revision_page(
    conn: sa.Connection, cycle_id: UUID, ticked: Collection[UUID] = ()
) -> RevisionPage | None:
    """The plan to revise and the entries to cite (with any `ticked` before, if citable),
    or None if there is no such cycle or plan."""
    cycle = cycles.get_cycle(conn, cycle_id)
    if cycle is None:
        return None
    group = groups.get_group(conn, cycle.group_id)
    plan = plans.current_plan(conn, cycle_id)
    if plan is None:
        return None
    entries, citable = cycles.citable_entries(conn, cycle_id, ticked)
    return RevisionPage(cycle, group, plan, entries, citable)


def correction_page(conn: sa.Connection, cycle_id: UUID, entry_id: UUID) -> CorrectionPage | None:
    """An entry of a cycle with its versions, or None if there is no such entry."""
    cycle = cycles.get_cycle(conn, cycle_id)
    entry = cycles.get_entry(conn, cycle_id, entry_id) if cycle is not None else None
    if cycle is None or entry is None:
        return None
    versions = cycles.entry_corrections(conn, [entry]).get(entry_id, [])
    return CorrectionPage(cycle, groups.get_group(conn, cycle.group_id), entry, versions)


def story_groups(conn: sa.Connection, actor: str, panel_group: UUID) -> list[GroupChoice]:
    """The groups someone may bring a story from: the panel's own first, if they record in it."""
    mine = methods.groups_recording(conn, actor)
    return sorted(mine, key=lambda g: g.id != panel_group)


def _cycle(conn: sa.Connection, cycle_id: UUID | None) -> CycleRow | None:
    return cycles.get_cycle(conn, cycle_id) if cycle_id else None


def _method_records(
    conn: sa.Connection, cycle: CycleRow, actor: str
) -> tuple[list[AdviceRequestRow], list[GroupChoice], list[StoryRow], list[GroupChoice]]:
    """Peer Assist's requests and the groups to ask, or an MSC panel's stories and the
    groups one may bring them from."""
    records = cycle.follows.records
    advice: list[AdviceRequestRow] = []
    asked: list[GroupChoice] = []
    if ADVICE in records:
        advice = methods.cycle_advice(conn, cycle.id)
        asked = methods.groups_to_ask(conn, actor, cycle.group_id)
    stories: list[StoryRow] = []
    tellers: list[GroupChoice] = []
    if STORY in records:
        stories = methods.cycle_stories(conn, cycle.id)
        tellers = story_groups(conn, actor, cycle.group_id)
    return advice, asked, stories, tellers
