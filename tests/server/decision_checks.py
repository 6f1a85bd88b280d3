"""The verdict on raced decisions as the event store holds them: one decision per cycle, made
by a submission that was told so, one next cycle where it continues the ramp, every other
decision refused with a page that says why and stored nowhere, replays answered as the first
was; cycles numbered once each; and dates, scales and questions kept as sent."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from domain.cycle import Cycle
from domain.entries import CONTINUING, SCALE_UP
from domain.group import PilotGroup
from tests.server.checks import SHOWN
from tests.server.client import Answer, Submission
from tests.server.decision_world import QUESTIONS
from tests.server.store import MARK, marked_events, store

# What a refused page says, by the kind of submission refused: someone else decided first,
# or the cycle closed before the reflection reached it.
REFUSALS = {"decision": "already decided", "late": "This cycle is closed"}
# How the page shows the cycle as it now is, decided: its decision, or the plan form's notice.
CLOSED = ("Decided to", "This cycle is closed: it was")


@dataclass
class Sent:
    """One of the scenario's submissions, what it asked to be kept, and every answer (status
    and Location) it got: the one that counted, then twins and replays."""

    submission: Submission
    mark: str  # in its text: a decision's too, which its submission leaves unmarked
    cycle_id: UUID | None = None  # the cycle it was about (an opening: none yet)
    decision: str = ""
    happened: str = ""  # as its event should store it ("" when it happened as recorded)
    scale: str = ""  # an opening's or a scale-up's
    first: tuple[int | None, str] = (None, "")
    again: list[tuple[int | None, str]] = field(default_factory=list)
    page: str = ""  # a refusal's page
    how: str = ""  # sent plainly, twice at once, or again after a lost answer
    landed: tuple[int | None, str] = (None, "")  # the page a 303 led to: status and text

    def answered(self, answer: Answer) -> None:
        """Keep the answer that counted, and the page if it refused."""
        self.first = (answer.status, answer.location)
        if answer.status is not None and 400 <= answer.status < 500:
            self.page = answer.body


def _accepted(status: int | None) -> bool:
    return status is not None and 200 <= status < 400


def check_decisions(
    database_url: str, group_id: UUID, raced: Sequence[UUID], sent: Sequence[Sent]
) -> tuple[list[str], list[str]]:
    """Problems with the decisions, dates and openings, and the counts for the report."""
    with store(database_url) as (app, _):
        marked = marked_events(app)
        decided = {c: _decisions(app.repository.event_store.get(c)) for c in raced}
        added = [
            e
            for e in app.repository.event_store.get(group_id)
            if isinstance(e, PilotGroup.CycleAdded)
        ]
    wrong: dict[str, list[str]] = {}
    numbers = [e.number for e in added]
    if numbers != list(range(1, len(added) + 1)):
        wrong["cycle numbers given twice or skipped"] = [str(numbers)]
    opened = Counter(e.cycle_id for e in added)
    wrong["a cycle added to the group twice"] = [str(c) for c, n in opened.items() if n > 1]
    winners: list[str] = []
    for cycle_id in raced:
        race = [s for s in sent if s.decision and s.cycle_id == cycle_id]
        won, broken = judge_race(cycle_id, decided[cycle_id], race, marked, set(opened))
        winners.append(won)
        for what, case in broken:
            wrong.setdefault(what, []).append(case)
    for s in sent:
        _kept(s, marked, wrong)
        for what, case in page_problems(s):
            wrong.setdefault(what, []).append(case)
    problems = [
        f"{what}: {len(cases)} — {'; '.join(cases[:SHOWN])}"
        for what, cases in wrong.items()
        if cases
    ]
    kinds = Counter(s.submission.kind for s in sent)
    followed = sum(1 for s in sent if s.landed[0] is not None)
    again = Counter(str(a[0]) for s in sent for a in s.again)
    notes = [
        f"raced cycles {len(raced)}, won by: {', '.join(winners)}; cycles in the group "
        f"{len(added)}; sent {dict(kinds)}; pages a recorded opening or decision led to, "
        f"read as a browser follows it: {followed}",
        "answers again (twins and replays): "
        + ", ".join(f"{n}x{a}" for a, n in sorted(again.items())),
    ]
    return problems, notes


def _decisions(events: Any) -> list[Any]:
    return [e for e in events if isinstance(e, Cycle.DecisionMade)]


def judge_race(
    cycle_id: UUID,
    decisions: Sequence[Any],
    race: Sequence[Sent],
    marked: dict[str, list[Any]],
    added: set[UUID],
) -> tuple[str, list[tuple[str, str]]]:
    """What won one raced cycle (for the report), and each way the race broke a promise."""
    if len(decisions) != 1:
        return "?", [
            ("a cycle not decided exactly once", f"{cycle_id}: {[d.decision for d in decisions]}")
        ]
    decision = decisions[0]
    found = MARK.findall(decision.reason)
    winner = [s for s in race if found and s.mark == f"[sub:{found[0]}]"]
    if not winner:
        return "?", [("a decision no raced submission sent", str(cycle_id))]
    won = winner[0]
    problems = _winner(won, decision, marked, added)
    for s in race:
        if s is not won:
            problems += _loser(s, marked)
    return f"{won.decision} ({won.how})", problems


def _winner(
    won: Sent, decision: Any, marked: dict[str, list[Any]], added: set[UUID]
) -> list[tuple[str, str]]:
    """The decision stored is the one its sender was told was recorded, as sent; a ramp
    that goes on has one next cycle, opened from it, and every answer leads there."""
    what = f"{won.decision} {won.mark} by {won.submission.member}"
    problems = []
    if not _accepted(won.first[0]):
        problems.append(("decided, yet its sender was refused", f"{what}: {won.first[0]}"))
    if (decision.decision, decision.happened) != (won.decision, won.happened):
        problems.append(
            (
                "a decision stored otherwise than sent",
                f"{what}: stored {decision.decision} on {decision.happened!r}, sent "
                f"on {won.happened!r}",
            )
        )
    nexts = [e for e in marked.get(won.mark, []) if isinstance(e, Cycle.Continued)]
    if won.decision in CONTINUING:
        if len(nexts) != 1 or nexts[0].originator_id != decision.next_cycle_id:
            problems.append(("not exactly one next cycle opened", f"{what}: {len(nexts)}"))
        elif nexts[0].originator_id not in added or _next_differs(won, decision, nexts[0]):
            problems.append(("the next cycle differs from what was sent", what))
        else:
            won_at = f"/cycles/{nexts[0].originator_id}"
            if not won.first[1].startswith(won_at):
                problems.append(("the winner not sent to the next cycle", f"{what}: {won.first}"))
    elif nexts or decision.next_cycle_id is not None:
        problems.append(("a next cycle opened by a decision that ends the ramp", what))
    problems += [
        ("a replay of the winner answered otherwise than the first", f"{what}: {won.first} {a}")
        for a in won.again
        if a != won.first
    ]
    return problems


def _next_differs(won: Sent, decision: Any, following: Any) -> bool:
    """The next cycle is not as sent: its date, its scale (scaling up), or its change, which
    is the decision's one reason (said once)."""
    scale = following.plan["scale"]
    return (
        following.happened != won.happened
        or following.change != decision.reason
        or (won.decision == SCALE_UP and scale != won.scale)
    )


def _loser(s: Sent, marked: dict[str, list[Any]]) -> list[tuple[str, str]]:
    """Another decision of the same cycle: refused as made on a stale basis, first and
    again, and stored nowhere."""
    what = f"{s.decision} {s.mark} by {s.submission.member}"
    problems = []
    if s.first[0] != 409:
        problems.append(("a decision that lost not refused with 409", f"{what}: {s.first}"))
    problems += [
        ("a replay of a decision that lost answered otherwise", f"{what}: {a}")
        for a in s.again
        if a[0] != 409
    ]
    if s.mark in marked:
        problems.append(("a decision that lost was stored", f"{what}: {len(marked[s.mark])}x"))
    return problems


def _kept(s: Sent, marked: dict[str, list[Any]], wrong: dict[str, list[str]]) -> None:
    """An accepted entry or opening stored with the date (and the plan) it was sent with."""
    if s.submission.kind not in ("entry", "opening"):
        return
    if not _accepted(s.first[0]):
        wrong.setdefault("an entry or opening refused", []).append(f"{s.mark}: {s.first}")
        return
    for event in marked.get(s.mark, []):
        if event.happened != s.happened:
            wrong.setdefault("stored with another date than sent", []).append(
                f"{s.submission.kind} {s.mark}: stored {event.happened!r}, sent {s.happened!r}"
            )
        if isinstance(event, Cycle.Opened) and _plan_differs(s, event.plan):
            wrong.setdefault("a plan stored otherwise than sent", []).append(
                f"{s.mark}: {event.plan}"
            )


def _plan_differs(s: Sent, plan: dict[str, Any]) -> bool:
    questions = [
        (q["question"], q["prediction"], q["reason"], q["exploratory"]) for q in plan["questions"]
    ]
    sent = [(q, p, r, k == "exploratory") for q, p, r, k in QUESTIONS]
    return questions != sent or plan["scale"] != s.scale


def page_problems(s: Sent) -> list[tuple[str, str]]:
    """What is wrong with the page a submission was answered with: a refusal says why, in
    words, with no stack trace, and one because the cycle was decided shows it decided, not
    still open; the page a recorded opening or decision leads to shows what was recorded
    (the objective or the reason, or the next cycle, linked back, at the scale sent)."""
    problems = []
    what = f"{s.submission.kind} {s.decision} {s.mark}"
    said = REFUSALS.get(s.submission.kind, "")
    if s.page and (said not in s.page or "Traceback" in s.page):
        problems.append(("a refusal that does not say why", f"{what}: expected {said!r}"))
    if s.page and said and not any(closed in s.page for closed in CLOSED):
        problems.append(("a refusal whose page shows the cycle still open", what))
    status, page = s.landed
    ramp_goes_on = s.decision in CONTINUING
    shown = [f'href="/cycles/{s.cycle_id}"', s.scale] if ramp_goes_on else [s.mark]
    if status is not None and (status != 200 or not all(words in page for words in shown)):
        problems.append(
            (
                "the page a recorded submission leads to does not show it",
                f"{what}: {status}, expected {shown}",
            )
        )
    return problems
