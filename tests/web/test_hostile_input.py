"""Hostile input at every state-changing form: never a 5xx, and a refusal writes nothing.

Each form gets random and hostile bodies (control characters, NUL, lone surrogates,
RTL marks, emoji, text up to ~20k characters, wrong types for numbers, selects and
tick boxes, missing, duplicated and extra fields, bodies of the wrong encoding) from
the signed-in facilitator, now and then from someone signed out or outside the group,
with and without htmx headers. For every request:

* the status is below 500;
* a refusal (4xx) wrote no event (a refused sign-in may only count the failure);
* when something was written, the pages showing it still render.

LEARNLOOP_HOSTILE_EXAMPLES sets the examples per form (30; more for a longer hunt).
The number of inputs tried is printed at the end of the module (see it with -s) and,
when LEARNLOOP_HOSTILE_COUNT is set, written to a file: the variable's value if it is
a path, else `learnloop-hostile-count` in the temporary directory.

Bugs it found are pinned by the named tests near the end of this module.
"""

import json
import os
import tempfile
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from domain.application import Learnloop, Recorded
from domain.cycle import Cycle
from domain.entries import ACT_KINDS, OUTCOMES
from domain.fields import LIMITS
from domain.methods import CATALOGUE, PDSA
from domain.roles import ROLES
from tests.builders import plan
from tests.conftest import PASSWORD, join, make_app, register, sign_in
from tests.web.conftest import HX, events_in, services_of

EXAMPLES = int(os.environ.get("LEARNLOOP_HOSTILE_EXAMPLES", "30"))  # per form
HOSTILE = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # nothing written into the working tree
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # one app per form, reused by its examples
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
TRIED: Counter[str] = Counter()
ANSWERS: Counter[tuple[str, int]] = Counter()  # (form, status)
WROTE: Counter[str] = Counter()  # tries that were accepted and recorded something
QUESTION = "Fewer falls?"
TASK = ("Buy torches", "Ann", "2026-03-31")
PEER_ASSIST, MSC = "peer_assist", "most_significant_change"
STORY = {"title": "Lights on", "teller": "Mr Jones", "text": "I slept", "why": "I felt safe"}

# -- Values ---------------------------------------------------------------------------

SPECIAL = (
    "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\xa0", "\u2028",
    "\u2029", "\u200b", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069",
    "\ufeff", "\ufffd", "\uffff", "\ud800", "\udfff", "\U0001f600", "\U0010ffff",
    "\U0001f469\U0001f3fd\u200d\u2695\ufe0f", "e\u0301", "ß", "İ", "ǅ", "\u0663", "²",
    "\U0001d7d8",
    "<", ">", "&", '"', "'", "`", "%", "%00", "+", "=", ";", "#", "?", "/", "\\",
    "\r", "\n", "\r\n", "\t", " ", "{{", "}}", "${x}",
)  # fmt: skip
SURROGATE = st.characters(codec=None, categories=["Cs"])
ODD_PIECE = st.one_of(st.characters(), SURROGATE, st.sampled_from(SPECIAL))
ODD_WORDS = (
    "", " ", "\n\t ", "\x00", "null", "None", "undefined", "[]", "{}", "0", "-1", "true",
    "<script>alert(1)</script>", "%s%n%x", "../../etc/passwd", "' OR 1=1 --", "\u202egnp.exe",
)  # fmt: skip
LONG = st.builds(
    lambda unit, n: (unit * n)[:n],
    st.sampled_from(["x", "😀", "\u202e", " ", "\x00", "e\u0301", "<a>", "\ud800"]),
    st.integers(1, 20_000),
)


def odd_text(max_size: int) -> st.SearchStrategy[str]:
    """Characters, lone surrogates and odd pieces (NUL, RTL marks, emoji), mixed."""
    return st.lists(ODD_PIECE, max_size=max_size).map("".join)


def hostile_text(limit: int | None = None) -> st.SearchStrategy[str]:
    """Arbitrary and hostile text; around `limit` characters too, if given."""
    options = [
        st.text(max_size=30),
        odd_text(30),
        st.lists(st.one_of(st.sampled_from(SPECIAL), st.text(max_size=4))).map("".join),
        LONG,
        st.sampled_from(ODD_WORDS),
    ]
    if limit is not None:
        options.append(
            st.builds(
                lambda pad, unit, n: pad + unit * n + pad,
                st.sampled_from(["", "  ", "\n"]),
                st.sampled_from(["x", "😀", "é"]),
                st.sampled_from([limit - 1, limit, limit + 1, 2 * limit]),
            )
        )
    return st.one_of(options)


def plausible_text(limit: int) -> st.SearchStrategy[str]:
    """Text the field should accept: not blank, within the limit, odd characters inside."""
    return st.builds(
        lambda head, tail: (head + tail)[:limit],
        st.sampled_from(["x", "Ward 7", "😀", "ב", "\u202eevil", "<b>", "Ünïcödé"]),
        odd_text(12),
    )


@dataclass(frozen=True)
class Values:
    """What a field may be sent: likely accepted, and hostile."""

    plausible: st.SearchStrategy[str]
    hostile: st.SearchStrategy[str]


@dataclass(frozen=True)
class Field:
    """One form field and what it may be sent."""

    name: str
    values: Values


def text(limit_of: str) -> Values:
    limit = LIMITS[limit_of]
    return Values(plausible_text(limit), hostile_text(limit))


def choice(*options: str) -> Values:
    offered = st.sampled_from(options)
    odd = st.one_of(
        offered.map(str.upper), offered.map(lambda o: f" {o}"), offered.map(lambda o: o * 2)
    )
    return Values(offered, st.one_of(odd, hostile_text()))


def tick() -> Values:
    return Values(
        st.sampled_from(["y", "on", "1", "true"]),
        st.one_of(st.sampled_from(["", "false", "0", "off", "n", "no", "False"]), hostile_text()),
    )


def integer(valid: int) -> Values:
    odd = st.sampled_from(
        [
            "",
            "abc",
            "1.0",
            "1e0",
            "0x1",
            "+1",
            " 1 ",
            "-1",
            "0",
            "\u0661",
            "²",
            "9" * 50,
            "9" * 5000,
        ]
    )
    return Values(st.just(str(valid)), st.one_of(odd, st.integers().map(str), hostile_text()))


def due_date() -> Values:
    odd = st.sampled_from(
        ["2026-02-30", "31/03/2026", "tomorrow", "2026-13-01", "0000-01-01", "9999-12-31",
         "2026-03-31T10:00", "2026-W13-2", "-2026-01-01",
         "\uff12\uff10\uff12\uff16-\uff10\uff13-\uff13\uff11"]
    )  # fmt: skip
    valid = st.sampled_from(["2026-03-31", "2026-12-01", "", "20260331", " 2027-01-01 "])
    return Values(valid, st.one_of(odd, hostile_text(300)))


def one_of_ids(*offered: str, not_offered: tuple[str, ...] = ()) -> Values:
    """A select or radio of ids: one offered, else an id not offered (or spelt otherwise)."""
    ids = choice(*offered)
    others = [*not_offered, str(uuid.uuid4()), uuid.uuid4().hex, UUID(offered[0]).hex]
    return Values(ids.plausible, st.one_of(ids.hostile, st.sampled_from(others)))


def email() -> Values:
    local = st.text("abcdefghijklmnopqrstuvwxyzABC0123456789.+_-'", min_size=1, max_size=20)
    valid = st.one_of(
        local.map(lambda name: f"{name}@example.org"),
        st.sampled_from(["ÜNÏ@exämple.org", "a@b.c", " Dan@Example.ORG "]),
    )
    return Values(valid, st.one_of(hostile_text(254), local.map(lambda n: f"{n}@@x")))


def password() -> Values:
    return Values(st.just(PASSWORD), hostile_text(200))


def plan_fields(draw: Callable[[st.SearchStrategy[Any]], Any], chaos: int) -> list[Field]:
    """The plan form's fields, with question and task rows (more rows than allowed, at times)."""
    most = (12, 22) if chaos else (3, 3)
    questions = draw(st.integers(1, most[0]))
    tasks = draw(st.integers(0, most[1]))
    fields = [
        Field("objective", text("objective")),
        Field("plan_text", text("plan_text")),
        Field("who", text("who")),
        Field("where", text("where")),
        Field("when", text("when")),
        Field("data", text("data")),
        Field("measures", text("measures")),
    ]
    for i in range(questions):
        fields += [
            Field(f"questions-{i}-question", Values(st.just(QUESTION), hostile_text(300))),
            Field(f"questions-{i}-prediction", text("prediction")),
            Field(f"questions-{i}-reason", text("reason")),
        ]
    task_ids = Values(st.sampled_from(["", uuid.uuid4().hex]), hostile_text())
    for i in range(tasks):
        fields += [
            Field(f"tasks-{i}-text", text("task")),
            Field(f"tasks-{i}-owner", text("owner")),
            Field(f"tasks-{i}-due", due_date()),
            Field(f"tasks-{i}-task_id", task_ids),
        ]
    return fields


# -- Requests ---------------------------------------------------------------------------


@dataclass
class Attempt:
    """One request to make: where, what fields, who, and which pages show the result."""

    url: str
    fields: list[Field]
    views: list[str]
    client: FlaskClient | None = None  # None: drawn (mostly the facilitator)
    refusal_may_record: str = ""  # a refused request may record events of this topic


@dataclass
class World:
    """One app per form: its people, a group and another (to ask for advice, or bring
    stories from), and fresh groups and cycles (following a method, if asked) on demand."""

    app: Flask
    ann: UUID
    clients: dict[str, FlaskClient] = field(default_factory=dict)
    serial: int = 0

    def __post_init__(self) -> None:
        s = services_of(self.app).app
        self.bob = register(s, "Bob Member")
        self.cat = register(s, "Cat Outsider")
        self.clients = {
            "facilitator": sign_in(self.app.test_client(), self.ann),
            "signed out": self.app.test_client(),
            "outsider": sign_in(self.app.test_client(), self.cat),
        }
        self.group = self.new_group()
        self.other = self.new_group()  # one the group may ask for advice, or bring stories from

    @property
    def s(self) -> Learnloop:
        return services_of(self.app).app

    def done(self, recorded: Recorded) -> UUID:
        services_of(self.app).caught_up(recorded.notification_id)
        return recorded.id

    def next(self) -> int:
        self.serial += 1
        return self.serial

    def new_group(self, with_bob: bool = False) -> UUID:
        group = self.done(self.s.form_group("Ward 9", "Fewer falls at night", str(self.ann)))
        if with_bob:
            services_of(self.app).caught_up(join(self.s, group, self.bob, "member", self.ann))
        return group

    def new_cycle(
        self, observed: bool = True, reflected: bool = False, method: str = PDSA
    ) -> UUID:
        opened = self.s.open_cycle(
            self.group,
            plan("Night-time rounding", questions=[(QUESTION, "Half as many")], tasks=[TASK]),
            str(self.ann),
            method,
        )
        cycle = self.done(opened)
        if observed:
            self.done(self.s.record_observation(cycle, "Two rounds missed", str(self.ann)))
        if reflected:
            self.done(self.s.record_reflection(cycle, "Order torches first", str(self.ann)))
        return cycle

    def cycle(self, cycle_id: UUID) -> Cycle:
        found: Cycle = self.s.repository.get(cycle_id)
        return found

    def peer_assist(self) -> tuple[UUID, UUID]:
        """A Peer Assist cycle that asked the other group for advice, and the request."""
        cycle = self.new_cycle(observed=False, method=PEER_ASSIST)
        asked = self.s.request_advice(cycle, self.other, "Who has done it?", str(self.ann))
        return cycle, self.done(asked)

    def panel(self) -> tuple[UUID, UUID]:
        """A Most Significant Change cycle with one story (from the other group), and the story."""
        cycle = self.new_cycle(observed=False, method=MSC)
        self.done(self.s.collect_story(cycle, self.other, STORY, str(self.ann)))
        return cycle, self.cycle(cycle).entries[-1].id


Draw = Callable[[st.SearchStrategy[Any]], Any]
Former = Callable[[World, Draw, int], Attempt]


def path_part(value: str) -> str:
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def cycle_views(cycle: UUID) -> list[str]:
    return [f"/cycles/{cycle}", f"/cycles/{cycle}/history", f"/cycles/{cycle}/revise"]


def form_group(w: World, draw: Draw, chaos: int) -> Attempt:
    return Attempt("/groups", [Field("name", text("name")), Field("aim", text("aim"))], ["/"])


def revise_aim(w: World, draw: Draw, chaos: int) -> Attempt:
    group = w.new_group()
    fields = [
        Field("aim_form-aim", text("aim")),
        Field("aim_form-reason", text("aim_reason")),
    ]
    return Attempt(f"/groups/{group}/aim", fields, [f"/groups/{group}"])


def invite(w: World, draw: Draw, chaos: int) -> Attempt:
    fields = [Field("invite_form-email", email()), Field("invite_form-role", choice(*ROLES))]
    return Attempt(f"/groups/{w.group}/invitations", fields, [f"/groups/{w.group}"])


def someone(w: World, draw: Draw) -> str:
    """Whose role or membership to change: a member, oneself, a stranger, or junk."""
    junk = hostile_text()
    who: str = draw(st.one_of(st.sampled_from([str(w.bob), str(w.ann), str(uuid.uuid4())]), junk))
    return who


def change_role(w: World, draw: Draw, chaos: int) -> Attempt:
    group, who = w.new_group(with_bob=True), someone(w, draw)
    slug = "".join(ch for ch in who if ch.isalnum())
    fields = [Field(f"r{slug}-role", choice(*ROLES)), Field("rnobody-role", choice(*ROLES))]
    url = f"/groups/{group}/people/{path_part(who)}/role"
    return Attempt(url, fields, [f"/groups/{group}"])


def remove_member(w: World, draw: Draw, chaos: int) -> Attempt:
    group, who = w.new_group(with_bob=True), someone(w, draw)
    return Attempt(f"/groups/{group}/people/{path_part(who)}/remove", [], [f"/groups/{group}"])


def sharing(w: World, draw: Draw, chaos: int) -> Attempt:
    group = w.new_group()
    return Attempt(
        f"/groups/{group}/sharing", [Field("sharing_form-shared", tick())], [f"/groups/{group}"]
    )


def open_cycle(w: World, draw: Draw, chaos: int) -> Attempt:
    fields = [Field("method", choice(*CATALOGUE)), *plan_fields(draw, chaos)]
    return Attempt(f"/groups/{w.group}/cycles", fields, [f"/groups/{w.group}"])


def act(w: World, draw: Draw, chaos: int) -> Attempt:
    cycle = w.new_cycle(observed=False)
    fields = [
        Field("act_form-kind", choice(*ACT_KINDS)),
        Field("act_form-question", choice("", QUESTION)),
        Field("act_form-text", text("text")),
    ]
    return Attempt(f"/cycles/{cycle}/entries", fields, cycle_views(cycle))


def compare(w: World, draw: Draw, chaos: int) -> Attempt:
    cycle = w.new_cycle()
    fields = [
        Field("compare_form-question", choice(QUESTION)),
        Field("compare_form-outcome", choice(*OUTCOMES)),
        Field("compare_form-text", text("text")),
    ]
    return Attempt(f"/cycles/{cycle}/comparisons", fields, cycle_views(cycle))


def reflection(w: World, draw: Draw, chaos: int) -> Attempt:
    cycle = w.new_cycle()
    fields = [Field("reflection_form-text", text("text"))]
    return Attempt(f"/cycles/{cycle}/reflections", fields, cycle_views(cycle))


def mistake(w: World, draw: Draw, chaos: int) -> Attempt:
    cycle = w.new_cycle()
    return Attempt(
        f"/cycles/{cycle}/mistakes", [Field("mistake_form-text", text("text"))], cycle_views(cycle)
    )


def ask_for_help(w: World, draw: Draw, chaos: int) -> Attempt:
    cycle = w.new_cycle()
    views = [*cycle_views(cycle), f"/groups/{w.group}"]
    return Attempt(f"/cycles/{cycle}/help", [Field("help_form-text", text("text"))], views)


def help_request(w: World) -> tuple[UUID, UUID]:
    cycle = w.new_cycle()
    return cycle, w.done(w.s.ask_for_help(cycle, "Who has torches?", str(w.ann)))


def answer_help(w: World, draw: Draw, chaos: int) -> Attempt:
    cycle, request = help_request(w)
    fields = [Field(f"a{request.hex}-text", text("comment"))]
    views = [f"/cycles/{cycle}", f"/groups/{w.group}"]
    return Attempt(f"/help/{request}/answers", fields, views)


def close_help(w: World, draw: Draw, chaos: int) -> Attempt:
    cycle, request = help_request(w)
    return Attempt(f"/help/{request}/close", [], [f"/cycles/{cycle}", f"/groups/{w.group}"])


def method_views(w: World, cycle: UUID) -> list[str]:
    """Where a method's records show: the cycle, both groups, the timeline, the library."""
    groups = [f"/groups/{w.group}", f"/groups/{w.other}", f"/groups/{w.group}/timeline"]
    return [*cycle_views(cycle), *groups, "/library"]


def ask_for_advice(w: World, draw: Draw, chaos: int) -> Attempt:
    cycle = w.new_cycle(observed=False, method=PEER_ASSIST)
    fields = [
        Field(
            "advice_request_form-to_group", one_of_ids(str(w.other), not_offered=(str(w.group),))
        ),
        Field("advice_request_form-question", text("advice_question")),
    ]
    return Attempt(f"/cycles/{cycle}/advice-requests", fields, method_views(w, cycle))


def give_advice(w: World, draw: Draw, chaos: int) -> Attempt:
    cycle, request = w.peer_assist()
    asked = w.other if chaos == 0 else draw(st.sampled_from([w.other] * 3 + [w.group]))
    fields = [Field(f"adv{request.hex}-text", text("advice"))]
    return Attempt(f"/groups/{asked}/advice/{request}", fields, method_views(w, cycle))


def bring_story(w: World, draw: Draw, chaos: int) -> Attempt:
    cycle = w.new_cycle(observed=False, method=MSC)
    fields = [
        Field("story_form-from_group", one_of_ids(str(w.group), str(w.other))),
        Field("story_form-title", text("story_title")),
        Field("story_form-teller", text("teller")),
        Field("story_form-text", text("story")),
        Field("story_form-why", text("why")),
    ]
    return Attempt(f"/cycles/{cycle}/stories", fields, method_views(w, cycle))


def choose_story(w: World, draw: Draw, chaos: int) -> Attempt:
    cycle, story = w.panel()
    fields = [
        Field("choice_form-story", one_of_ids(str(story), not_offered=(str(cycle),))),
        Field("choice_form-reasons", text("reasons")),
    ]
    return Attempt(f"/cycles/{cycle}/stories/choice", fields, method_views(w, cycle))


def comment_on(w: World, draw: Draw, chaos: int, target: str) -> Attempt:
    cycle = w.new_cycle(reflected=True)
    entry = w.cycle(cycle).entries[0].id.hex
    on: str = draw(st.one_of(st.just(target if target == "plan" else entry), hostile_text()))
    if chaos == 0:
        on = target if target == "plan" else entry
    fields = [Field(f"c{on}-text", text("comment")), Field("con-text", text("comment"))]
    return Attempt(f"/cycles/{cycle}/comments?on={path_part(on)}", fields, cycle_views(cycle))


def comment_on_plan(w: World, draw: Draw, chaos: int) -> Attempt:
    return comment_on(w, draw, chaos, "plan")


def comment_on_entry(w: World, draw: Draw, chaos: int) -> Attempt:
    return comment_on(w, draw, chaos, "entry")


def task_done(w: World, draw: Draw, chaos: int) -> Attempt:
    cycle = w.new_cycle()
    task = w.cycle(cycle).plan.tasks[0].id
    which: str = draw(st.one_of(st.just(task), st.just(uuid.uuid4().hex), hostile_text()))
    url = f"/cycles/{cycle}/tasks/{path_part(task if chaos == 0 else which)}/done"
    return Attempt(url, [], cycle_views(cycle))


def decide(w: World, draw: Draw, chaos: int) -> Attempt:
    cycle = w.new_cycle(reflected=True)
    fields = [
        Field("decision_form-decision", choice("adopt", "abandon")),
        Field("decision_form-reason", text("decision_reason")),
    ]
    return Attempt(f"/cycles/{cycle}/decision", fields, cycle_views(cycle))


def revision_fields(w: World, cycle: UUID, draw: Draw, chaos: int) -> list[Field]:
    entries = [str(e.id) for e in w.cycle(cycle).entries]
    cites = Values(st.sampled_from(entries), st.one_of(st.uuids().map(str), hostile_text()))
    return [
        Field("based_on", integer(1)),
        Field("change", text("change")),
        Field("cites", cites),
        Field("cites", cites),
        *plan_fields(draw, chaos),
    ]


def revise_plan(w: World, draw: Draw, chaos: int) -> Attempt:
    cycle = w.new_cycle(reflected=True)
    fields = revision_fields(w, cycle, draw, chaos)
    return Attempt(f"/cycles/{cycle}/revisions", fields, cycle_views(cycle))


def adapt(w: World, draw: Draw, chaos: int) -> Attempt:
    cycle = w.new_cycle(reflected=True)
    fields = [Field("reason", text("decision_reason")), *revision_fields(w, cycle, draw, chaos)]
    views = [*cycle_views(cycle), f"/cycles/{cycle}/adapt", f"/groups/{w.group}"]
    return Attempt(f"/cycles/{cycle}/adapt", fields, views)


def correct(w: World, draw: Draw, chaos: int) -> Attempt:
    cycle = w.new_cycle(reflected=True)
    entry = w.cycle(cycle).entries[0].id
    fields = [
        Field("based_on", integer(1)),
        Field("action", choice("amend", "withdraw")),
        Field("text", text("text")),
        Field("reason", text("amendment_reason")),
    ]
    url = f"/cycles/{cycle}/entries/{entry}/correct"
    return Attempt(url, fields, [*cycle_views(cycle), url])


def signin(w: World, draw: Draw, chaos: int) -> Attempt:
    n = w.next()
    register(w.s, f"User{n} Person")  # a fresh account: earlier failures never lock it
    mine = Values(
        st.sampled_from([f"user{n}@example.org", f"  USER{n}@Example.org "]), hostile_text(254)
    )
    address = draw(st.sampled_from(["127.0.0.1", f"10.0.{n // 250}.{n % 250}"]))
    client = w.app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    target = draw(
        st.one_of(
            st.sampled_from(["", "/groups/abc", "//evil.example", "https://evil.example/"]),
            hostile_text(),
        )
    )
    url = f"/signin?next={path_part(target)}" if target else "/signin"
    fields = [Field("email", mine), Field("password", password())]
    # A refused sign-in records nothing: failed attempts are kept outside the event store.
    return Attempt(url, fields, ["/"], client)


def accept_invitation(w: World, draw: Draw, chaos: int) -> Attempt:
    n = w.next()
    address = f"new{n}@example.org"
    invited, token = w.s.invite(w.group, address, draw(st.sampled_from(ROLES)), str(w.ann))
    w.done(invited)
    holder = draw(st.sampled_from(["new", "new", "invited account", "facilitator"]))
    client = w.app.test_client()
    if holder == "invited account":
        sign_in(client, register(w.s, f"New{n} Person"))
    elif holder == "facilitator":
        client = w.clients["facilitator"]
    link = token if chaos == 0 else draw(st.one_of(st.just(token), hostile_text()))
    fields = [Field("name", text("actor")), Field("password", password())]
    url = f"/invitations/{invited.id}/{path_part(link)}"
    return Attempt(url, fields, ["/", f"/groups/{w.group}"], client)


FORMS: dict[str, Former] = {
    "form a group": form_group,
    "revise aim": revise_aim,
    "invite": invite,
    "change role": change_role,
    "remove member": remove_member,
    "sharing": sharing,
    "open a cycle": open_cycle,
    "act entry": act,
    "comparison": compare,
    "reflection": reflection,
    "mistake": mistake,
    "help ask": ask_for_help,
    "help answer": answer_help,
    "help close": close_help,
    "comment on plan": comment_on_plan,
    "comment on entry": comment_on_entry,
    "task done": task_done,
    "decision": decide,
    "revise plan": revise_plan,
    "adapt": adapt,
    "correction": correct,
    "sign in": signin,
    "invitation acceptance": accept_invitation,
    "advice request": ask_for_advice,
    "advice": give_advice,
    "story": bring_story,
    "panel choice": choose_story,
}

OTHER_NAMES = (
    "csrf_token", "next", "_method", "on", "based_on", "cites", "text", "reason", "action",
    "act_form-text", "act_form-kind", "compare_form-outcome", "decision_form-decision",
    "reflection_form-text", "help_form-text", "cplan-text", "aim_form-aim", "invite_form-role",
    "sharing_form-shared", "questions", "tasks", "questions-", "tasks--", "questions-0",
    "method", "advice_request_form-to_group", "story_form-from_group", "choice_form-story",
)  # fmt: skip
EXTRA_NAME = st.one_of(
    st.text(max_size=20),
    st.sampled_from(OTHER_NAMES),
    st.builds(
        "{}-{}-{}".format,
        st.sampled_from(["questions", "tasks"]),
        st.one_of(st.integers(0, 40).map(str), st.sampled_from(["-1", "x", "", "00", "\u0661"])),
        st.sampled_from(["question", "prediction", "reason", "text", "due", "task_id", "x", ""]),
    ),
)
HEADERS: st.SearchStrategy[dict[str, str]] = st.sampled_from(
    [
        {},
        HX,
        {**HX, "HX-Boosted": "true"},
        {**HX, "HX-Current-URL": "http://localhost/cycles/x?y=1"},
        {**HX, "HX-Current-URL": "javascript:alert(1)"},  # not "http://[x": a known bug
        {**HX, "HX-Target": "journal", "HX-Trigger": "<x>"},
    ]
)


def pairs_for(fields: list[Field], draw: Draw, chaos: int) -> list[tuple[str, str]]:
    """Field values, hostile in proportion to `chaos` (0-10); missing, doubled, extra too."""
    pairs: list[tuple[str, str]] = []
    for f in fields:
        shape = draw(st.sampled_from(["once"] * 8 + ["missing", "twice"])) if chaos else "once"
        for _ in range({"once": 1, "missing": 0, "twice": 2}[shape]):
            hostile = draw(st.integers(0, 9)) < chaos
            pairs.append((f.name, draw(f.values.hostile if hostile else f.values.plausible)))
    if chaos:
        pairs += draw(st.lists(st.tuples(EXTRA_NAME, hostile_text()), max_size=3))
        pairs = draw(st.permutations(pairs))
    return pairs


def utf8(value: str) -> bytes:
    return value.encode("utf-8", "surrogatepass")


def clean(value: str) -> str:
    """What a browser would send for text holding lone surrogates: U+FFFD."""
    return utf8(value).decode("utf-8", "replace")


def encoded(pairs: list[tuple[str, str]], how: str) -> tuple[Any, str | None]:
    """The request body and its content type, encoded `how`."""
    if how == "urlencoded":
        body = "&".join(f"{quote(utf8(k), safe='')}={quote(utf8(v), safe='')}" for k, v in pairs)
        return body.encode("ascii"), "application/x-www-form-urlencoded"
    if how == "raw bytes":  # neither percent-encoded nor, with surrogates, valid UTF-8
        return b"&".join(utf8(k) + b"=" + utf8(v) for k, v in pairs), (
            "application/x-www-form-urlencoded"
        )
    if how == "multipart":
        names = [clean(k).translate({ord(c): "_" for c in '"\r\n\\'}) for k, _ in pairs]
        return MultiDict(list(zip(names, (clean(v) for _, v in pairs), strict=True))), (
            "multipart/form-data"
        )
    if how == "json":  # refused: every form posts as a form (415)
        return json.dumps({clean(k): clean(v) for k, v in pairs}).encode(), "application/json"
    return b"", None


def no_new_events_but(app: Flask, before: int, topic: str) -> list[str]:
    """Topics of events recorded since `before` other than those of `topic`."""
    recorder = services_of(app).app.recorder
    found = recorder.select_notifications(start=before + 1, limit=1000)
    return [n.topic for n in found if not (topic and n.topic.startswith(topic))]


@pytest.fixture(scope="module", autouse=True)
def report_count() -> Iterator[None]:
    """Say how many hostile inputs were tried; keep the number for the closing note."""
    yield
    total = sum(TRIED.values())
    print(f"\nHostile inputs tried: {total} across {len(TRIED)} forms")
    for name, n in TRIED.items():
        answers = " ".join(f"{code}:{k}" for (f, code), k in sorted(ANSWERS.items()) if f == name)
        print(f"  {name}: {n} tried, {WROTE[name]} recorded something; answers {answers}")
    wanted = os.environ.get("LEARNLOOP_HOSTILE_COUNT")
    if wanted:
        default = wanted.lower() in {"1", "true", "yes"}
        path = Path(tempfile.gettempdir()) / ("learnloop-hostile-count" if default else wanted)
        path.write_text(f"{total}\n")
        print(f"Hostile input count written to {path}")


@pytest.fixture
def world(app: Flask, ann: UUID) -> World:
    return World(app, ann)


@pytest.mark.parametrize("form", list(FORMS))
@HOSTILE
@given(data=st.data())
def test_hostile_input_never_breaks_a_form_and_a_refusal_writes_nothing(
    app: Flask, world: World, form: str, data: st.DataObject
) -> None:
    # 0: plausible values in a well-formed body (reaches the commands and the pages that
    # show what they stored); 10: every value hostile, fields missing, doubled and extra.
    chaos: int = data.draw(st.sampled_from([0, 0, 1, 3, 10]), label="chaos")
    attempt = FORMS[form](world, data.draw, chaos)
    who = "given"
    client = attempt.client
    if client is None:
        who = data.draw(st.sampled_from(["facilitator"] * 8 + ["signed out", "outsider"]))
        client = world.clients[who]
    pairs = pairs_for(attempt.fields, data.draw, chaos)
    how = "urlencoded"
    if chaos:
        how = data.draw(
            st.sampled_from(["urlencoded"] * 6 + ["raw bytes", "multipart", "json", ""])
        )
    body, content_type = encoded(pairs, how)
    headers = data.draw(HEADERS)
    note(f"{form} as {who}: POST {attempt.url[:300]} ({how}, {headers}) {pairs!r:.2000}")

    before = events_in(app)
    posted = client.post(attempt.url, data=body, content_type=content_type, headers=headers)
    TRIED[form] += 1
    ANSWERS[form, posted.status_code] += 1

    assert posted.status_code < 500, f"{form}: {posted.status_code}"
    if 400 <= posted.status_code < 500:
        written = no_new_events_but(app, before, attempt.refusal_may_record)
        assert written == [], f"{form}: refused with {posted.status_code} but wrote {written}"
    elif events_in(app) > before:
        WROTE[form] += 1
        location = posted.headers.get("Location") or posted.headers.get("HX-Location") or ""
        views = [*attempt.views, location.split("#")[0]] if location.startswith("/") else []
        for view in views or attempt.views:
            shown = client.get(view)
            assert shown.status_code < 500, f"{form}: {view} broke after a write"


# -- Known bugs found by the inputs above: each pinned, expected to fail until fixed ----


@pytest.mark.parametrize("index", ["²", "9" * 5000])
def test_a_question_row_index_that_is_not_an_ascii_number_is_refused_not_a_500(
    client: FlaskClient, app: Flask, ann: UUID, index: str
) -> None:
    group = World(app, ann).group
    before = events_in(app)
    posted = client.post(
        f"/groups/{group}/cycles",
        data={
            "objective": "O",
            "questions-0-question": "Q",
            "questions-0-prediction": "P",
            f"questions-{index}-question": "Q2",
        },
    )
    assert posted.status_code < 500
    assert events_in(app) == before or posted.status_code == 303


def test_a_role_change_for_someone_outside_the_group_is_refused(
    client: FlaskClient, app: Flask, ann: UUID
) -> None:
    group = World(app, ann).group
    stranger = uuid.uuid4()
    before = events_in(app)
    posted = client.post(
        f"/groups/{group}/people/{stranger}/role", data={f"r{stranger.hex}-role": "facilitator"}
    )
    assert posted.status_code == 422
    assert events_in(app) == before
    # Otherwise the phantom "facilitator" lets the only real one step down, locking
    # everyone out of the group's facilitation.
    slug = str(ann).replace("-", "")
    client.post(f"/groups/{group}/people/{ann}/role", data={f"r{slug}-role": "member"})
    assert client.get(f"/groups/{group}/cycles/new").status_code == 200


def test_a_role_change_whose_form_prefix_names_a_page_variable_is_refused_not_a_500(
    client: FlaskClient, app: Flask, ann: UUID
) -> None:
    group = World(app, ann).group
    posted = client.post(f"/groups/{group}/people/amps/role", data={"ramps-role": "bogus"})
    assert posted.status_code == 422


def test_signing_in_with_a_malformed_return_address_goes_home_not_a_500(
    app: Flask, ann: UUID
) -> None:
    signed = app.test_client().post(
        "/signin?next=//[x", data={"email": "ann@example.org", "password": PASSWORD}
    )
    assert signed.status_code == 303
    assert signed.headers["Location"] == "/"


def test_a_malformed_htmx_current_url_when_signed_out_still_redirects_to_sign_in(
    app: Flask, ann: UUID
) -> None:
    group = World(app, ann).group
    posted = app.test_client().post(
        f"/groups/{group}/aim", data={}, headers={**HX, "HX-Current-URL": "http://[oops/"}
    )
    assert posted.status_code == 401
    assert posted.headers["HX-Redirect"].startswith("/signin")


def test_accepting_an_invitation_after_failed_sign_ins_joins_or_writes_nothing(
    app: Flask, ann: UUID
) -> None:
    w = World(app, ann)
    invited, token = w.s.invite(w.group, "zed@example.org", "member", str(ann))
    w.done(invited)
    visitor = app.test_client()
    for _ in range(5):  # someone guessed at the invited address: it is locked for a while
        visitor.post("/signin", data={"email": "zed@example.org", "password": "not it at all"})
    before = events_in(app)
    accepted = visitor.post(
        f"/invitations/{invited.id}/{token}", data={"name": "Zed", "password": PASSWORD}
    )
    assert accepted.status_code == 303 or events_in(app) == before, (
        f"{accepted.status_code} (a refusal) after writing {events_in(app) - before} events"
    )


@pytest.mark.parametrize(
    "body",
    ['5', '"abc"', '{"name": 5, "aim": "a"}', '{"name": {"a": 1}, "aim": "a"}',
     '{"name": "\\ud800", "aim": "a"}'],
    ids=["number", "string", "number value", "object value", "lone surrogate"],
)  # fmt: skip
def test_a_json_body_is_refused_not_a_500(client: FlaskClient, app: Flask, body: str) -> None:
    before = events_in(app)
    posted = client.post("/groups", data=body, content_type="application/json")
    assert 400 <= posted.status_code < 500
    assert events_in(app) == before


def test_a_huge_history_page_number_is_not_a_500(
    client: FlaskClient, app: Flask, ann: UUID
) -> None:
    cycle = World(app, ann).new_cycle()
    shown = client.get(f"/cycles/{cycle}/history?page=99999999999999999999")
    assert shown.status_code < 500


@pytest.mark.parametrize("form", ["advice request", "panel choice"])
def test_a_method_form_refused_on_a_closed_cycle_gives_back_what_was_typed(
    client: FlaskClient, app: Flask, ann: UUID, form: str
) -> None:
    w = World(app, ann)
    if form == "advice request":
        cycle, _ = w.peer_assist()
        w.done(w.s.record_observation(cycle, "Seen", str(ann)))
        url, typed = f"/cycles/{cycle}/advice-requests", "advice_request_form-question"
        body = {"advice_request_form-to_group": str(w.other)}
    else:
        cycle, story = w.panel()
        url, typed = f"/cycles/{cycle}/stories/choice", "choice_form-reasons"
        body = {"choice_form-story": str(story)}
    w.done(w.s.record_reflection(cycle, "Learned", str(ann)))
    w.done(w.s.decide(cycle, "adopt", "Works", str(ann)))
    before = events_in(app)
    posted = client.post(url, data={**body, typed: "Typed with care"}, headers=HX)
    assert posted.status_code == 409
    assert events_in(app) == before
    assert "Typed with care" in posted.text  # not lost: the form is gone, the text kept


# -- PostgreSQL only (skipped unless LEARNLOOP_TEST_DATABASE_URL is set) ---------------


@pytest.fixture
def pg_app(postgres_url: str) -> Iterator[Flask]:
    """The web app on PostgreSQL (where text columns refuse NUL and enforce lengths)."""
    flask_app = make_app(postgres_url)
    yield flask_app
    services_of(flask_app).close()


def still_writes(app: Flask, client: FlaskClient) -> None:
    """Another, ordinary write still works: the read model is not stuck."""
    again = client.post("/groups", data={"name": "Ward 8", "aim": "Fewer falls"})
    assert again.status_code == 303


def test_a_nul_character_on_postgres_is_refused_and_the_app_keeps_working(
    pg_app: Flask,
) -> None:
    client = sign_in(pg_app.test_client(), register(services_of(pg_app).app, "Ann Facilitator"))
    before = events_in(pg_app)
    posted = client.post("/groups", data={"name": "Ward\x00 7", "aim": "Fewer falls"})
    assert posted.status_code < 500
    assert posted.status_code == 303 or events_in(pg_app) == before
    still_writes(pg_app, client)


def test_a_long_task_id_from_the_client_on_postgres_keeps_the_app_working(
    pg_app: Flask,
) -> None:
    ann = register(services_of(pg_app).app, "Ann Facilitator")
    client = sign_in(pg_app.test_client(), ann)
    group = World(pg_app, ann).group
    task = "t" * 41
    opened = client.post(
        f"/groups/{group}/cycles",
        data={
            "objective": "O",
            "questions-0-question": "Q",
            "questions-0-prediction": "P",
            "tasks-0-text": "Buy torches",
            "tasks-0-task_id": task,
        },
    )
    done = client.post(f"{opened.headers['Location']}/tasks/{task}/done", data={})
    assert done.status_code < 500
    still_writes(pg_app, client)
