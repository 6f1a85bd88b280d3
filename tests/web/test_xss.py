"""Classic XSS payloads in every field a page shows back: always escaped.

Each payload is recorded through the Application, as the forms' commands record it
(the forms themselves meet hostile text in test_hostile_forms.py): the group's name,
aim and aim change, invitations (email) and their acceptance (the new account's
name), the plan with its question and task rows, every kind of journal entry, help
and answers, comments, a correction, a revision, adapting, a decision, and the
records of learning methods: a Peer Assist question to another group and its advice,
a story of change (title, teller, story, why) and the panel's reasons for choosing it,
on the asking cycle, the asked group, the panel's cycle, the timeline and the learning
library. Every field gets the payload followed by its own tag (`payload~tag`), so each
page can be checked for each field it shows: the escaped form is there, and no
dangerous part of the raw payload is. Only what is itself a page checked is posted:
the htmx answer to an invitation, and the refused forms that show back what was typed.
Measures too: a measure's name and definition, its revision's reason, a point's
correction, exclusion and note, a baseline's and a phase's reasons, and a pasted cell
refused (its text kept). Then each of the 33 pages is rendered once per payload, and every
field it shows is checked there (34 payloads x 33 pages).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape
from werkzeug.test import TestResponse

from domain.accounts import Account
from domain.application import PlanInput
from domain.entries import ADAPT
from tests.builders import entry_ids
from tests.conftest import password_hash, register, sign_in
from tests.web.conftest import HX, events_in, services_of
from web.services import Services


@dataclass(frozen=True)
class Payload:
    """A hostile string and the parts of it that must never reach a page as they are."""

    text: str
    dangers: tuple[str, ...]


def raw(text: str) -> Payload:
    """A payload whose markup must never appear unescaped: the raw text is the danger."""
    return Payload(text, (text,))


PAYLOADS = {
    "script tag": Payload("<script>alert(1)</script>", ("<script>alert",)),
    "script mixed case": Payload("<ScRiPt>alert(1)</sCrIpT>", ("<ScRiPt>",)),
    "nested script": Payload("<scr<script>ipt>alert(1)</script>", ("<scr<script>", "<script>")),
    "img onerror": Payload("<img src=x onerror=alert(1)>", ("<img src=x onerror",)),
    "svg onload": Payload("<svg onload=alert(1)>", ("<svg onload",)),
    "svg slash onload": Payload("<svg/onload=alert(1)>", ("<svg/onload",)),
    "body onload": Payload("<body onload=alert(1)>", ("<body onload",)),
    "details ontoggle": Payload("<details open ontoggle=alert(1)>", ("<details open",)),
    "input autofocus": Payload("<input autofocus onfocus=alert(1)>", ("<input autofocus",)),
    "iframe javascript": Payload("<iframe src=javascript:alert(1)>", ("<iframe",)),
    "link javascript": Payload('<a href="javascript:alert(1)">x</a>', ('<a href="javascript',)),
    "bare javascript url": Payload(
        "javascript:alert(1)", ('href="javascript:', "src=javascript:")
    ),
    "link off site": Payload("<a href=//evil.example>click</a>", ("<a href=//evil",)),
    "meta refresh": Payload(
        '<meta http-equiv="refresh" content="0;url=//evil.example">', ("<meta http-equiv",)
    ),
    "double quote breakout": raw('" onmouseover="alert(1)'),
    "quote and tag breakout": Payload('"><script>alert(1)</script>', ('"><script>',)),
    "single quote breakout": Payload("' onfocus='alert(1)' autofocus='", ("' onfocus='",)),
    "single quote tag": Payload("'><img src=x onerror=alert(1)>", ("'><img",)),
    "textarea close": Payload("</textarea><script>alert(1)</script>", ("</textarea><script>",)),
    "title close": Payload("</title><script>alert(1)</script>", ("</title><script>",)),
    "comment close": Payload("--><script>alert(1)</script><!--", ("--><script>",)),
    "cdata": Payload("<![CDATA[<script>alert(1)</script>]]>", ("<![CDATA[", "<script>")),
    "style block": Payload("<style>*{display:none}</style>", ("<style>*",)),
    "template": Payload("<template><script>alert(1)</script></template>", ("<template>",)),
    "jinja expression": Payload("{{7*7}}ssti", ("49ssti",)),
    "jinja config": Payload("{{config}}", ("test-secret-", "SECRET_KEY")),
    "jinja statement": Payload("{% print(7*7) %}ssti", ("49ssti",)),
    "dollar expression": Payload("${7*7}ssti", ("49ssti",)),
    "htmx get on load": Payload("<div hx-get=/x hx-trigger=load>", ("<div hx-get",)),
    "htmx post signout": Payload(
        '<button hx-post="/signout" hx-trigger="load">', ("<button hx-post",)
    ),
    "htmx on click": Payload('<x hx-on:click="alert(1)">', ("<x hx-on",)),
    "htmx swap oob": raw('<div id="journal" hx-swap-oob="true">'),
    "already escaped": raw("&lt;script&gt;alert(1)"),
    "rtl override script": Payload("\u202e<script>alert(1)</script>", ("<script>alert",)),
}
TASK_DUE = "2026-03-31"


def tagged(payload: str, tag: str) -> str:
    """What a field is sent: the payload, then which field it went into."""
    return f"{payload}~{tag}"


def email_of(payload: str, who: str) -> str:
    """An email address holding the payload, as the app keeps it (no spaces, no RTL marks)."""
    printable = "".join(ch for ch in payload.replace(" ", "/") if ch.isprintable())
    return f"{printable}~{who}@example.org".casefold()


@dataclass
class Page:
    """A page (or a refused form's answer) and the fields it must show back, escaped."""

    name: str
    html: str
    tags: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()


PAGE_NAMES = (
    "group list",
    "group page",
    "people page",
    "open-cycle page",
    "cycle page",
    "revise page",
    "adapt page",
    "history page",
    "correction page",
    "invitation page",
    "admin accounts page",
    "invitation made (htmx)",
    "decided cycle page",
    "adapted cycle page",
    "adapted cycle history",
    "ramp history",
    "timeline page",
    "learning library",
    "learning page",
    "library search",
    "dashboard",
    "refused group form",
    "refused sign-in",
    "refused entry on a closed cycle",
    "asking cycle page",
    "asked group page",
    "panel cycle page",
    "methods timeline page",
    "methods learning library",
    "refused story after the choice",
    "measures list",
    "measure page",
    "point page",
    "refused paste",
)
TIMELINE_TAGS = (
    "name", "aim", "aim2", "aimreason", "account", "objective", "question", "act", "amended",
    "why", "compare", "reflection", "mistake", "help", "help2", "answer", "planc", "entryc",
    "change", "adaptchange", "decision", "decisionc",
)  # fmt: skip
PLAN_TAGS = ("question", "prediction", "qreason", "plan_text", "who", "where", "when")
DETAIL_TAGS = ("data", "measures", "task", "owner")


def plan_of(payload: str, objective: str) -> PlanInput:
    """A plan, every field holding the payload."""
    v: Callable[[str], str] = lambda tag: tagged(payload, tag)  # noqa: E731
    return {
        "objective": objective,
        "plan_text": v("plan_text"),
        "questions": [(v("question"), v("prediction"), v("qreason"))],
        "who": v("who"),
        "where": v("where"),
        "when": v("when"),
        "data": v("data"),
        "measures": v("measures"),
        "tasks": [(v("task"), v("owner"), TASK_DUE)],
    }


def done(response: TestResponse, what: str, status: int = 303) -> TestResponse:
    """The form was accepted (else the pages would show nothing worth checking)."""
    assert response.status_code == status, f"{what}: {response.status_code}\n{response.text}"
    return response


def problems_on(page: Page, payload: Payload) -> list[str]:
    """What is wrong with a page: a dangerous part shown raw, or a field not shown escaped."""
    found = [f"{page.name}: raw {d!r}" for d in payload.dangers if d in page.html]
    for tag in page.tags:
        if str(escape(tagged(payload.text, tag))) not in page.html:
            found.append(f"{page.name}: the {tag} field is not shown escaped")
    for address in page.emails:
        if str(escape(address)) not in page.html:
            found.append(f"{page.name}: the email {address!r} is not shown escaped")
    return found


def visit(client: FlaskClient, url: str) -> str:
    shown = client.get(url)
    assert shown.status_code == 200, f"{url}: {shown.status_code}"
    return shown.text


@dataclass
class Entered:
    """What one payload was entered into: the ids the pages are found by."""

    group: str
    cycle: str
    cycle_id: UUID
    act: UUID
    reflection: UUID
    eve_email: str
    bob_email: str
    eve_link: str
    invited: str  # the htmx answer to the invitation: the link to pass on
    bob: UUID  # the account made on accepting it


def account_for(s: Services, email: str, name: str) -> UUID:
    """An account of this email and name (the password is tests.conftest.PASSWORD)."""
    account = Account.register(email, name, password_hash(), False, "test")
    s.app.save(account)
    return account.id


def enter(app: Flask, ann: FlaskClient, ann_id: UUID, payload: str) -> Entered:
    """Record the payload in every field of a group and its first cycle, through the
    Application (the htmx answer to an invitation is the one post: it is a page checked)."""
    s, actor = services_of(app), str(ann_id)
    v: Callable[[str], str] = lambda tag: tagged(payload, tag)  # noqa: E731

    # A group, its aim changed, one invitation accepted (Bob's name) and one pending.
    group = s.app.form_group(v("name"), v("aim"), actor).id
    s.app.revise_aim(group, v("aim2"), v("aimreason"), actor)
    s.caught_up(events_in(app))
    bob_email, eve_email = email_of(payload, "bob"), email_of(payload, "eve")
    invited = ann.post(
        f"/groups/{group}/invitations",
        data={"invite_form-email": bob_email, "invite_form-role": "member"},
        headers=HX,
    )
    done(invited, "invitation", 200)
    link = re.search(r"/invitations/([0-9a-f-]{36})/([^<\s/]+)", invited.text)
    assert link is not None, invited.text
    bob_id = account_for(s, bob_email, v("account"))
    s.app.accept_invitation(UUID(link.group(1)), link.group(2), bob_id)
    eve, token = s.app.invite(group, eve_email, "member", actor)
    bob = str(bob_id)

    # A cycle with every field, each kind of entry, help, comments and a correction.
    cycle = s.app.open_cycle(group, plan_of(payload, v("objective")), actor).id
    s.app.record_act_entry(cycle, "observation", v("act"), v("question"), bob)
    s.app.compare_prediction(cycle, v("question"), "partly", v("compare"), actor)
    s.app.record_reflection(cycle, v("reflection"), bob)
    s.app.own_mistake(cycle, v("mistake"), actor)
    request = s.app.ask_for_help(cycle, v("help"), actor).id
    s.app.answer_help(request, v("answer"), actor)
    s.app.ask_for_help(cycle, v("help2"), actor)
    s.app.comment(cycle, "plan", v("planc"), actor)
    act, _, reflection, _ = entry_ids(s.app, cycle)
    s.app.comment(cycle, act.hex, v("entryc"), actor)
    s.app.amend_entry(cycle, act, 1, v("amended"), v("why"), actor)
    s.app.revise_plan(
        cycle, 1, plan_of(payload, v("objective2")), v("change"), [reflection], actor
    )
    s.caught_up(events_in(app))
    return Entered(
        f"/groups/{group}",
        f"/cycles/{cycle}",
        cycle,
        act,
        reflection,
        eve_email,
        bob_email,
        f"/invitations/{eve.id}/{token}",
        invited.text,
        bob_id,
    )


def everything_entered(app: Flask, ann: FlaskClient, ann_id: UUID, payload: str) -> list[Page]:
    """Enter the payload in every field, and collect every page that shows it."""
    s, actor = services_of(app), str(ann_id)
    admin = sign_in(app.test_client(), register(s.app, "Ada Admin", admin=True))
    v: Callable[[str], str] = lambda tag: tagged(payload, tag)  # noqa: E731
    e = enter(app, ann, ann_id, payload)
    group, cycle = e.group, e.cycle
    correction = f"{cycle}/entries/{e.act}/correct"

    entries = ("amended", "compare", "reflection", "mistake")
    journal = (*entries, "act", "why", "help", "help2", "answer", "planc", "entryc", "account")
    pages = [
        Page("group list", visit(ann, "/"), ("name", "aim2")),
        Page(
            "group page",
            visit(ann, group),
            ("name", "aim", "aim2", "aimreason", "account", "help2", "objective2"),
        ),
        Page("people page", visit(ann, f"{group}/people"), ("name", "account"), (e.eve_email,)),
        Page("open-cycle page", visit(ann, f"{group}/cycles/new"), ("name",)),
        Page(
            "cycle page",
            visit(ann, cycle),
            ("name", "objective2", *PLAN_TAGS, *DETAIL_TAGS, *journal),
        ),
        Page(
            "revise page",
            visit(ann, f"{cycle}/revise"),
            ("name", "objective2", *PLAN_TAGS, *DETAIL_TAGS, *entries, "account"),
        ),
        Page(
            "adapt page",
            visit(ann, f"{cycle}/adapt"),
            ("name", "objective2", *PLAN_TAGS, *DETAIL_TAGS, *entries, "account"),
        ),
        Page(
            "history page",
            visit(ann, f"{cycle}/history"),
            ("name", "objective", "question", "prediction", "plan_text", "change", "reflection"),
        ),
        Page(
            "correction page",
            visit(ann, correction),
            ("name", "act", "amended", "why", "account"),
        ),
        Page("invitation page", visit(app.test_client(), e.eve_link), ("name",), (e.eve_email,)),
        Page(
            "admin accounts page",
            visit(admin, "/admin/accounts"),
            ("account",),
            (e.bob_email,),
        ),
        Page("invitation made (htmx)", e.invited, (), (e.bob_email,)),
    ]

    # Adapt into cycle 2 (closing cycle 1), then decide cycle 2 and comment on that.
    following = s.app.decide(
        e.cycle_id,
        ADAPT,
        v("adaptchange"),
        actor,
        next_plan=plan_of(payload, v("objective3")),
        cites=[e.reflection],
    ).id
    s.app.record_observation(following, "Seen on nights", actor)  # not what is checked
    s.app.record_reflection(following, "Learned", actor)
    s.app.decide(following, "adopt", v("decision"), actor)
    s.caught_up(s.app.comment(following, "decision", v("decisionc"), actor).notification_id)
    pages += [
        Page("decided cycle page", visit(ann, cycle), ("name", "adaptchange", *journal)),
        Page(
            "adapted cycle page",
            visit(ann, f"/cycles/{following}"),
            ("name", "objective3", *PLAN_TAGS, *DETAIL_TAGS, "decision", "decisionc"),
        ),
        # Version 1 of an adapted cycle is a diff against the last plan of the one before.
        Page(
            "adapted cycle history", visit(ann, f"/cycles/{following}/history"), ("adaptchange",)
        ),
        Page(
            "ramp history",
            visit(ann, f"/cycles/{following}/history?ramp=1"),
            ("name", "objective", "question", "prediction", "plan_text", "change", "account"),
        ),
        Page("timeline page", visit(ann, f"{group}/timeline"), TIMELINE_TAGS),
        Page(
            "learning library",
            visit(ann, "/library"),
            ("name", "account", "compare", "reflection", "mistake"),
        ),
        Page(
            "learning page",
            visit(ann, f"/library/{e.reflection}"),
            ("name", "account", "reflection", "change", "adaptchange"),
        ),
        Page("library search", visit(ann, f"/library?q={quote(v('search'))}"), ("search",)),
        Page("dashboard", visit(ann, "/dashboard"), ("name", "aim2", "help2")),
    ]

    # Refused forms show back what was typed (a blank password is refused before any
    # password is checked: the same page, without the cost of a hash).
    refused_group = ann.post("/groups", data={"name": v("refused"), "aim": ""})
    refused_sign_in = app.test_client().post(
        "/signin", data={"email": v("signin"), "password": ""}
    )
    closed = ann.post(f"{cycle}/entries", data={"act_form-text": v("unsaved")}, headers=HX)
    for response in (refused_group, refused_sign_in):
        done(response, "a refusal", 422)
    done(closed, "an entry on a closed cycle", 409)
    pages += [
        Page("refused group form", refused_group.text, ("refused",)),
        Page("refused sign-in", refused_sign_in.text, ("signin",)),
        Page("refused entry on a closed cycle", closed.text, ("unsaved",)),
    ]
    return [
        *pages,
        *methods_entered(app, ann, ann_id, e.bob, group, v),
        *measures_entered(app, ann, ann_id, group, v),
    ]


def methods_entered(
    app: Flask,
    ann: FlaskClient,
    ann_id: UUID,
    bob: UUID,
    group: str,
    v: Callable[[str], str],
) -> list[Page]:
    """A second group asks the first for advice (Peer Assist), and its panel chooses a
    story brought from the first (Most Significant Change): the pages showing them."""
    s, actor = services_of(app), str(ann_id)
    group_id = UUID(group.rsplit("/", 1)[1])
    other = s.app.form_group(v("name2"), v("aim"), actor).id
    other_group = f"/groups/{other}"

    def opened(method: str, objective: str) -> UUID:
        return s.app.open_cycle(other, plan_of(v("x"), v(objective)), actor, method).id

    asking = opened("peer_assist", "paobjective")
    request = s.app.request_advice(asking, group_id, v("adviceq"), actor).id
    s.app.give_advice(asking, request, group_id, v("advice"), str(bob))

    panel = opened("most_significant_change", "mscobjective")
    story = {
        "title": v("storytitle"),
        "teller": v("teller"),
        "text": v("story"),
        "why": v("storywhy"),
    }
    s.app.collect_story(panel, group_id, story, actor)
    told = entry_ids(s.app, panel)[-1]
    s.caught_up(s.app.choose_story(panel, told, v("reasons"), actor).notification_id)
    late_story = {f"story_form-{k}": value for k, value in story.items()}
    late_story |= {"story_form-from_group": str(group_id), "story_form-text": v("late")}
    late = ann.post(f"/cycles/{panel}/stories", data=late_story, headers=HX)
    done(late, "a story after the choice", 409)

    told_tags = ("storytitle", "teller", "story", "storywhy", "reasons")
    return [
        Page(
            "asking cycle page",
            visit(ann, f"/cycles/{asking}"),
            ("name", "name2", "adviceq", "advice"),
        ),
        Page("asked group page", visit(ann, group), ("name2", "adviceq", "advice")),
        Page("panel cycle page", visit(ann, f"/cycles/{panel}"), ("name", "name2", *told_tags)),
        Page(
            "methods timeline page",
            visit(ann, f"{other_group}/timeline"),
            ("name2", "paobjective", "mscobjective", "adviceq", "advice", "storytitle", "reasons"),
        ),
        Page("methods learning library", visit(ann, "/library"), ("name2", "reasons")),
        Page("refused story after the choice", late.text, ("late",)),
    ]


def measures_entered(
    app: Flask, ann: FlaskClient, ann_id: UUID, group: str, v: Callable[[str], str]
) -> list[Page]:
    """A measure of the first group, revised, with points corrected, left out and noted,
    a baseline and a phase; and a paste refused: the pages showing them."""
    s, actor = services_of(app), str(ann_id)
    group_id = UUID(group.rsplit("/", 1)[1])
    definition = {
        "name": v("mname"),
        "definition": v("mdef"),
        "unit": "falls",  # a unit is at most 60 characters: shorter than a tagged payload
        "kind": "outcome",
        "better": "down",
        "period": "month",
        "ratio": False,
        "target": None,
    }
    measure = s.app.define_measure(group_id, definition, actor).id
    s.app.revise_measure(measure, {**definition, "definition": v("mdef2")}, v("mreason"), actor)
    s.app.import_points(measure, "2025-11-01,12\n2025-12-01,80", "paste", actor)
    point = str(next(iter(s.app.repository.get(measure).points)))
    s.app.correct_point(measure, point, v("mfix"), actor, value=13)
    s.app.exclude_point(measure, point, v("mout"), actor)
    s.app.annotate_point(measure, point, v("mnote"), actor)
    s.app.freeze_baseline(measure, v("mbase"), actor, first=1)
    s.caught_up(
        s.app.recalculate_limits(measure, date(2025, 12, 1), v("mphase"), actor).notification_id
    )
    pasted = {"paste_form-rows": f"{v('mcell')}\t3"}
    refused = ann.post(f"/measures/{measure}/points/paste", data=pasted, headers=HX)
    done(refused, "a refused paste", 422)
    shown = ("name", "mname", "mdef", "mdef2", "mreason", "mout", "mnote", "mbase", "mphase")
    return [
        Page("measures list", visit(ann, f"{group}/measures"), ("name", "mname")),
        Page("measure page", visit(ann, f"/measures/{measure}"), shown),
        Page(
            "point page",
            visit(ann, f"/measures/{measure}/points/{point}"),
            ("name", "mname", "mfix", "mout", "mnote"),
        ),
        Page("refused paste", refused.text, ("mcell",)),
    ]


def test_every_payload_is_short_enough_for_every_field() -> None:
    # The shortest limit a payload goes into is a name (80): payload, "~", a tag.
    assert len(PAYLOADS) >= 20
    assert all(len(p.text) <= 62 for p in PAYLOADS.values())


@pytest.mark.parametrize("payload", list(PAYLOADS.values()), ids=list(PAYLOADS))
def test_the_checker_catches_a_payload_shown_raw_and_a_field_not_shown(payload: Payload) -> None:
    # Each check below can fail: a page showing what an unescaping page would (each
    # dangerous part), or leaving the field out, is reported; the escaped field is not.
    shown = Page("a page", str(escape(tagged(payload.text, "name"))), ("name",))
    assert problems_on(shown, payload) == []
    for danger in payload.dangers:
        unsafe = Page("a page", shown.html + danger, ("name",))
        assert f"a page: raw {danger!r}" in problems_on(unsafe, payload)
    missing = Page("a page", "", ("name",), ("x@example.org",))
    assert problems_on(missing, payload) == [
        "a page: the name field is not shown escaped",
        "a page: the email 'x@example.org' is not shown escaped",
    ]


@pytest.mark.parametrize("payload", list(PAYLOADS.values()), ids=list(PAYLOADS))
def test_a_payload_typed_into_every_field_is_escaped_on_every_page(
    app: Flask, client: FlaskClient, ann: UUID, payload: Payload
) -> None:
    pages = everything_entered(app, client, ann, payload.text)
    assert [p.name for p in pages] == list(PAGE_NAMES)  # 33 pages (x 34 payloads) checked
    problems = [problem for page in pages for problem in problems_on(page, payload)]
    assert problems == [], "\n".join(problems)
