"""The harness itself: it reads forms as a browser sends them and catches each broken promise."""

from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

import pytest
import sqlalchemy as sa

from domain.cycle import Cycle
from domain.entries import SCALE_UP
from projections.tables import entries
from tests.server.checks import Expect, judge
from tests.server.client import Answer, Submission, marker
from tests.server.decision_checks import Sent, judge_race, page_problems
from tests.server.forms import forms_in
from tests.server.outage import (
    BUILT,
    STAND_IN,
    Probe,
    Run,
    Timeline,
    outage_problems,
    recorded_by_a_503,
)
from tests.server.outage import WORDS as OUTAGE_WORDS
from tests.server.store import Copy, ReadModel, rebuild_and_compare, store
from tests.server.world import prepare

PAGE = """
<form method="post" action="/signout"><input type="hidden" name="csrf_token" value="t0"></form>
<form method="post" action="/cycles/c/entries" id="act_form">
  <input id="x" name="act_form-csrf_token" type="hidden" value="t1">
  <input type="hidden" name="submission" value="k1">
  <select name="act_form-kind"><option value="action">Action</option>
    <option value="observation" selected>Observation</option></select>
  <select name="act_form-question"><option value="">—</option><option>Home by 11?</option></select>
  <textarea name="act_form-text">
Two &amp; three</textarea>
  <input type="checkbox" name="cites" value="a">
  <input type="checkbox" name="cites" value="b" checked>
  <input type="radio" name="outcome" value="yes"><input type="submit" name="go" value="Go">
</form>
"""


def test_a_form_is_read_as_a_browser_would_send_it() -> None:
    signout, act = forms_in(PAGE)
    assert signout.fields == [("csrf_token", "t0")]
    assert (act.action, act.method, act.id) == ("/cycles/c/entries", "post", "act_form")
    assert act.fields == [
        ("act_form-csrf_token", "t1"),
        ("submission", "k1"),
        ("act_form-kind", "observation"),
        ("act_form-question", ""),
        ("act_form-text", "Two & three"),
        ("cites", "b"),
    ]
    assert act.options["act_form-question"] == ["", "Home by 11?"]
    assert act.options["cites"] == ["a", "b"]
    assert act.key() == "k1"
    assert act.name_ending("text") == "act_form-text"


def sent(kind: str, status: int | None, replays: list[int | None] | None = None) -> Submission:
    """A submission as a writer leaves it."""
    return Submission(
        "m@example.org", kind, marker(), "key", "/p", [], status, replays=replays or []
    )


def test_a_run_that_kept_every_promise_is_passed() -> None:
    run = [sent("entry", 303, [303]), sent("revision", 409, [409]), sent("comment", 303, [303])]
    stored = {run[0].marker: [Copy("Entry", 0)], run[2].marker: [Copy("Comment", 0)]}
    verdict = judge("ok", run, [200, 200], stored, None, Expect(replays=True))
    assert verdict.ok, verdict.report()
    assert verdict.tallies["entry"].stored_once == 1
    assert verdict.tallies["revision"].refused[409] == 1


def test_a_lost_answer_to_a_write_that_had_committed_is_counted() -> None:
    resent, unstored = sent("entry", 303), sent("comment", 303)
    for s in (resent, unstored):
        s.lost, s.sent_at = 1, [100.0, 102.0]
    stored = {resent.marker: [Copy("Entry", 101.0)], unstored.marker: [Copy("Comment", 102.5)]}
    verdict = judge("lost", [resent, unstored], [], stored, None)
    assert verdict.ok, verdict.report()
    assert verdict.tallies["entry"].committed_then_lost == 1
    assert verdict.tallies["comment"].committed_then_lost == 0
    assert verdict.tallies["comment"].retried == 1


def test_each_broken_promise_is_reported() -> None:
    doubled, stale_stored, failed, refused_entry, replayed, retried = (
        sent("entry", 303),
        sent("revision", 409),
        sent("comment", 500),
        sent("entry", 409),
        sent("comment", 303, [500]),
        sent("entry", 500, [303]),
    )
    stored = {
        doubled.marker: [Copy("Entry", 0), Copy("Entry", 0)],
        stale_stored.marker: [Copy("Revised", 0)],
        replayed.marker: [Copy("Comment", 0), Copy("Comment", 0)],
        retried.marker: [Copy("Entry", 0)],  # the first failed: the replay may record it, once
    }
    before = {replayed.marker: [Copy("Comment", 0)]}
    run = [doubled, stale_stored, failed, refused_entry, replayed, retried]
    verdict = judge("broken", run, [200, 502, None], stored, None, before_replays=before)
    found = "\n".join(verdict.problems)
    for kind in (
        "stored more than once: 2",
        "refused (4xx) yet stored: 1",
        "an addition refused",
        "a replay recorded it again: 1",
        "answered 5xx: 2",
        "replay answered 5xx",
        "page reads answered 5xx: 1",
        "page reads not answered: 1",
    ):
        assert kind in found, verdict.report()
    assert not judge(
        "lost pages",
        [],
        [None, 503],
        {},
        None,
        Expect(pages_lost=True, page_statuses=frozenset({503})),
    ).problems


def test_a_read_model_that_differs_from_a_rebuild_is_reported(sqlite_url: str) -> None:
    world = prepare(sqlite_url, members=1)
    with store(world.database_url) as (app, engine):
        assert rebuild_and_compare(app, engine).differences() == []
        with engine.begin() as conn:
            conn.execute(sa.update(entries).values(text="Changed behind the log's back"))
        model: ReadModel = rebuild_and_compare(app, engine)
    assert [d for d in model.differences() if d.startswith(f"table {entries.name}:")], model


def unavailable_page(status: int = 503, retry_after: str = "5") -> Answer:
    """An answer as the app gives it while the database is away (or not, with other values)."""
    body = "<p>" + " ... ".join(OUTAGE_WORDS) + "</p>"
    return Answer(status, body, retry_after=retry_after)


def outage_run(readyz_in_cut: int = 503, ready: bool = True, logs: str = "") -> Run:
    """A run cut from 10 to 20 s, probed in the cut, a worker killed and built again."""
    timeline = Timeline(
        started=0.0,
        cut_at=10.0,
        killed_at=11.0,
        restored_at=20.0,
        ready_at=21.0 if ready else None,
        built_at=22.0,
        stopped_at=30.0,
    )
    probes = [
        Probe("/healthz", 200, "ok\n", "", 12.0, 12.1),
        Probe("/readyz", readyz_in_cut, "database unreachable: x\n", "5", 12.2, 12.3),
        Probe("/readyz", 200, "ready\n", "", 21.0, 21.1),
    ]
    text = logs or f"{STAND_IN} (x)\n{BUILT}\n"
    return Run(timeline, probes, killed=[123], logs=text)


def crossed(statuses: list[int | None], first_sent: float = 5.0) -> Submission:
    """A submission sent before the cut and again, answered `statuses` in turn."""
    s = sent("entry", statuses[-1])
    s.answers, s.sent_at = statuses, [first_sent + n for n in range(len(statuses))]
    return s


def test_an_outage_run_that_kept_every_promise_is_passed() -> None:
    run = [crossed([503, 503, 303]), crossed([303], first_sent=25.0)]
    failures = [("POST", "/p", unavailable_page()), ("GET", "/c", unavailable_page())]
    assert outage_problems(outage_run(), run, failures) == []


def test_each_broken_outage_promise_is_reported() -> None:
    failures = [
        ("POST", "/p", unavailable_page(500)),
        ("GET", "/c", unavailable_page(retry_after="")),
        ("GET", "/d", Answer(503, "Internal Server Error", retry_after="5")),
    ]
    late = [crossed([503, 503, 303])]  # nothing sent after the recovery was accepted
    found = "\n".join(outage_problems(outage_run(readyz_in_cut=200), late, failures))
    for kind in (
        "answered a 5xx other than 503: 1",
        "a 503 without Retry-After: 5: 1",
        "a 503 that is not the app's page: 1",
        "/readyz during the cut not 503",
        "no write accepted after the recovery",
    ):
        assert kind in found, found
    never = "\n".join(
        outage_problems(outage_run(ready=False, logs="Traceback (most recent call last)"), [], [])
    )
    for kind in (
        "the cut did not bite",
        "no post that got a 503 was sent again and accepted",
        "/readyz did not answer 200 again",
        "no web worker booted during the cut",
        "a traceback in the server's logs",
    ):
        assert kind in never, never


@pytest.mark.parametrize(
    ("path", "complaint"),
    [("/healthz", "/healthz answered other than 200"), ("/readyz", "/readyz during the cut")],
)
def test_only_a_probe_in_flight_on_the_killed_worker_may_go_unanswered(
    path: str, complaint: str
) -> None:
    run = [crossed([503, 503, 303]), crossed([303], first_sent=25.0)]
    failures = [("POST", "/p", unavailable_page())]
    reset = "ConnectionResetError(104, 'Connection reset by peer')"
    at_the_kill = outage_run()
    at_the_kill.probes.append(Probe(path, None, reset, "", 10.9, 11.1))
    assert outage_problems(at_the_kill, run, failures) == []
    later = outage_run()
    later.probes.append(Probe(path, None, reset, "", 13.0, 13.1))
    assert complaint in "\n".join(outage_problems(later, run, failures))


def test_a_503_to_a_send_that_had_in_fact_recorded_it_is_counted() -> None:
    recorded_then_cut, refused_outright = crossed([503, 303]), crossed([503, 303])
    stored = {
        recorded_then_cut.marker: [Copy("Entry", 5.5)],  # before the second send, at 6.0
        refused_outright.marker: [Copy("Entry", 6.2)],  # by the second send
    }
    assert recorded_by_a_503(recorded_then_cut, stored)
    assert not recorded_by_a_503(refused_outright, stored)


def decided(cycle_id: UUID, by: Sent, next_cycle_id: UUID | None = None) -> "Cycle.DecisionMade":
    """The decision a raced cycle stores, with its winner's mark in the reason."""
    made: Any = Cycle.DecisionMade  # its fields are keywords the type checker does not see
    return made(
        originator_id=cycle_id,
        originator_version=4,
        timestamp=datetime.now(UTC),
        decision=by.decision,
        reason=f"{by.decision} {by.mark}",
        next_cycle_id=next_cycle_id,
        actor="a",
        happened=by.happened,
    )


def continued(cycle_id: UUID, by: Sent) -> "Cycle.Continued":
    """The next cycle a continuing decision opens, its change carrying the decision's mark."""
    opened: Any = Cycle.Continued  # its fields are keywords the type checker does not see
    return opened(
        originator_id=uuid4(),
        originator_version=1,
        timestamp=datetime.now(UTC),
        originator_topic="domain.cycle:Cycle",
        group_id=uuid4(),
        number=2,
        plan={"scale": by.scale},
        method="pdsa",
        previous_cycle_id=cycle_id,
        change=f"{by.decision} {by.mark}",
        cites=[],
        actor="a",
        happened=by.happened,
    )


def raced(decision: str, status: int, again: int) -> Sent:
    """One member's decision of a raced cycle and the answers it got."""
    mark = marker()
    submission = Submission("m@example.org", "decision", "", "key", "/p", [], status)
    location = "/cycles/c#decision" if status == 303 else ""
    return Sent(
        submission, mark, decision=decision, first=(status, location), again=[(again, location)]
    )


def test_a_race_won_once_with_every_other_decision_refused_is_passed() -> None:
    cycle_id = uuid4()
    won, lost = raced("adopt", 303, 303), raced("abandon", 409, 409)
    verdict, problems = judge_race(cycle_id, [decided(cycle_id, won)], [won, lost], {}, set())
    assert (verdict, problems) == ("adopt ()", [])


def test_a_cycle_decided_twice_is_caught() -> None:
    cycle_id = uuid4()
    one, two = raced("adopt", 303, 303), raced("abandon", 303, 303)
    stored = [decided(cycle_id, one), decided(cycle_id, two)]
    _, problems = judge_race(cycle_id, stored, [one, two], {}, set())
    assert [what for what, _ in problems] == ["a cycle not decided exactly once"]


def test_a_loser_told_it_was_recorded_or_stored_and_a_winner_replayed_otherwise_are_caught() -> (
    None
):
    cycle_id = uuid4()
    won, told, kept = (
        raced("adopt", 303, 409),
        raced("abandon", 303, 303),
        raced("adopt", 409, 409),
    )
    marked = {kept.mark: [decided(cycle_id, kept)]}
    _, problems = judge_race(cycle_id, [decided(cycle_id, won)], [won, told, kept], marked, set())
    assert sorted(what for what, _ in problems) == [
        "a decision that lost not refused with 409",
        "a decision that lost was stored",
        "a replay of a decision that lost answered otherwise",
        "a replay of the winner answered otherwise than the first",
    ]


def test_a_scale_up_that_opened_two_next_cycles_is_caught() -> None:
    cycle_id = uuid4()
    won = raced(SCALE_UP, 303, 303)
    won.scale = "Ward 7"
    first, second = continued(cycle_id, won), continued(cycle_id, won)
    stored = [decided(cycle_id, won, first.originator_id)]
    marked = {won.mark: [stored[0], first, second]}
    added = {first.originator_id, second.originator_id}
    _, problems = judge_race(cycle_id, stored, [won], marked, added)
    assert [what for what, _ in problems] == ["not exactly one next cycle opened"]


def test_a_scale_up_sent_to_its_next_cycle_with_the_scale_kept_is_passed() -> None:
    cycle_id = uuid4()
    won = raced(SCALE_UP, 303, 303)
    won.scale = "Ward 7"
    following = continued(cycle_id, won)
    won.first = won.again[0] = (303, f"/cycles/{following.originator_id}")
    stored = [decided(cycle_id, won, following.originator_id)]
    marked = {won.mark: [stored[0], following]}
    _, problems = judge_race(cycle_id, stored, [won], marked, {following.originator_id})
    assert problems == []


def test_a_refusal_page_showing_the_cycle_still_open_is_caught() -> None:
    lost = raced("adopt", 409, 409)
    lost.page = "<p>Ann already decided to abandon this cycle.</p><button>Record decision</button>"
    assert [what for what, _ in page_problems(lost)] == [
        "a refusal whose page shows the cycle still open"
    ]
    lost.page = "<p>Ann already decided to abandon this cycle.</p><p>Decided to abandon</p>"
    assert page_problems(lost) == []


def test_a_recorded_decision_whose_page_does_not_show_it_is_caught() -> None:
    won = raced("adopt", 303, 303)
    won.landed = (200, "<p>Decided to adopt</p>")
    assert [what for what, _ in page_problems(won)] == [
        "the page a recorded submission leads to does not show it"
    ]
    won.landed = (200, f"<p>Decided to adopt</p><p>adopt {won.mark}</p>")
    assert page_problems(won) == []
