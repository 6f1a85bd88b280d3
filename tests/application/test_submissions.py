"""A form sent twice is recorded once; concurrent additions all land; stale changes don't."""

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from uuid import UUID, uuid4

import pytest
from eventsourcing.persistence import IntegrityError

from domain import service
from domain.application import Learnloop, Recorded
from domain.cycle import Cycle
from domain.errors import (
    AlreadyDecidedError,
    BusyError,
    NothingToReflectOnError,
    StalePlanError,
)
from domain.submissions import Submission, submission_id
from tests.builders import entry_ids, entry_kinds, entry_recorded, entry_texts, plan
from web.storage import storage_for

ANN = "ann"


def events(app: Learnloop) -> int:
    return app.recorder.max_notification_id() or 0


def opened(app: Learnloop) -> UUID:
    group = app.form_group("Ward 7", "Home before noon", ANN)
    return app.open_cycle(group.id, plan(), ANN).id


def test_a_submission_sent_again_records_nothing_and_answers_as_the_first(
    application: Learnloop,
) -> None:
    cycle_id = opened(application)

    def send() -> Recorded:
        return application.once(
            ANN, "key-1", lambda: application.record_observation(cycle_id, "Bay B late", ANN)
        )

    first = send()
    before = events(application)
    again = send()
    assert again.id == first.id == cycle_id
    assert events(application) == before
    assert entry_texts(application, cycle_id) == ["Bay B late"]


def test_a_resent_submission_answers_with_what_it_made_not_what_it_changed(
    application: Learnloop,
) -> None:
    group = application.form_group("Ward 7", "Home before noon", ANN)

    def send() -> Recorded:
        return application.once(ANN, "open", lambda: application.open_cycle(group.id, plan(), ANN))

    first = send()
    assert isinstance(application.repository.get(first.id), Cycle)
    assert send().id == first.id


def test_a_resend_after_the_cycle_closed_is_not_refused(application: Learnloop) -> None:
    cycle_id = opened(application)
    application.record_observation(cycle_id, "Seen", ANN)
    application.record_reflection(cycle_id, "Learned", ANN)

    def decide() -> Recorded:
        return application.once(
            ANN, "decide", lambda: application.decide(cycle_id, "adopt", "It worked", ANN)
        )

    decide()
    before = events(application)
    assert decide().id == cycle_id
    assert events(application) == before
    with pytest.raises(AlreadyDecidedError):  # without its key: a second, refused decision
        application.decide(cycle_id, "adopt", "It worked", ANN)


def test_the_same_key_from_two_people_is_two_submissions(application: Learnloop) -> None:
    cycle_id = opened(application)
    application.once("ann", "same", lambda: application.record_observation(cycle_id, "A", "ann"))
    application.once("bob", "same", lambda: application.record_observation(cycle_id, "B", "bob"))
    assert entry_texts(application, cycle_id) == ["A", "B"]


def test_a_refused_submission_leaves_its_key_free_for_the_corrected_form(
    application: Learnloop,
) -> None:
    cycle_id = opened(application)
    with pytest.raises(NothingToReflectOnError):
        application.once(ANN, "early", lambda: application.record_reflection(cycle_id, "x", ANN))
    assert application._find(Submission, submission_id(ANN, "early")) is None
    application.record_observation(cycle_id, "Seen", ANN)
    application.once(ANN, "early", lambda: application.record_reflection(cycle_id, "x", ANN))
    assert entry_kinds(application, cycle_id) == ["observation", "reflection"]


def test_retrying_a_lost_race_gives_up_after_the_time_limit(
    application: Learnloop, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "RETRY_FOR", 0.05)
    tries = []

    def always_loses() -> Recorded:
        tries.append(1)
        raise IntegrityError("lost the race")

    with pytest.raises(BusyError, match="nothing was recorded"):
        application._retrying(always_loses)
    assert len(tries) > 3  # bounded by time, not by a count of three


def test_time_spent_waiting_for_the_database_before_a_lost_race_is_not_counted(
    application: Learnloop, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A command that waited out an outage, then met the writes queued behind it, must still
    # get its whole time to race (R7: it was answered 500 instead).
    monkeypatch.setattr(service, "RETRY_FOR", 0.05)
    tries = []
    recorded = Recorded(uuid4(), 1)

    def waits_then_loses_twice() -> Recorded:
        tries.append(1)
        if len(tries) == 1:
            time.sleep(0.1)  # longer than the whole budget: the database was away
        if len(tries) < 3:
            raise IntegrityError("lost the race")
        return recorded

    assert application._retrying(waits_then_loses_twice) is recorded
    assert len(tries) == 3


def test_a_snapshot_that_fails_does_not_fail_the_recorded_command(
    application: Learnloop, monkeypatch: pytest.MonkeyPatch
) -> None:
    cycle_id = opened(application)

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    assert application.snapshots is not None
    monkeypatch.setattr(application.snapshots, "put", broken)
    for i in range(60):  # passes version 50, where a snapshot is taken
        application.record_observation(cycle_id, f"Seen {i}", ANN)
    cycle: Cycle = application.repository.get(cycle_id)
    recorded = entry_ids(application, cycle_id)
    assert len(recorded) == 60
    assert "".join(cycle.journal.runs["observation"]) == "".join(e.hex for e in recorded)


def run_together(count: int, work: Callable[[int], None]) -> list[BaseException]:
    """Run `work(i)` in `count` threads started at once; the errors they raised."""
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def run(i: int) -> None:
        barrier.wait()
        try:
            work(i)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


@pytest.fixture
def stored(database_url: str, tmp_path: Path) -> Iterator[Learnloop]:
    """The Application on a real store (SQLite file, PostgreSQL), where races are real."""
    app = Learnloop(env=storage_for(database_url, str(tmp_path)).persistence_env)
    yield app
    app.close()


def test_eight_people_adding_to_one_cycle_at_once_all_land(stored: Learnloop) -> None:
    cycle_id = opened(stored)

    def add(i: int) -> None:
        for n in range(8):
            stored.record_observation(cycle_id, f"{i}-{n}", f"member {i}")

    assert run_together(8, add) == []
    assert sorted(entry_texts(stored, cycle_id)) == sorted(
        f"{i}-{n}" for i in range(8) for n in range(8)
    )


def test_one_submission_sent_eight_times_at_once_is_recorded_once(stored: Learnloop) -> None:
    cycle_id = opened(stored)
    answers: list[UUID] = []

    def send(i: int) -> None:
        recorded = stored.once(
            ANN, "double-click", lambda: stored.record_observation(cycle_id, "Once", ANN)
        )
        answers.append(recorded.id)

    assert run_together(8, send) == []
    assert entry_texts(stored, cycle_id) == ["Once"]
    assert answers == [cycle_id] * 8


def test_a_revision_on_a_stale_basis_is_refused_even_after_a_lost_race(
    stored: Learnloop,
) -> None:
    cycle_id = opened(stored)
    seen = entry_recorded(stored, stored.record_observation(cycle_id, "Seen", ANN))
    outcomes: list[str] = []

    def revise(i: int) -> None:
        try:
            stored.revise_plan(cycle_id, 1, plan(f"Version {i}"), f"Change {i}", [seen], ANN)
            outcomes.append("revised")
        except StalePlanError:
            outcomes.append("stale")

    assert run_together(4, revise) == []
    assert sorted(outcomes) == ["revised", "stale", "stale", "stale"]
    cycle: Cycle = stored.repository.get(cycle_id)
    assert cycle.plan_version == 2
