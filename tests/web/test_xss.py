"""Classic XSS payloads typed into every web form field a page shows back: always escaped.

Each payload goes in through the forms, as a user would type it: the group's name,
aim and aim change, invitations (email) and their acceptance (the new account's
name), the plan with its question and task rows, every kind of journal entry, help
and answers, comments, a correction, a revision, adapting, a decision, and the
records of learning methods: a Peer Assist question to another group and its advice,
a story of change (title, teller, story, why) and the panel's reasons for choosing it,
on the asking cycle, the asked group, the panel's cycle, the timeline and the learning
library. Every field gets the payload followed by its own tag (`payload~tag`), so each
page can be checked for each field it shows: the escaped form is there, and no
dangerous part of the raw payload is.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape
from werkzeug.test import TestResponse

from domain.cycle import Cycle
from tests.conftest import PASSWORD, register, sign_in
from tests.web.conftest import HX, services_of


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
)
TIMELINE_TAGS = (
    "name", "aim", "aim2", "aimreason", "account", "objective", "question", "act", "amended",
    "why", "compare", "reflection", "mistake", "help", "help2", "answer", "planc", "entryc",
    "change", "adaptreason", "adaptchange", "decision", "decisionc",
)  # fmt: skip
PLAN_TAGS = ("question", "prediction", "qreason", "plan_text", "who", "where", "when")
DETAIL_TAGS = ("data", "measures", "task", "owner")


def plan_form(payload: str, objective: str) -> dict[str, str]:
    """The plan form, every field holding the payload."""
    fields = {
        "objective": objective,
        "questions-0-question": tagged(payload, "question"),
        "questions-0-prediction": tagged(payload, "prediction"),
        "questions-0-reason": tagged(payload, "qreason"),
        "tasks-0-text": tagged(payload, "task"),
        "tasks-0-owner": tagged(payload, "owner"),
        "tasks-0-due": TASK_DUE,
    }
    for name in ("plan_text", "who", "where", "when", "data", "measures"):
        fields[name] = tagged(payload, name)
    return fields


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


def everything_entered(app: Flask, ann: FlaskClient, ann_id: UUID, payload: str) -> list[Page]:
    """Enter the payload through every form, and collect every page that shows it."""
    s = services_of(app)
    admin = sign_in(app.test_client(), register(s.app, "Ada Admin", admin=True))
    v: Callable[[str], str] = lambda tag: tagged(payload, tag)  # noqa: E731

    # A group, its aim changed, one invitation accepted (Bob's name) and one pending.
    formed = done(ann.post("/groups", data={"name": v("name"), "aim": v("aim")}), "group")
    group = formed.headers["Location"]
    changed = {"aim_form-aim": v("aim2"), "aim_form-reason": v("aimreason")}
    done(ann.post(f"{group}/aim", data=changed), "aim")
    bob_email, eve_email = email_of(payload, "bob"), email_of(payload, "eve")
    invited = done(
        ann.post(
            f"{group}/invitations",
            data={"invite_form-email": bob_email, "invite_form-role": "member"},
            headers=HX,
        ),
        "invitation",
        200,
    )
    pending = ann.post(f"{group}/invitations", data={"invite_form-email": eve_email}, headers=HX)
    done(pending, "second invitation", 200)
    links = [re.search(r"/invitations/[^<\s]+", r.text) for r in (pending, invited)]
    eve_link, bob_link = (m.group(0) for m in links if m)
    bob = app.test_client()
    joining = {"name": v("account"), "password": PASSWORD}
    done(bob.post(bob_link, data=joining), "acceptance")

    # A cycle with every field, each kind of entry, help, comments and a correction.
    opened = done(ann.post(f"{group}/cycles", data=plan_form(payload, v("objective"))), "cycle")
    cycle = opened.headers["Location"]
    cycle_id = UUID(cycle.rsplit("/", 1)[1])
    done(
        bob.post(
            f"{cycle}/entries",
            data={
                "act_form-kind": "observation",
                "act_form-question": v("question"),
                "act_form-text": v("act"),
            },
        ),
        "act entry",
    )
    compared = {
        "compare_form-question": v("question"),
        "compare_form-outcome": "partly",
        "compare_form-text": v("compare"),
    }
    done(ann.post(f"{cycle}/comparisons", data=compared), "comparison")
    done(bob.post(f"{cycle}/reflections", data={"reflection_form-text": v("reflection")}), "ref")
    done(ann.post(f"{cycle}/mistakes", data={"mistake_form-text": v("mistake")}), "mistake")
    done(ann.post(f"{cycle}/help", data={"help_form-text": v("help")}), "help")
    found = re.search(r'id="help-([0-9a-f-]{36})"', visit(ann, cycle))  # the only one yet
    assert found is not None
    request = UUID(found.group(1))
    answer = {f"a{request.hex}-text": v("answer")}
    done(ann.post(f"/help/{request}/answers", data=answer), "answer")
    done(ann.post(f"{cycle}/help", data={"help_form-text": v("help2")}), "unanswered help")
    done(ann.post(f"{cycle}/comments?on=plan", data={"cplan-text": v("planc")}), "plan comment")
    record: Cycle = s.app.repository.get(cycle_id)
    act, _, reflection, _ = (e.id for e in record.entries)
    on_entry = {f"c{act.hex}-text": v("entryc")}
    done(ann.post(f"{cycle}/comments?on={act.hex}", data=on_entry), "entry comment")
    correction = f"{cycle}/entries/{act}/correct"
    amended = {"based_on": "1", "action": "amend", "text": v("amended"), "reason": v("why")}
    done(ann.post(correction, data=amended), "correction")
    revised = {
        **plan_form(payload, v("objective2")),
        "based_on": "1",
        "change": v("change"),
        "cites": str(reflection),
    }
    done(ann.post(f"{cycle}/revisions", data=revised), "revision")

    entries = ("amended", "compare", "reflection", "mistake")
    journal = (*entries, "act", "why", "help", "help2", "answer", "planc", "entryc", "account")
    pages = [
        Page("group list", visit(ann, "/"), ("name", "aim2")),
        Page(
            "group page",
            visit(ann, group),
            ("name", "aim", "aim2", "aimreason", "account", "help2", "objective2"),
            (eve_email,),
        ),
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
        Page("invitation page", visit(app.test_client(), eve_link), ("name",), (eve_email,)),
        Page(
            "admin accounts page",
            visit(admin, "/admin/accounts"),
            ("account",),
            (bob_email,),
        ),
        Page("invitation made (htmx)", invited.text, (), (bob_email,)),
    ]

    # Adapt into cycle 2 (closing cycle 1), then decide cycle 2 and comment on that.
    adapted = {
        **plan_form(payload, v("objective3")),
        "reason": v("adaptreason"),
        "based_on": "2",
        "change": v("adaptchange"),
        "cites": str(reflection),
    }
    following = done(ann.post(f"{cycle}/adapt", data=adapted), "adapt").headers["Location"]
    next_id = UUID(following.rsplit("/", 1)[1])
    s.app.record_observation(next_id, "Seen on nights", str(ann_id))  # not what is checked
    s.caught_up(s.app.record_reflection(next_id, "Learned", str(ann_id)).notification_id)
    decided = {"decision_form-decision": "adopt", "decision_form-reason": v("decision")}
    done(ann.post(f"{following}/decision", data=decided), "decision")
    comment = {"cdecision-text": v("decisionc")}
    done(ann.post(f"{following}/comments?on=decision", data=comment), "decision comment")
    pages += [
        Page("decided cycle page", visit(ann, cycle), ("name", "adaptreason", *journal)),
        Page(
            "adapted cycle page",
            visit(ann, following),
            ("name", "objective3", *PLAN_TAGS, *DETAIL_TAGS, "decision", "decisionc"),
        ),
        # Version 1 of an adapted cycle is a diff against the last plan of the one before.
        Page("adapted cycle history", visit(ann, f"{following}/history"), ("adaptchange",)),
        Page(
            "ramp history",
            visit(ann, f"{following}/history?ramp=1"),
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
            visit(ann, f"/library/{reflection}"),
            ("name", "account", "reflection", "change", "adaptchange"),
        ),
        Page("library search", visit(ann, f"/library?q={quote(v('search'))}"), ("search",)),
        Page("dashboard", visit(ann, "/dashboard"), ("name",)),
    ]

    # Refused forms show back what was typed.
    refused_group = ann.post("/groups", data={"name": v("refused"), "aim": ""})
    refused_sign_in = app.test_client().post(
        "/signin", data={"email": v("signin"), "password": "not the password"}
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
    return pages + methods_entered(ann, bob, group, v)


def methods_entered(
    ann: FlaskClient, bob: FlaskClient, group: str, v: Callable[[str], str]
) -> list[Page]:
    """A second group asks the first for advice (Peer Assist), and its panel chooses a
    story brought from the first (Most Significant Change): the pages showing them."""
    other = done(ann.post("/groups", data={"name": v("name2"), "aim": v("aim")}), "group 2")
    other_group = other.headers["Location"]
    group_id = group.rsplit("/", 1)[1]

    def opened(method: str, objective: str) -> str:
        fields = {**plan_form(v("x"), v(objective)), "method": method}
        return done(ann.post(f"{other_group}/cycles", data=fields), method).headers["Location"]

    asking = opened("peer_assist", "paobjective")
    asked = {
        "advice_request_form-to_group": group_id,
        "advice_request_form-question": v("adviceq"),
    }
    done(ann.post(f"{asking}/advice-requests", data=asked), "advice request")
    found = re.search(r'id="advice-([0-9a-f-]{36})"', visit(bob, group))
    assert found is not None
    request = UUID(found.group(1))
    advice = {f"adv{request.hex}-text": v("advice")}
    done(bob.post(f"{group}/advice/{request}", data=advice), "advice")

    panel = opened("most_significant_change", "mscobjective")
    story = {
        "story_form-from_group": group_id,
        "story_form-title": v("storytitle"),
        "story_form-teller": v("teller"),
        "story_form-text": v("story"),
        "story_form-why": v("storywhy"),
    }
    done(ann.post(f"{panel}/stories", data=story), "story")
    told = re.search(r'name="choice_form-story"[^>]*value="([0-9a-f-]{36})"', visit(ann, panel))
    assert told is not None
    chosen = {"choice_form-story": told.group(1), "choice_form-reasons": v("reasons")}
    done(ann.post(f"{panel}/stories/choice", data=chosen), "panel choice")
    late = ann.post(f"{panel}/stories", data={**story, "story_form-text": v("late")}, headers=HX)
    done(late, "a story after the choice", 409)

    told_tags = ("storytitle", "teller", "story", "storywhy", "reasons")
    return [
        Page("asking cycle page", visit(ann, asking), ("name", "name2", "adviceq", "advice")),
        Page("asked group page", visit(ann, group), ("name2", "adviceq", "advice")),
        Page("panel cycle page", visit(ann, panel), ("name", "name2", *told_tags)),
        Page(
            "methods timeline page",
            visit(ann, f"{other_group}/timeline"),
            ("name2", "paobjective", "mscobjective", "adviceq", "advice", "storytitle", "reasons"),
        ),
        Page("methods learning library", visit(ann, "/library"), ("name2", "reasons")),
        Page("refused story after the choice", late.text, ("late",)),
    ]


def test_every_payload_is_short_enough_for_every_field() -> None:
    # The shortest limit a payload goes into is a name (80): payload, "~", a tag.
    assert len(PAYLOADS) >= 20
    assert all(len(p.text) <= 62 for p in PAYLOADS.values())


@pytest.mark.parametrize("payload", list(PAYLOADS.values()), ids=list(PAYLOADS))
def test_a_payload_typed_into_every_field_is_escaped_on_every_page(
    app: Flask, client: FlaskClient, ann: UUID, payload: Payload
) -> None:
    pages = everything_entered(app, client, ann, payload.text)
    assert [p.name for p in pages] == list(PAGE_NAMES)
    problems = [problem for page in pages for problem in problems_on(page, payload)]
    assert problems == [], "\n".join(problems)
