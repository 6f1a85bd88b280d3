"""Hostile values for every form's fields: control characters, NUL, lone surrogates, RTL
marks, emoji, text up to ~20k characters, wrong types for numbers, selects and tick boxes,
and bodies with fields missing, doubled and extra. Shared by the form-level matrix
(test_hostile_forms.py) and the HTTP tests of how a refusal reaches the user
(test_hostile_input.py).

LEARNLOOP_HOSTILE_EXAMPLES sets the examples per form (30; more for a longer hunt).
"""

import json
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote
from uuid import UUID

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from domain.fields import LIMITS
from tests.conftest import PASSWORD
from tests.web.conftest import HX

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
QUESTION = "Fewer falls?"
TASK = ("Buy torches", "Ann", "2026-03-31")
PEER_ASSIST, MSC = "peer_assist", "most_significant_change"
STORY = {"title": "Lights on", "teller": "Mr Jones", "text": "I slept", "why": "I felt safe"}
MEASURE = {
    "name": "Falls at night",
    "definition": "Falls between 22:00 and 06:00, counted by the night staff",
    "unit": "falls",
    "kind": "outcome",
    "better": "down",
    "period": "month",
    "ratio": False,
    "target": None,
}

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


def number(least: int = 0, most: int = 500) -> Values:
    """A measurement: a plausible number (from `least` to `most`), or one no count is."""
    odd = st.sampled_from(
        ["", "nan", "NaN", "inf", "-inf", "1e400", "-1", "1,000", "12%", "0x1", "\u0661",
         "9" * 5000, "1e12", "1.5e12", " 3 ", "3.", ".5", "--1"]
    )  # fmt: skip
    plausible = st.one_of(st.integers(least, most).map(str), st.just(f"{least}.5"))
    return Values(plausible, st.one_of(odd, st.floats().map(str), hostile_text()))


def past_date() -> Values:
    """A data point's date: one before today, or not a date (or one after today)."""
    valid = st.sampled_from(["2024-03-04", "2024-05-20", "2026-01-15", "2024-02-29"])
    return Values(valid, st.one_of(due_date().hostile, st.just("2099-01-01")))


def rows(ratio: bool) -> Values:
    """Rows pasted from a spreadsheet: good ones (months no point has yet), or odd cells."""
    value = st.sampled_from(["3\t20", "5,22"]) if ratio else st.sampled_from(["12", "4.5"])
    months = ["2024-01-15", "15/02/2024", "Mar 2024", "2024-04", "May 2024", "30/06/2024"]
    line = st.builds("{}\t{}".format, st.sampled_from(months), value)
    good = st.lists(line, min_size=1, max_size=6, unique_by=lambda r: r.split("\t")[0])
    day = st.sampled_from(["2025-11-01", "2099-01-01", "soon", "31/02/2024", ""])
    cell = st.one_of(hostile_text(40), value, day)
    odd = st.lists(st.lists(cell, max_size=4).map("\t".join), max_size=6).map("\n".join)
    return Values(good.map("\n".join), st.one_of(odd, hostile_text(2000)))


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


Draw = Callable[[st.SearchStrategy[Any]], Any]


def path_part(value: str) -> str:
    """A value as it would be sent inside a URL's path."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


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
    """The value's UTF-8 bytes, lone surrogates and all (as no browser would send them)."""
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
