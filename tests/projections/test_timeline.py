"""The timeline: every event of a group, in words, newest first, a page at a time."""

from projections import queries
from tests.projections.conftest import Store


def test_every_event_of_a_ramp_appears_in_words_newest_first(store: Store) -> None:
    group, first, second = store.full_ramp()
    runner = store.runner()
    runner.setup()
    runner.catch_up()
    with store.engine.connect() as conn:
        rows, older = queries.timeline_page(conn, group, limit=500)
    # Every event but the group's own count of its cycles (the cycle's opening says it).
    group_events = [
        n
        for n in store.app.recorder.select_notifications(1, 1000)
        if not n.topic.endswith("PilotGroup.CycleAdded")
    ]
    assert older is None
    assert len(rows) == len(group_events)
    assert [r.at for r in rows] == sorted((r.at for r in rows), reverse=True)
    words = [r.words for r in rows]
    assert words[0] == "decided to adopt: “Spread it”"
    compared = "found the prediction for “Will nurses discharge by 11?” partly confirmed"
    assert f"{compared}: “17 appropriate”" in words
    assert "answered a request for help: “The chief nurse”" in words
    assert {r.cycle_id for r in rows if r.kind == "actions"} == {first, second}


def test_kinds_filter_and_pages_follow_on_without_repeats(store: Store) -> None:
    group, _, _ = store.full_ramp()
    runner = store.runner()
    runner.setup()
    runner.catch_up()
    with store.engine.connect() as conn:
        reflections, _ = queries.timeline_page(conn, group, ["reflections"])
        seen, cursor, pages = [], None, 0
        while True:
            page, cursor = queries.timeline_page(conn, group, before=cursor, limit=4)
            seen += page
            pages += 1
            if cursor is None:
                break
        everything, _ = queries.timeline_page(conn, group, limit=500)
    assert {r.kind for r in reflections} == {"reflections"}
    assert len(reflections) == 4  # a comparison, a mistake and two learnings
    assert pages > 1
    assert [(r.originator_id, r.originator_version) for r in seen] == [
        (r.originator_id, r.originator_version) for r in everything
    ]
