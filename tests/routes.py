"""The route table: every route, the status each role must get from it, and a world in
which every route's path can be filled in — one group with a person in each role, a cycle
with entries, a task, help, an invitation, a measure, advice asked by another group, and
the facilitator's unopened plan for another cycle (a draft, answered on every page).
Used by the access walk (tests/web/test_route_table.py) and the accessibility audit in
Chromium (tests/browser/test_accessibility_in_chromium.py)."""

from dataclasses import dataclass
from uuid import UUID

from flask import Flask

from domain.cycle import Cycle
from tests.builders import entry_ids, plan
from tests.conftest import join, register
from web import cycle_drafts
from web.services import Services

ROLES = ("anonymous", "outsider", "admin", "sponsor", "member", "facilitator")

# Expected status per role, in the order of ROLES.
PUBLIC = (200,) * 6
SIGNED_IN_PAGE = (303, 200, 200, 200, 200, 200)
READ = (303, 404, 404, 200, 200, 200)
RECORD_PAGE = (303, 404, 404, 403, 200, 200)
FACILITATE_PAGE = (303, 404, 404, 403, 403, 200)
COMMENT_POST = (303, 404, 404, 422, 422, 422)
RECORD_POST = (303, 404, 404, 403, 422, 422)
RECORD_BUTTON = (303, 404, 404, 403, 303, 303)
FACILITATE_POST = (303, 404, 404, 403, 403, 422)
FACILITATE_BUTTON = (303, 404, 404, 403, 403, 303)

MEASURE = {
    "name": "Falls",
    "definition": "Falls on the ward, counted by the night staff",
    "unit": "falls",
    "kind": "outcome",
    "better": "down",
    "period": "month",
    "ratio": False,
    "target": None,
}

# The facilitator's plan for a second cycle, every page answered but not yet opened: the
# pairs the question pages post, as the draft keeps them.
DRAFT = [
    ("method", "pdsa"),
    ("objective", "Weekend discharges before noon"),
    ("questions-0-question", "Will weekend patients go home before noon?"),
    ("questions-0-kind", "predicted"),
    ("questions-0-prediction", "Half of them"),
    ("questions-0-reason", "Weekdays managed it"),
    ("questions-1-question", "What holds a weekend discharge up?"),
    ("questions-1-kind", "exploratory"),
    ("plan_text", "Nurses discharge against agreed criteria at weekends"),
    ("who", "Weekend nurses"),
    ("where", "Ward 7"),
    ("when", "Four weekends"),
    ("scale", "1 ward, 4 weekends"),
    ("tasks-0-text", "Agree the weekend criteria"),
    ("tasks-0-owner", "Dr Shah"),
    ("tasks-0-due", "2026-12-01"),
    ("data", "Discharge times from the ward log"),
    ("measures", "Weekend discharges before noon"),
    ("happened_on", ""),
    ("happened_time", ""),
]

TABLE: list[tuple[str, str, tuple[int, ...]]] = [
    ("GET", "/", SIGNED_IN_PAGE),
    ("GET", "/admin/accounts", (303, 403, 200, 403, 403, 403)),
    ("GET", "/signin", PUBLIC),
    ("POST", "/signin", (422,) * 6),
    ("POST", "/signout", (303,) * 6),
    ("GET", "/account/password", SIGNED_IN_PAGE),
    ("POST", "/account/password", (303, 422, 422, 422, 422, 422)),
    ("GET", "/invitations/{invitation}/{token}", PUBLIC),
    ("POST", "/invitations/{invitation}/{token}", (422,) * 6),
    ("POST", "/groups", (303, 422, 422, 422, 422, 422)),
    ("GET", "/groups/{group}", READ),
    ("GET", "/groups/{group}/timeline", READ),
    ("GET", "/groups/{group}/people", READ),
    ("GET", "/library", SIGNED_IN_PAGE),
    ("GET", "/library/{learning}", READ),
    ("GET", "/dashboard", SIGNED_IN_PAGE),
    ("GET", "/methods", PUBLIC),
    ("GET", "/methods/{method}", PUBLIC),
    ("GET", "/healthz", PUBLIC),
    ("GET", "/readyz", PUBLIC),
    ("POST", "/groups/{group}/aim", FACILITATE_POST),
    # Opening a cycle, a question a page (the first asks the method), then the check page.
    ("GET", "/groups/{group}/cycles/new", FACILITATE_PAGE),
    # The method has a default (PDSA), so the first page sent blank starts a draft (303).
    ("POST", "/groups/{group}/cycles/new", FACILITATE_BUTTON),
    ("GET", "/groups/{group}/cycles/new/{draft}/{question}", FACILITATE_PAGE),
    ("POST", "/groups/{group}/cycles/new/{draft}/{question}", FACILITATE_POST),
    ("GET", "/groups/{group}/cycles/new/{draft}/check", FACILITATE_PAGE),
    ("POST", "/groups/{group}/cycles/new/{draft}/discard", FACILITATE_BUTTON),
    ("POST", "/groups/{group}/cycles", FACILITATE_POST),
    ("POST", "/groups/{group}/invitations", FACILITATE_POST),
    ("POST", "/groups/{group}/people/{sponsor}/role", FACILITATE_POST),
    ("POST", "/groups/{group}/people/{sponsor}/remove", FACILITATE_BUTTON),
    ("POST", "/groups/{group}/sharing", FACILITATE_BUTTON),
    ("GET", "/cycles/{cycle}", READ),
    ("GET", "/cycles/{cycle}/history", READ),
    ("GET", "/cycles/{cycle}/measures", READ),
    ("GET", "/cycles/{cycle}/revise", RECORD_PAGE),
    ("POST", "/cycles/{cycle}/revisions", RECORD_POST),
    ("GET", "/cycles/{cycle}/adapt", RECORD_PAGE),
    ("POST", "/cycles/{cycle}/adapt", RECORD_POST),
    ("GET", "/cycles/{cycle}/scale-up", RECORD_PAGE),
    ("POST", "/cycles/{cycle}/scale-up", RECORD_POST),
    ("POST", "/cycles/{cycle}/entries", RECORD_POST),
    ("POST", "/cycles/{cycle}/comparisons", RECORD_POST),
    ("POST", "/cycles/{cycle}/reflections", RECORD_POST),
    ("POST", "/cycles/{cycle}/mistakes", RECORD_POST),
    ("POST", "/cycles/{cycle}/help", RECORD_POST),
    ("POST", "/cycles/{cycle}/decision", RECORD_POST),
    ("POST", "/cycles/{cycle}/comments?on=plan", COMMENT_POST),
    ("POST", "/cycles/{cycle}/tasks/{task}/done", RECORD_BUTTON),
    ("GET", "/cycles/{cycle}/comments/new?on={entry}", READ),
    ("GET", "/cycles/{cycle}/entries/{entry}/correct", RECORD_PAGE),
    ("POST", "/cycles/{cycle}/entries/{entry}/correct", RECORD_POST),
    ("POST", "/help/{request}/answers", COMMENT_POST),
    ("POST", "/cycles/{cycle}/advice-requests", RECORD_POST),
    ("POST", "/groups/{group}/advice/{asked}", RECORD_POST),
    # Anyone who can read a panel's cycle may bring a story, from a group they record in.
    ("POST", "/cycles/{cycle}/stories", (303, 404, 404, 422, 422, 422)),
    ("POST", "/cycles/{cycle}/stories/choice", RECORD_POST),
    # Only the asker (the member, Bob) may close: the others are let in, then refused.
    ("POST", "/help/{request}/close", (303, 404, 404, 422, 303, 422)),
    # Measures: members and facilitators record data; sponsors read it.
    ("GET", "/groups/{group}/measures", READ),
    ("POST", "/groups/{group}/measures", RECORD_POST),
    ("GET", "/measures/{measure}", READ),
    ("POST", "/measures/{measure}/definition", RECORD_POST),
    ("POST", "/measures/{measure}/points", RECORD_POST),
    ("POST", "/measures/{measure}/points/paste", RECORD_POST),
    ("POST", "/measures/{measure}/points/upload", RECORD_POST),
    ("POST", "/measures/{measure}/baseline", RECORD_POST),
    ("POST", "/measures/{measure}/phases", RECORD_POST),
    ("GET", "/measures/{measure}/points/{point}", READ),
    ("POST", "/measures/{measure}/points/{point}/correct", RECORD_POST),
    ("POST", "/measures/{measure}/points/{point}/withdraw", RECORD_POST),
    ("POST", "/measures/{measure}/points/{point}/exclude", RECORD_POST),
    ("POST", "/measures/{measure}/points/{point}/include", RECORD_POST),
    ("POST", "/measures/{measure}/points/{point}/astronomical", RECORD_POST),
    ("POST", "/measures/{measure}/points/{point}/notes", RECORD_POST),
]


@dataclass
class World:
    """One group with a person in each role, a cycle with entries, a task and help."""

    app: Flask
    ids: dict[str, str]
    accounts: dict[str, UUID]


def populate(flask_app: Flask) -> World:
    """Fill the app with the route world; its ids fill in the table's paths."""
    services: Services = flask_app.extensions["learnloop"]
    app = services.app
    people = {
        "facilitator": register(app, "Fay Facilitator"),
        "member": register(app, "Bob Member"),
        "sponsor": register(app, "Sam Sponsor"),
        "outsider": register(app, "Olga Outsider"),
        "admin": register(app, "Ada Admin", admin=True),
    }
    fay = people["facilitator"]
    group = app.form_group("Ward 7", "Home before noon", str(fay)).id
    join(app, group, people["member"], "member", fay)
    join(app, group, people["sponsor"], "sponsor", fay)
    tasks = [("Print the checklist", "Bob", "2026-12-01")]
    cycle = app.open_cycle(group, plan("Criteria-led discharge", tasks=tasks), str(fay)).id
    app.record_observation(cycle, "Pharmacy held one patient", str(people["member"]))
    app.record_reflection(cycle, "Order drugs the day before", str(people["member"]))
    opened: Cycle = app.repository.get(cycle)
    help_request = app.ask_for_help(cycle, "Who signs?", str(people["member"])).id
    invitation, token = app.invite(group, "newbie@example.org", "member", str(fay))
    measure = app.define_measure(group, MEASURE, str(fay)).id
    app.import_points(measure, "2025-11-01,12\n2025-12-01,14\n", "paste", str(fay))
    point: str = next(iter(app.repository.get(measure).points))
    # Another group's Peer Assist cycle asks Ward 7 for advice.
    olga = str(people["outsider"])
    ward_3 = app.form_group("Ward 3", "Fewer falls", olga).id
    assisted = app.open_cycle(ward_3, plan("Learn from Ward 7"), olga, "peer_assist").id
    asked = app.request_advice(assisted, group, "How did you get pharmacy on board?", olga).id
    draft = flask_app.extensions[cycle_drafts.KEY].start(fay, group, DRAFT)
    services.caught_up(app.recorder.max_notification_id() or 0)
    ids = {
        "group": str(group),
        "cycle": str(cycle),
        "entry": str(entry_ids(app, cycle)[0]),
        "learning": str(entry_ids(app, cycle)[1]),
        "task": opened.plan.tasks[0].id,
        "request": str(help_request),
        "invitation": str(invitation.id),
        "token": token,
        "sponsor": str(people["sponsor"]),
        "asked": str(asked),
        "method": "pdsa",
        "measure": str(measure),
        "point": point,
        "draft": draft,
        # The page of the draft the table's walk asks for: one that a plan needs answered.
        "question": "questions",
    }
    return World(flask_app, ids, people)
