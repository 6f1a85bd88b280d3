"""Members writing to one measure at once: single values for days of their own, pasted and
uploaded blocks (rows shared with others; now and then a contested day or one that conflicts),
notes and corrections; a share sent twice at the same moment (a double click), then every
one once more."""

import random
import threading
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from tests.server.checks import Expect, Verdict, check_store
from tests.server.client import Member, Upload, marker
from tests.server.forms import Form
from tests.server.measure_checks import Posted, check_points
from tests.server.measure_world import Seeded, day, prepare_measure
from tests.server.scenario import Stopwatch, Writer, _form, _name, pages, submissions, together
from tests.server.server import Server
from tests.server.store import marks_now
from tests.server.world import World, prepare

WEIGHTS = {"value": 4, "paste": 3, "upload": 1, "note": 2, "correction": 1}
CONFLICTS = 0.15  # of the pastes, those holding a seeded point's day with another value
CONTESTS = 0.25  # of the pastes, those holding a contested day: each member its own value
TWINS = 0.25  # of the submissions, those sent twice at the same moment (a double click)
SHARED = range(100, 130)  # days back any member may paste, each always with one value
CONTESTED = range(130, 145)  # days back members paste with values of their own: the first
# to land stands, and a block that meets another's value is refused whole
OWN = 1000  # a member's own days go back from here, interleaved with the others'


def shared_value(back: int) -> float:
    """The one value every member pastes for a shared day."""
    return float(back % 17 + 1)


@dataclass
class MeasureWriter(Writer):
    """A member at work on one measure (a Writer's sign-in, loop and crash log)."""

    seeded: Seeded | None = None
    number: int = 0  # the member's place: its own days are OWN + number + count * i
    count: int = 1
    own: int = 0  # own days used so far
    corrections: int = 0
    posted: list[Posted] = field(default_factory=list)

    def write_one(self) -> None:
        """Read the page a form is on, fill it in and post it."""
        assert self.seeded is not None
        kind = self.rng.choices(list(self.weights), weights=list(self.weights.values()))[0]
        kind = kind if self.posted else "paste"  # a block first: every run has both kinds
        measure = f"/measures/{self.seeded.measure_id}"
        if kind in ("note", "correction"):
            mine = self.seeded.points[self.member.person.email]
            point = (
                mine
                if kind == "correction"
                else self.rng.choice(list(self.seeded.points.values()))
            )
            measure += f"/points/{point}"
        answer, forms = self.member.forms(measure)
        if answer.status != 200:
            return
        if kind == "value":
            posted = self._value(_form(forms, lambda f: f.action.endswith("/points")))
        elif kind == "paste":
            posted = self._paste(_form(forms, lambda f: f.action.endswith("/points/paste")))
        elif kind == "upload":
            posted = self._upload(_form(forms, lambda f: f.action.endswith("/points/upload")))
        elif kind == "note":
            posted = self._note(_form(forms, lambda f: f.action.endswith("/notes")), point)
        else:
            posted = self._correction(_form(forms, lambda f: f.action.endswith("/correct")), point)
        self._send(posted)

    def _own_day(self) -> str:
        self.own += 1
        return day(OWN + self.number + self.count * (self.own - 1))

    def _value(self, form: Form) -> Posted:
        when, value = self._own_day(), float(self.own % 23 + 2)
        form.set(form.name_ending("day"), when)
        field_name = form.name_ending("value")
        submission = self.member.prepare("value", form, field_name, f"{value:g}", "")
        return Posted(submission, ((when, value),))

    def _paste(self, form: Form) -> Posted:
        rows, kind = self._block("paste")
        text = "Date\tValue\n" + "".join(f"{d}\t{v:g}\n" for d, v in rows)
        submission = self.member.prepare(kind, form, form.name_ending("rows"), text, "")
        return Posted(submission, rows, kind == "conflict")

    def _upload(self, form: Form) -> Posted:
        rows, kind = self._block("upload")
        text = "Date,Value\r\n" + "".join(f"{d},{v:g}\r\n" for d, v in rows)
        submission = self.member.prepare(kind, form, "", "", "")
        submission.files.append(Upload(form.files[0], "data.csv", text.encode()))
        return Posted(submission, rows, kind == "conflict")

    def _block(self, kind: str) -> tuple[tuple[tuple[str, float], ...], str]:
        """Rows to paste or upload: two shared days, two of its own, and now and then a
        seeded point's day with another value (a conflict) or a contested day (the first
        block of each member: a conflict for even members, a contested day for odd)."""
        first = not self.posted
        backs = self.rng.sample(SHARED, 2)
        rows = [(day(b), shared_value(b)) for b in backs]
        rows += [(self._own_day(), float(self.own % 23 + 2)) for _ in range(2)]
        if (first and not self.number % 2) or (not first and self.rng.random() < CONFLICTS):
            assert self.seeded is not None
            held = self.rng.choice(list(self.seeded.values))
            rows.append((held, self.seeded.values[held] + 0.5))  # seeded values are whole
            kind = "conflict"
        elif first or self.rng.random() < CONTESTS:
            # The odd members' first blocks race for one day: one lands, the rest refused.
            back = CONTESTED[0] if first else self.rng.choice(CONTESTED)
            rows.append((day(back), float(100 + self.number)))
            kind = "contested"
        self.rng.shuffle(rows)
        return tuple(rows), kind

    def _note(self, form: Form, point: str) -> Posted:
        mark = marker()
        text = f"Noted by {self.member.person.name} {mark}"
        submission = self.member.prepare("note", form, form.name_ending("text"), text, mark)
        return Posted(submission, point=point)

    def _correction(self, form: Form, point: str) -> Posted:
        self.corrections += 1
        value = float(1000 * (self.number + 1) + self.corrections)  # never a value it holds
        form.set(form.name_ending("value"), f"{value:g}")
        mark = marker()
        text = f"Miscounted, says {self.member.person.name} {mark}"
        reason = form.name_ending("reason")
        submission = self.member.prepare("correction", form, reason, text, mark)
        return Posted(submission, point=point, value=value)

    def _send(self, posted: Posted) -> None:
        """Send it (with a twin at the same moment, now and then: a double click)."""
        self.posted.append(posted)
        twin = None
        if self.rng.random() < TWINS:
            twin = threading.Thread(target=self._again, args=(posted,), daemon=True)
            twin.start()
        posted.first = Posted.said(self.member.send(posted.submission))
        if twin is not None:
            twin.join()

    def _again(self, posted: Posted) -> None:
        posted.again.append(Posted.said(self.member.replay(posted.submission)))

    def replay_all(self) -> None:
        """Send every submission once more, same key."""
        try:
            for posted in list(self.posted):
                self._again(posted)
        except Exception:
            self.crashed.append(traceback.format_exc())


def measure_writers(port: int, world: World, seeded: Seeded, seed: int) -> list[MeasureWriter]:
    """One writer per member of the world's first team, each with its own random choices."""
    people = world.teams[0].members
    return [
        # Seeded, so a run's choices can be replayed; nothing here is a secret.
        MeasureWriter(
            Member(port, person),
            world.teams[0].cycle_id,
            random.Random(seed * 1000 + n),  # noqa: S311
            weights=dict(WEIGHTS),
            seeded=seeded,
            number=n,
            count=len(people),
        )
        for n, person in enumerate(people)
    ]


def measure_concurrency(
    database_url: str, logs: Path, seconds: float, count: int = 8, seed: int = 4
) -> Verdict:
    """`count` members write to one measure for `seconds`, then replay everything once."""
    clock = Stopwatch()
    world = prepare(database_url, members=count)
    seeded = prepare_measure(world)
    clock.lap("prepare")
    with Server(database_url, logs, projection_worker=True) as server:
        clock.lap("start")
        group = measure_writers(server.port, world, seeded, seed)
        together(group, MeasureWriter.sign_in)
        clock.lap("sign in")
        together(group, lambda w: w.run(seconds))
        clock.lap("write")
        before_replays = marks_now(database_url)
        together(group, MeasureWriter.replay_all)
        clock.lap("replay")
    clock.lap("stop")
    additions = frozenset(WEIGHTS)  # every kind lands, but a block that conflicts or contests
    verdict = check_store(
        f"Measures: {count} writers x {seconds:.0f} s on one measure on "
        f"{_name(database_url)}, a share sent twice at once, then every submission replayed",
        database_url,
        submissions(group),
        pages(group),
        Expect(replays=True, additions=additions),
        before_replays,
    )
    posted = [p for w in group for p in w.posted]
    problems, notes = check_points(
        database_url, seeded.measure_id, seeded.values, seeded.days, posted
    )
    clock.lap("check")
    verdict.problems += problems + [f"a writer crashed: {c}" for w in group for c in w.crashed]
    verdict.notes += notes
    verdict.timing = str(clock)
    kinds = {p.submission.kind for p in posted}
    verdict.problems += [
        f"no {k} block was pasted" for k in sorted({"conflict", "contested"} - kinds)
    ]
    contested = [p.submission.status for p in posted if p.submission.kind == "contested"]
    if 422 not in contested:
        verdict.problems.append("no contested block met another's value (none refused)")
    return verdict
