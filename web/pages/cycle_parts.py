"""The cycle page's parts and their order: for a team that records, the part the cycle is
in now comes first, so the form it needs is at the top; for a reader, and once the cycle
is closed, the natural reading order (plan, act, reflect, decision)."""

from collections.abc import Collection
from dataclasses import dataclass

from flask import get_flashed_messages

from domain.entries import PLAN as PLANNING
from projections.queries import CyclePage


@dataclass(frozen=True)
class Part:
    """One part of the cycle page: its anchor, its name in the contents (none for a
    method's own records, which the contents leave out), the template that draws it, and
    the method record it needs (a part only some methods have)."""

    anchor: str
    name: str | None
    template: str
    record: str | None = None


PLAN = Part("plan", "Plan", "cycles/_plan_section.html")
ADVICE = Part("peer-assist", None, "cycles/_advice.html", "advice")
STORIES = Part("stories", None, "cycles/_stories.html", "story")
ACT = Part("act", "Act", "cycles/_act.html")
REFLECT = Part("reflect", "Reflect", "cycles/_reflect.html")
DECISION = Part("decision", "Decision", "cycles/_decision.html")
HELP = Part("help", "Help", "cycles/_help.html")
# What was planned, then what was done, seen and learned, then what was decided; help
# (which any part may need) last.
READING = (PLAN, ADVICE, STORIES, ACT, REFLECT, DECISION, HELP)


def current(page: CyclePage) -> Part:
    """The part the cycle is in now, by the rules that offer the forms: deciding once
    something is learned, reflecting once something was done or seen, acting before."""
    if page.cycle.closed or page.learned:
        return DECISION
    return REFLECT if page.acted else ACT


def order(page: CyclePage, can: Collection[str]) -> tuple[Part, ...]:
    """The parts in the page's order: the current one first for those who record in an
    open cycle, the reading order otherwise."""
    shown = tuple(p for p in READING if p.record is None or p.record in page.method.records)
    if page.cycle.closed or "record" not in can:
        return shown
    now = current(page)
    return (now, *(p for p in shown if p is not now))


def just_revised(page_plan_version: int | None) -> bool:
    """Whether this plan version was saved just now (the revision page flashes it)."""
    saved = get_flashed_messages(category_filter=["revised"])
    return page_plan_version is not None and str(page_plan_version) in saved


def plan_folded(page: CyclePage, *, revised: bool, pending: bool) -> bool:
    """Whether the plan's details fold away: once past planning, unless its version was
    just saved or a comment on it is being written or was refused."""
    return page.cycle.phase != PLANNING and not revised and not pending
