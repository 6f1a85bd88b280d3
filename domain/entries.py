"""The words of a cycle: its phases, the kinds of its entries, outcomes and decisions."""

from dataclasses import dataclass
from typing import Final
from uuid import UUID

PLAN, ACT, REFLECT, DECIDED = "plan", "act", "reflect", "decided"

# Act: what was done and seen. Reflect: what it meant. The names are stored in events.
ACTION, OBSERVATION, PROBLEM, SURPRISE = "action", "observation", "problem", "surprise"
COMPARISON, REFLECTION, MISTAKE = "comparison", "reflection", "mistake"
ACT_KINDS: Final = (ACTION, OBSERVATION, PROBLEM, SURPRISE)
REFLECT_KINDS: Final = (COMPARISON, REFLECTION, MISTAKE)
# Records of particular methods: advice from another group (Peer Assist), a story of
# change and the panel's choice among the stories (Most Significant Change).
ADVICE, STORY, CHOICE = "advice", "story", "choice"
ACTED: Final = (*ACT_KINDS, STORY)  # something done or seen: reflecting may begin
LEARNED: Final = (COMPARISON, REFLECTION, CHOICE)  # what a decision must rest on

CONFIRMED, PARTLY, NOT_CONFIRMED = "confirmed", "partly", "not_confirmed"
OUTCOMES: Final = (CONFIRMED, PARTLY, NOT_CONFIRMED)

# A stored "adopt" is adopt and implement: the ramp ends. "scale_up" adopts the change and
# goes on to test it at a larger scale, so, like adapt, it opens the next cycle.
ADOPT, SCALE_UP, ADAPT, ABANDON = "adopt", "scale_up", "adapt", "abandon"
DECISIONS: Final = (ADOPT, SCALE_UP, ADAPT, ABANDON)
CONTINUING: Final = (SCALE_UP, ADAPT)  # the decisions that open the ramp's next cycle


def decision_verb(decision: str) -> str:
    """What the group decided to do, as a verb: "adopt and scale up", "abandon"."""
    return "adopt and scale up" if decision == SCALE_UP else decision


@dataclass(frozen=True)
class Decision:
    """Adopt, scale up, adapt or abandon, with the reason; scale up and adapt name the next
    cycle."""

    decision: str
    reason: str
    actor: str
    next_cycle_id: UUID | None = None
