"""Members deciding one cycle at once, through the real server.

At the start each member opens a cycle a question a page, as a person does (an exploratory
and a predicted question, a scale, a date in the past; the first page sent twice), then
sends the check page's plan. Then, round by round, everyone decides the same cycle at the
same moment (adopt and scale up against adapt, then all four decisions) while one member
sends a reflection to it as it closes; between rounds, entries dated when they happened. A
share of submissions is sent twice at once (a double click), a share loses its first answer
to a timeout and is sent until answered; then every one is sent once more."""

import random
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from uuid import UUID

from domain.entries import ADAPT, CONTINUING, DECISIONS, SCALE_UP
from domain.roles import FACILITATOR
from tests.server.checks import Verdict
from tests.server.client import Member, marker
from tests.server.decision_checks import Sent, check_decisions
from tests.server.decision_world import QUESTIONS, prepare_cycles
from tests.server.forms import Form
from tests.server.measure_world import day
from tests.server.scenario import (
    Stopwatch,
    Writer,
    _form,
    _name,
    judge_replayed,
    write_then_replay,
)
from tests.server.server import Server
from tests.server.world import World, prepare

ENTRIES = 1  # dated entries each member records before each round
PATIENCE = 0.005  # seconds an impatient first try waits: its answer is lost, as to a timeout
ANSWER_DEADLINE = 60.0  # how long an impatient member keeps sending until answered
GATHER = 60.0  # how long a member waits for the others at the start of a round
PLAIN, TWIN, IMPATIENT = "plain", "twin", "impatient"
SENDS = (PLAIN, TWIN, IMPATIENT)
ROW = ("question", "prediction", "reason", "kind")  # a plan question's fields, as QUESTIONS
PAGES = {SCALE_UP: "scale-up", ADAPT: "adapt"}  # the continuing decisions' own forms


@dataclass
class DecidingWriter(Writer):
    """A member of the group: opens a cycle, then decides each raced cycle with the others."""

    group_id: UUID | None = None
    raced: tuple[UUID, ...] = ()
    gather: threading.Barrier | None = None
    number: int = 0
    count: int = 1
    records: list[Sent] = field(default_factory=list)

    def work(self) -> None:
        """Open a cycle, then each round: dated entries, then the race for the cycle."""
        try:
            self._send(self._opening(), SENDS[self.number % len(SENDS)])
            for r, cycle_id in enumerate(self.raced):
                for _ in range(ENTRIES):
                    self._send(self._dated(), self.rng.choice(SENDS))
                self._race(r, cycle_id)
        except Exception:
            self.crashed.append(traceback.format_exc())
            if self.gather is not None:
                self.gather.abort()  # the others stop waiting for this one

    def _race(self, r: int, cycle_id: UUID) -> None:
        """Read the form, wait for everyone, send it at the same moment as they do."""
        late = (self.number + r) % self.count == self.count - 1
        sent = self._late(cycle_id) if late else self._decision(r, cycle_id)
        assert self.gather is not None
        self.gather.wait(GATHER)
        if sent is not None:
            self._send(sent, SENDS[(self.number + r) % len(SENDS)])

    def _when(self, back: int, at: str) -> tuple[dict[str, str], str]:
        """A past date (and time, given one) for a form, and as its event stores it."""
        fields = {"happened_on": day(back), "happened_time": at}
        return fields, day(back) + (f"T{at}" if at else "")

    def _fill(self, form: Form, back: int, at: str = "") -> str:
        fields, stored = self._when(back, at)
        for name, value in fields.items():
            form.set(form.name_ending(name), value)
        return stored

    def _opening(self) -> Sent:
        """A new ramp's first plan, answered a question a page as a person does (an
        exploratory and a predicted question, a scale, a date in the past), each page's
        post answered by the next page's address; the first page sent twice, as a double
        click does, must lead to the same draft. Then the check page's form, which the
        race sends as it sends everything."""
        scale = f"{self.number + 1} nurses, 1 shift"
        when, happened = self._when(20 + self.number, "09:30" if self.number % 2 else "")
        mark = marker()
        answers = {
            "objective": f"Sticker trial by {self.member.person.name} {mark}",
            "scale": scale,
            **when,
            **{
                f"questions-{n}-{name}": value
                for n, row in enumerate(QUESTIONS)
                for name, value in zip(
                    ("question", "prediction", "reason", "kind"), row, strict=True
                )
            },
        }
        at = f"/groups/{self.group_id}/cycles/new"
        first = self._page_form(at)
        twice = [self.member.request("POST", at, first.fields) for _ in range(2)]
        assert [t.status for t in twice] == [303, 303], f"the first page answered {twice}"
        assert twice[0].location == twice[1].location, f"two drafts from one page: {twice}"
        at = _path(twice[0].location)
        while not at.endswith("/check"):
            form = self._page_form(at)
            for name, value in answers.items():
                if form.get(name) is not None:
                    form.set(name, value)
            sent = self.member.request("POST", at, form.fields)
            assert sent.status == 303, f"{at} answered {sent.status}: {sent.body[:300]}"
            at = _path(sent.location)
        check = self._page_form(at, lambda f: f.action == f"/groups/{self.group_id}/cycles")
        submission = self.member.prepare("opening", check, "", "", mark)
        return Sent(submission, mark, happened=happened, scale=scale)

    def _page_form(self, path: str, which: "Callable[[Form], bool] | None" = None) -> Form:
        """The form a question page (or the check page) offers, read through the server."""
        answer, forms = self.member.forms(path)
        assert answer.status == 200, f"{path} answered {answer.status}"
        return _form(forms, which or (lambda f: _path(f.action) == _path(path)))

    def _dated(self) -> Sent:
        """Something done or seen on the group's acting cycle, dated when it happened."""
        answer, forms = self.member.forms(f"/cycles/{self.cycle_id}")
        assert answer.status == 200, f"the cycle page answered {answer.status}"
        form = _form(forms, lambda f: f.action.endswith("/entries"))
        kinds = form.name_ending("kind")
        form.set(kinds, self.rng.choice(form.options[kinds]))
        at = self.rng.choice(["", "14:05"])
        happened = self._fill(form, self.rng.randint(1, 30), at)
        mark = marker()
        text = f"Seen by {self.member.person.name} {mark}"
        submission = self.member.prepare("entry", form, form.name_ending("text"), text, mark)
        return Sent(submission, mark, self.cycle_id, happened=happened)

    def _late(self, cycle_id: UUID) -> Sent | None:
        """A reflection on the raced cycle, sent as the others decide it."""
        answer, forms = self.member.forms(f"/cycles/{cycle_id}")
        if answer.status != 200:
            return None
        form = _form(forms, lambda f: f.action.endswith("/reflections"))
        mark = marker()
        text = f"Learned by {self.member.person.name} {mark}"
        submission = self.member.prepare("late", form, form.name_ending("text"), text, mark)
        return Sent(submission, mark, cycle_id)

    def _decision(self, r: int, cycle_id: UUID) -> Sent | None:
        """The member's decision on the raced cycle: in even rounds scale up or adapt, in odd
        ones any of the four; half of them dated a day back per round."""
        offered = CONTINUING if r % 2 == 0 else DECISIONS
        decision = offered[(self.number + r) % len(offered)]
        page = PAGES.get(decision)
        answer, forms = self.member.forms(f"/cycles/{cycle_id}" + (f"/{page}" if page else ""))
        if answer.status != 200:
            return None
        scale = ""
        if page:
            form = _form(forms, lambda f: f.action.endswith(f"/{page}"))
            cites = form.name_ending("cites")
            form.tick(cites, self.rng.choice(form.options[cites]))
            if decision == SCALE_UP:
                scale = f"Ward 7, every nurse, {r + 2} weeks ({self.member.person.name})"
                form.set(form.name_ending("scale"), scale)
            text = form.name_ending("change")
        else:
            form = _form(forms, lambda f: f.action.endswith("/decision"))
            form.set(form.name_ending("decision"), decision)
            text = form.name_ending("reason")
        happened = self._fill(form, r + 1) if self.number % 2 else ""
        mark = marker()
        words = f"{decision} by {self.member.person.name} {mark}"
        # Its mark is in the decision and, when it continues, in the next cycle's change too:
        # the decisions' own checks read the store for it (decision_checks).
        submission = self.member.prepare("decision", form, text, words, "")
        return Sent(submission, mark, cycle_id, decision, happened, scale)

    def _send(self, sent: Sent, how: str) -> None:
        """Send it plainly, twice at once, or first impatiently (the answer lost)."""
        self.records.append(sent)
        sent.how = how
        twin = None
        if how == TWIN:
            twin = threading.Thread(target=self._again, args=(sent,), daemon=True)
            twin.start()
        if how == IMPATIENT:
            deadline = time.monotonic() + ANSWER_DEADLINE
            answer = self.member.send_until_answered(sent.submission, deadline, patience=PATIENCE)
        else:
            answer = self.member.send(sent.submission)
        sent.answered(answer)
        if answer.status == 303 and sent.submission.kind != "entry":
            # As a browser follows it: what was just recorded shows there.
            page = self.member.get(answer.location.split("#")[0])
            sent.landed = (page.status, page.body)
        if twin is not None:
            twin.join()

    def _again(self, sent: Sent) -> None:
        answer = self.member.replay(sent.submission)
        sent.again.append((answer.status, answer.location))

    def replay_all(self) -> None:
        """Send every submission once more, same key."""
        try:
            for sent in list(self.records):
                self._again(sent)
        except Exception:
            self.crashed.append(traceback.format_exc())


def deciding_writers(
    port: int, world: World, raced: tuple[UUID, ...], seed: int
) -> list[DecidingWriter]:
    """One writer per member of the world's first team, all gathering at each round."""
    team = world.teams[0]
    gather = threading.Barrier(len(team.members))
    return [
        # Seeded, so a run's choices can be replayed; nothing here is a secret.
        DecidingWriter(
            Member(port, person),
            team.cycle_id,
            random.Random(seed * 1000 + n),  # noqa: S311
            group_id=team.group_id,
            raced=raced,
            gather=gather,
            number=n,
            count=len(team.members),
        )
        for n, person in enumerate(team.members)
    ]


def deciding_at_once(
    database_url: str, logs: Path, rounds: int = 4, count: int = 8, seed: int = 5
) -> Verdict:
    """`count` members (facilitators: they open cycles too) race to decide `rounds` cycles,
    then replay everything once."""
    clock = Stopwatch()
    world = prepare(database_url, members=count, role=FACILITATOR)
    raced = prepare_cycles(world, rounds)
    clock.lap("prepare")
    with Server(database_url, logs, projection_worker=True) as server:
        clock.lap("start")
        group = deciding_writers(server.port, world, raced, seed)
        before_replays = write_then_replay(group, DecidingWriter.work, database_url, clock)
    verdict = judge_replayed(
        f"Decisions: {count} members open a cycle each, then race to decide {rounds} cycles "
        f"on {_name(database_url)} (scale up, adapt, adopt, abandon), dated entries between, "
        "a share sent twice at once or after a lost answer, then every submission replayed",
        database_url,
        group,
        before_replays,
        clock,
    )
    problems, notes = check_decisions(
        database_url, world.teams[0].group_id, raced, [s for w in group for s in w.records]
    )
    verdict.problems += problems
    verdict.notes += notes
    return verdict


def _path(location: str) -> str:
    """An address's path and query, whether the server gave it whole or as a path."""
    parts = urlsplit(location)
    return parts.path + (f"?{parts.query}" if parts.query else "")
