"""Hostile input over HTTP: one test for each way a refusal reaches the person, and the
bugs the hostile inputs found, each pinned where it lived.

The matrix of hostile bodies at every form runs at the form and the Application, in
test_hostile_forms.py. What only HTTP shows is here: bodies of the wrong encoding (raw
bytes, lone surrogates, multipart, JSON), posts from someone signed out or outside the
group, with and without htmx, and hostile return addresses. A 422 with the message
beside the field is in test_refusals.py (as a page and as an htmx fragment), a 409 there
and below, a 413 in test_caps.py. For every request here: the status is below 500, a
refusal wrote no event, and what was written shows on its page.
"""

import uuid
from collections.abc import Iterator
from urllib.parse import quote
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.builders import entry_ids
from tests.conftest import PASSWORD, make_app, register, sign_in
from tests.web.conftest import HX, events_in, services_of
from tests.web.hostile_values import QUESTION, encoded
from tests.web.hostile_world import World

# Odd text a browser would never send: lone surrogates (invalid UTF-8 when sent raw),
# beside RTL marks, markup and emoji.
ODD = "\ud800 \u202e <b> \U0001f600 \udfff \ufeff"
ENCODINGS = ["urlencoded", "raw bytes", "multipart", "json", "latin-1", "no body"]


def form_urls(w: World) -> dict[str, tuple[str, dict[str, str]]]:
    """Every state-changing form (but signing in and accepting an invitation, which are
    public): its URL, and a body it would accept from the facilitator."""
    cycle = w.new_cycle()
    reflected = w.new_cycle(reflected=True)
    entry, task = entry_ids(w.s, reflected)[0], w.cycle(reflected).plan.tasks[0].id
    _, request = w.peer_assist()
    panel, story = w.panel()
    helped = w.done(w.s.ask_for_help(cycle, "Who has torches?", str(w.ann)))
    plan = {"objective": "O", "questions-0-question": QUESTION, "questions-0-prediction": "P"}
    revision = {**plan, "based_on": "1", "change": "C", "cites": str(entry)}
    c, g = f"/cycles/{cycle}", f"/groups/{w.group}"
    r = f"/cycles/{reflected}"
    return measure_forms(w) | {
        "form a group": ("/groups", {"name": "Ward 8", "aim": "Fewer falls"}),
        "revise aim": (f"{g}/aim", {"aim_form-aim": "A", "aim_form-reason": "R"}),
        "invite": (f"{g}/invitations", {"invite_form-email": "zed@example.org"}),
        "change role": (f"{g}/people/{w.bob}/role", {f"r{w.bob.hex}-role": "member"}),
        "remove member": (f"{g}/people/{w.bob}/remove", {}),
        "sharing": (f"{g}/sharing", {"sharing_form-shared": "y"}),
        "open a cycle": (f"{g}/cycles", plan),
        "act entry": (f"{c}/entries", {"act_form-kind": "action", "act_form-text": "T"}),
        "comparison": (
            f"{c}/comparisons",
            {
                "compare_form-question": QUESTION,
                "compare_form-outcome": "partly",
                "compare_form-text": "T",
            },
        ),
        "reflection": (f"{c}/reflections", {"reflection_form-text": "T"}),
        "mistake": (f"{c}/mistakes", {"mistake_form-text": "T"}),
        "help ask": (f"{c}/help", {"help_form-text": "T"}),
        "help answer": (f"/help/{helped}/answers", {f"a{helped.hex}-text": "T"}),
        "help close": (f"/help/{helped}/close", {}),
        "comment on plan": (f"{r}/comments?on=plan", {"cplan-text": "T"}),
        "comment on entry": (f"{r}/comments?on={entry.hex}", {f"c{entry.hex}-text": "T"}),
        "task done": (f"{r}/tasks/{task}/done", {}),
        "decision": (
            f"{r}/decision",
            {"decision_form-decision": "adopt", "decision_form-reason": "R"},
        ),
        "revise plan": (f"{r}/revisions", revision),
        "adapt": (f"{r}/adapt", revision),
        "correction": (
            f"{r}/entries/{entry}/correct",
            {"based_on": "1", "action": "amend", "text": "T", "reason": "R"},
        ),
        "advice request": (
            f"/cycles/{w.new_cycle(observed=False, method='peer_assist')}/advice-requests",
            {"advice_request_form-to_group": str(w.other), "advice_request_form-question": "Q"},
        ),
        "advice": (f"/groups/{w.other}/advice/{request}", {f"adv{request.hex}-text": "T"}),
        "story": (
            f"/cycles/{w.new_cycle(observed=False, method='most_significant_change')}/stories",
            {
                "story_form-from_group": str(w.group),
                "story_form-title": "T",
                "story_form-teller": "T",
                "story_form-text": "T",
                "story_form-why": "W",
            },
        ),
        "panel choice": (
            f"/cycles/{panel}/stories/choice",
            {"choice_form-story": str(story), "choice_form-reasons": "R"},
        ),
    }


def measure_forms(w: World) -> dict[str, tuple[str, dict[str, str]]]:
    """The forms of measures and their points (a file sent as a plain field is refused)."""
    measure = w.new_measure()
    m = f"/measures/{measure}"
    p = f"{m}/points/{w.point(measure)}"
    defined = {"name": "N", "definition": "D", "unit": "u", "kind": "outcome", "better": "up"}
    revised = {f"revise_form-{k}": v for k, v in defined.items()} | {"revise_form-reason": "R"}
    return {
        "define a measure": (f"/groups/{w.group}/measures", {**defined, "period": "month"}),
        "revise a measure": (f"{m}/definition", revised),
        "record a value": (
            f"{m}/points",
            {"point_form-day": "2024-03-04", "point_form-value": "3"},
        ),
        "paste rows": (f"{m}/points/paste", {"paste_form-rows": "2024-01-01,4"}),
        "upload a file": (f"{m}/points/upload", {"upload_form-file": "2024-02-01,4"}),
        "baseline": (f"{m}/baseline", {"baseline_form-first": "1", "baseline_form-reason": "R"}),
        "new phase": (f"{m}/phases", {"phase_form-start": "2024-06-01", "phase_form-reason": "R"}),
        "correct a point": (
            f"{p}/correct",
            {"correct_form-value": "7", "correct_form-reason": "R"},
        ),
        "note on a point": (f"{p}/notes", {"note_form-text": "T"}),
        "astronomical point": (f"{p}/astronomical", {"astronomical_form-reason": "R"}),
        "leave a point out": (f"{p}/exclude", {"exclude_form-reason": "R"}),
        "take a point back": (f"{p}/include", {"include_form-reason": "R"}),
        "withdraw a point": (f"{p}/withdraw", {"withdraw_form-reason": "R"}),
    }


@pytest.fixture
def world(app: Flask, ann: UUID) -> World:
    return World(app, ann)


@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
def test_no_form_takes_a_post_from_someone_signed_out_or_outside_the_group(
    app: Flask, world: World, headers: dict[str, str]
) -> None:
    signed_out, outsider = world.clients["signed out"], world.clients["outsider"]
    for form, (url, body) in form_urls(world).items():
        before = events_in(app)
        away = signed_out.post(url, data=body, headers=headers)
        if headers:  # htmx is told where to go, rather than given a page to swap in
            assert (away.status_code, away.headers["HX-Redirect"][:7]) == (401, "/signin"), form
        else:
            assert (away.status_code, away.headers["Location"][:7]) == (303, "/signin"), form
        if form != "form a group":  # anyone signed in may form a group of their own
            barred = outsider.post(url, data=body, headers=headers)
            assert barred.status_code in (403, 404), f"{form}: {barred.status_code}"
        assert events_in(app) == before, f"{form}: a refused post wrote events"


@pytest.mark.parametrize("how", ENCODINGS)
def test_a_body_in_the_wrong_encoding_is_refused_or_stored_readably_never_a_500(
    app: Flask, world: World, how: str
) -> None:
    facilitator = world.clients["facilitator"]
    wrote = []
    for form, (url, body) in form_urls(world).items():
        pairs = [(name, f"{value} {ODD}" if value else ODD) for name, value in body.items()]
        if how == "latin-1":
            data: object = "&".join(f"{k}={v}" for k, v in pairs).encode("latin-1", "replace")
            content_type: str | None = "application/x-www-form-urlencoded"
        else:
            data, content_type = encoded(pairs, "" if how == "no body" else how)
        for headers in ({}, HX):
            before = events_in(app)
            posted = facilitator.post(url, data=data, content_type=content_type, headers=headers)
            assert posted.status_code < 500, f"{form} ({how}): {posted.status_code}"
            if posted.status_code >= 400:
                assert events_in(app) == before, f"{form} ({how}): refused, but wrote events"
            elif events_in(app) > before:
                wrote.append(form)
                page = posted.headers.get("Location") or posted.headers.get("HX-Location") or url
                shown = facilitator.get(page.split("#")[0].split("?")[0])
                assert shown.status_code < 500, f"{form} ({how}): {page} broke after a write"
    if how in ("urlencoded", "multipart", "latin-1"):  # decodable: most forms took them
        assert len(wrote) >= 10, f"only {wrote} wrote: the write path went untested"


HOSTILE_TARGETS = [
    "//evil.example", "///evil.example", "/\\evil.example", "\\evil.example",
    "https://evil.example/", "javascript:alert(1)", "http://[x", "/groups/\ud800",
    "/%2F%2Fevil.example", "\x00/groups", " //evil.example", "\u202e//evil.example",
]  # fmt: skip


def test_a_hostile_return_address_after_signing_in_stays_on_the_site(
    app: Flask, ann: UUID
) -> None:
    for target in HOSTILE_TARGETS:
        next_ = quote(target.encode("utf-8", "surrogatepass"), safe="")
        signed = app.test_client().post(
            f"/signin?next={next_}", data={"email": "ann@example.org", "password": PASSWORD}
        )
        assert signed.status_code == 303, target
        location = signed.headers["Location"]
        assert location.startswith("/"), (target, location)
        assert location[1:2] not in ("/", "\\"), (target, location)


# -- Known bugs the hostile inputs found: each pinned where it lived ------------------


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
