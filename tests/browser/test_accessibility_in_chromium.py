"""Every page of the route table checked by axe-core in Chromium, signed in with the route
world's data, at a desktop (1280 px) and a phone (390 px) width: no violation of any
impact against WCAG 2.0, 2.1 and 2.2 A and AA. Also: no page scrolls sideways at 320 px,
and each page is photographed at both widths for people to look at (LEARNLOOP_SCREENSHOTS).

A failure names the page, the width, the rule and the first offending elements."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, Response, expect

from tests.browser.site import Site
from tests.browser.steps import scroll_width, sign_in, sign_out, wider_than, without_refusals
from tests.builders import entry_recorded, plan
from tests.routes import TABLE, World, populate
from web import cycle_drafts

pytestmark = pytest.mark.browser

# Every WCAG A and AA rule axe-core has, up to WCAG 2.2 (axe's "best-practice" rules are
# left out: they are advice, not the standard).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
WIDTHS = (1280, 390)
NARROWEST = 320
# Which of the route world's people reads each page: the facilitator unless the page is
# for someone else (not signed in, or an administrator).
ANONYMOUS = {"/signin", "/invitations/{invitation}/{token}"}
ADMIN = {"/admin/accounts"}
# Not pages: the probes answer plain text for a load balancer.
NOT_PAGES = {"/healthz", "/readyz"}
# Pages a sponsor sees differently from the facilitator, read as the sponsor too.
SPONSOR = ["/dashboard", "/groups/{group}", "/cycles/{cycle}"]
OTHER_QUESTIONS = ("objective", "change", "tasks", "data", "when")
# Pages that exist only as a state of another: a past view, and the error pages.
EXTRA = [
    "/groups/{group}?as_of=2026-01-01",
    "/groups/{group}?as_of=2026-01-01&past=happened",
    "/cycles/{cycle}?as_of=2099-01-01&past=happened",
    "/groups/{group}/timeline?kind=measures",
    "/nowhere",
    # The question pages of opening a cycle that the table's walk does not ask for: the
    # table's own are the method (the first) and questions pages, and the check page.
    *(f"/groups/{{group}}/cycles/new/{{draft}}/{q}" for q in OTHER_QUESTIONS),
    # The check page of a plan left unfinished (pages skipped): what is missing, linked.
    "/groups/{group}/cycles/new/{unfinished}/check",
]
# A state no link reaches: the questions page of opening a cycle, sent with a question but
# no prediction and given back refused, its error summary on top and the message above
# its field.
REFUSED = "/groups/{group}/cycles/new/{draft}/questions"


@dataclass(frozen=True)
class Problem:
    """One axe violation, or a sideways scroll, on one page at one width."""

    page: str
    width: int
    rule: str
    impact: str
    where: list[str]

    def __str__(self) -> str:
        return f"{self.page} at {self.width}px: {self.rule} ({self.impact}) on {self.where[:3]}"


def lived_in(world: World) -> None:
    """Give the route world's group what a group has after a few months, so every badge,
    decision and chart is on a page: a ramp adapted into its second cycle at a larger
    scale, a ramp abandoned, a measure with two years of monthly data (an XmR chart), and
    a plan for a new cycle left unfinished."""
    services = world.app.extensions["learnloop"]
    app, fay, group = services.app, str(world.accounts["facilitator"]), UUID(world.ids["group"])
    question = "Will the night team hand over at the bedside?"
    first = plan("Bedside handover", questions=[(question, "Yes, on most nights")], scale="1 bay")
    ramp = app.open_cycle(group, first, fay).id
    app.record_observation(ramp, "Handover took 20 minutes at the bedside", fay)
    app.compare_prediction(ramp, question, "confirmed", "Seven nights of ten", fay)
    learned = entry_recorded(app, app.record_reflection(ramp, "Bay lights need dimming", fay))
    wider = plan("Bedside handover", questions=[(question, "Yes")], scale="The whole ward")
    app.decide(ramp, "scale_up", "It worked in one bay", fay, wider, [learned])
    dropped = app.open_cycle(group, plan("Discharge lounge"), fay).id
    app.record_observation(dropped, "The lounge was closed on three days of five", fay)
    app.record_reflection(dropped, "The lounge is not staffed for it", fay)
    app.decide(dropped, "abandon", "No staff for the lounge", fay)
    months = "\n".join(
        f"{2023 + m // 12}-{m % 12 + 1:02d}-01,{10 + (m * 7) % 5}" for m in range(20)
    )
    app.import_points(UUID(world.ids["measure"]), months, "paste", fay)
    services.caught_up(app.recorder.max_notification_id() or 0)
    drafts = world.app.extensions[cycle_drafts.KEY]
    world.ids["unfinished"] = drafts.start(UUID(fay), group, [("objective", "Fewer falls")])


def pages_for(role: str) -> list[str]:
    """The GET routes of the table that `role` reads here."""
    gets = [p for m, p, _ in TABLE if m == "GET" and p not in NOT_PAGES]
    if role == "anonymous":
        return [p for p in gets if p in ANONYMOUS] + ["/methods", "/methods/{method}"]
    if role == "admin":
        return [p for p in gets if p in ADMIN]
    if role == "sponsor":
        return SPONSOR
    return [p for p in gets if p not in ANONYMOUS | ADMIN] + EXTRA


def audit(page: Page, path: str, screenshots: Path, role: str) -> list[Problem]:
    """What axe finds on `path` at each width, and whether it scrolls sideways at 320 px."""
    found: list[Problem] = []
    axe = Axe()
    name = f"{role}{path}".replace("/", "_").replace("?", "_").replace("{", "").replace("}", "")
    for width in (*WIDTHS, NARROWEST):
        page.set_viewport_size({"width": width, "height": 900})
        # Folded sections hold forms: open them so axe and the width check see them.
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        if width == NARROWEST:
            if scroll_width(page) > width:
                found.append(
                    Problem(path, width, "scrolls sideways", "-", wider_than(page, width))
                )
            continue
        page.screenshot(path=str(screenshots / f"{name}-{width}.png"), full_page=True)
        options = {"runOnly": {"type": "tag", "values": TAGS}}
        results: dict[str, Any] = axe.run(page, options=options).response
        for violation in results["violations"]:
            where = [", ".join(n["target"]) for n in violation["nodes"]]
            found.append(Problem(path, width, violation["id"], violation["impact"], where))
    return found


def walk(page: Page, site: Site, world: World, role: str, screenshots: Path) -> list[Problem]:
    """Open each of `role`'s pages and audit it; a page that does not open is a problem too."""
    problems: list[Problem] = []
    for path in pages_for(role):
        url = site.url + path.format(**world.ids)
        answer = page.goto(url)
        status = answer.status if answer else 0
        if status not in (200, 404) or (status == 404) != (path == "/nowhere"):
            problems.append(Problem(path, 0, f"answered {status}", "-", [url]))
            continue
        problems += audit(page, path, screenshots, role)
    return problems


def refused(
    page: Page, site: Site, world: World, screenshots: Path
) -> tuple[list[Problem], Response]:
    """Send the questions page with question 1's prediction taken out, and audit the
    refusal (nothing is kept: the draft's answers are as they were for the walk)."""
    page.goto(site.url + REFUSED.format(**world.ids))
    page.get_by_label("Prediction for question 1", exact=True).fill("")
    with page.expect_response(lambda r: r.request.method == "POST") as answered:
        page.get_by_role("button", name="Continue", exact=True).click()
    expect(page.locator("#error-summary")).to_be_in_viewport()  # the first thing in view
    if answered.value.status != 422:
        return [Problem(REFUSED, 0, f"answered {answered.value.status}", "-", [])], answered.value
    return audit(page, f"{REFUSED} refused", screenshots, "facilitator"), answered.value


@pytest.mark.accounts  # no one: the route world registers its own people
def test_every_page_meets_wcag_2_2_aa_at_desktop_and_phone_widths_and_fits_320px(
    page: Page, site: Site, screenshots: Path, console_errors: list[str]
) -> None:
    world = populate(site.flask_app)
    lived_in(world)
    problems = walk(page, site, world, "anonymous", screenshots)
    refusals: list[Response] = []
    for role, name in [
        ("facilitator", "Fay Facilitator"),
        ("sponsor", "Sam Sponsor"),
        ("admin", "Ada Admin"),
    ]:
        sign_in(page, site.url, name)
        # The refusal first: the walk's next page load clears what the audit left (axe
        # leaves style="" on elements, which the swap of signing out would copy, against
        # the CSP).
        if role == "facilitator":
            found, refusal = refused(page, site, world, screenshots)
            problems, refusals = problems + found, [refusal]
        problems += walk(page, site, world, role, screenshots)
        sign_out(page)
    audited = sum(len(pages_for(r)) for r in ("anonymous", "facilitator", "sponsor", "admin"))
    assert audited > 30  # the walk went everywhere the table goes
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(map(str, problems))
    # The console may report the one page that answers 404 on purpose (the error page is
    # audited too) and the refusal asked for.
    assert [e for e in without_refusals(console_errors, *refusals) if "/nowhere" not in e] == []
