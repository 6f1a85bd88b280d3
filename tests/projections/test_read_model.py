"""What the read model shows for a ramp that uses every kind of event."""

from uuid import UUID

from domain.entries import ACT
from projections import queries
from tests.projections.conftest import Store


def caught_up(store: Store) -> tuple[UUID, UUID, UUID]:
    ids = store.full_ramp()
    runner = store.runner()
    runner.setup()
    runner.catch_up()
    return ids


def test_the_group_shows_its_aim_history_members_and_one_ramp_ending_adopted(
    store: Store,
) -> None:
    group_id, first, second = caught_up(store)
    with store.engine.connect() as conn:
        group = queries.get_group(conn, group_id)
        aims = queries.aim_history(conn, group_id)
        members = queries.group_members(conn, group_id)
        ramps = queries.ramps(queries.group_cycles(conn, group_id))
    assert group is not None
    assert group.aim == "Under 10% of patients with a catheter"
    assert [a.reason for a in aims] == ["Needed a target", None]
    assert [m.name for m in members] == ["Ann", "Bea"]
    assert [[c.id for c in ramp] for ramp in ramps] == [[first, second]]
    assert [c.decision for c in ramps[0]] == ["adapt", "adopt"]


def test_corrections_keep_the_original_beside_the_amendment(store: Store) -> None:
    _, first, _ = caught_up(store)
    with store.engine.connect() as conn:
        entries = queries.entry_page(conn, first, ACT).entries
        corrections = queries.entry_corrections(conn, entries)
    amended, withdrawn = entries[0], entries[1]
    assert (amended.text, amended.revision) == ("Night shift missed twice", 2)
    assert [c.kind for c in corrections[amended.id]] == ["original", "amended"]
    assert corrections[amended.id][0].text == "Night shift missed"
    assert withdrawn.withdrawn
    assert withdrawn.text == "54 catheters"


def test_help_requests_comments_and_tasks_are_listed(store: Store) -> None:
    group_id, first, _ = caught_up(store)
    with store.engine.connect() as conn:
        help_rows = queries.group_help(conn, group_id=group_id)
        still_open = queries.group_help(conn, group_id=group_id, open_only=True)
        comments = queries.comments_on(conn, first, ["plan"])
        done = queries.cycle_tasks_done(conn, first)
    assert [(h.status, [a.text for a in h.answers]) for h in help_rows] == [
        ("closed", ["The chief nurse"])
    ]
    assert still_open == []
    assert [c.text for c in comments["plan"].comments] == ["Good plan"]
    assert comments["plan"].earlier == 0
    assert list(done.values()) == ["Bea"]


def test_the_next_cycle_s_first_plan_cites_the_learning_it_was_adapted_from(
    store: Store,
) -> None:
    _, first, second = caught_up(store)
    with store.engine.connect() as conn:
        history = queries.revision_history(conn, second)
        cycle = queries.get_cycle(conn, second)
    assert cycle is not None
    assert cycle.previous_cycle_id == first
    assert history[0].current.change == "Chart review next"
    assert [e.text for e in history[0].current.cites] == ["A real problem"]
