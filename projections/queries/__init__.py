"""Queries the web layer asks of the read model; plain data out."""

from projections.queries.cycles import (
    CommentRow,
    CorrectionRow,
    CycleRow,
    EntryRow,
    cycle_comments,
    cycle_entries,
    cycle_tasks_done,
    entry_corrections,
    get_cycle,
)
from projections.queries.groups import (
    AimRow,
    GroupRow,
    HelpRow,
    MemberRow,
    aim_history,
    get_group,
    group_cycles,
    group_help,
    group_members,
    list_groups,
)
from projections.queries.plans import (
    PlanVersion,
    Revision,
    current_plan,
    plan_history,
    revision_history,
)

__all__ = [
    "AimRow",
    "CommentRow",
    "CorrectionRow",
    "CycleRow",
    "EntryRow",
    "GroupRow",
    "HelpRow",
    "MemberRow",
    "PlanVersion",
    "Revision",
    "aim_history",
    "current_plan",
    "cycle_comments",
    "cycle_entries",
    "cycle_tasks_done",
    "entry_corrections",
    "get_cycle",
    "get_group",
    "group_cycles",
    "group_help",
    "group_members",
    "list_groups",
    "plan_history",
    "revision_history",
]
