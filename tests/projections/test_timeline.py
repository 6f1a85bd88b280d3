"""The timeline: every event of a group, in words, newest first, a page at a time."""

from domain.measure import Measure
from projections import queries
from tests.application.test_measures import definition
from tests.builders import plan
from tests.projections.conftest import Store
from tests.projections.test_measures_read import measured_group


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
    assert words[0] == "adopted the change — ramp finished: “Spread it”"
    assert "adapted the change: “Chart review next”" in words
    compared = "found the prediction for “Will nurses discharge by 11?” partly confirmed"
    assert f"{compared}: “17 appropriate”" in words
    assert "answered a request for help: “The chief nurse”" in words
    assert {r.cycle_id for r in rows if r.kind == "actions"} == {first, second}


def test_each_cycles_link_names_its_number_and_its_ramp_by_its_first_objective(
    store: Store,
) -> None:
    group, first, second = store.full_ramp()
    app = store.app
    abandoned = app.open_cycle(group, plan("Bladder <scans>\n at night"), "Ann").id
    app.record_observation(abandoned, "No scanner", "Bea")
    app.record_reflection(abandoned, "Needs a scanner", "Bea")
    app.decide(abandoned, "abandon", "No scanner to be had", "Ann")
    runner = store.runner()
    runner.setup()
    runner.catch_up()
    with store.engine.connect() as conn:
        rows, _ = queries.timeline_page(conn, group, limit=500)
    links = {(r.cycle_id, r.cycle_words) for r in rows if r.cycle_id}
    assert links == {
        (first, "cycle 1 of the ramp “Measure use”"),
        # The second cycle's plan has another objective: the ramp keeps its first one's.
        (second, "cycle 2 of the ramp “Measure use”"),
        (abandoned, "cycle 3 of the ramp “Bladder <scans> at night”"),
    }
    help_rows = [r for r in rows if r.kind == "help"]
    assert {r.cycle_words for r in help_rows} == {"cycle 1 of the ramp “Measure use”"}
    assert rows[0].words == "abandoned the change — ramp finished: “No scanner to be had”"


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


def test_every_event_of_a_measure_appears_in_words_a_sponsor_reads(store: Store) -> None:
    runner = store.runner()
    runner.setup()
    group, measure, _ = measured_group(store)
    runner.catch_up()
    with store.engine.connect() as conn:
        rows, _ = queries.timeline_page(conn, group, ["measures"], limit=500)
    falls = "“Falls per 1,000 bed days”"
    assert [r.words for r in rows] == [
        f"revised the definition of {falls} because “Wider”",
        f"started a new phase of {falls} from April 2026 because “Mats adopted”",
        f"froze the baseline of {falls} up to March 2026 because “Before the mats”",
        f"judged April 2026 of {falls} astronomical because “Far below anything seen”",
        f"noted on April 2026 of {falls}: “New sensor mats”",
        f"withdrew January 2026 of {falls} (8) because “Wrong ward”",
        f"left March 2026 of {falls} out of the calculations because “Norovirus closure”",
        f"corrected February 2026 of {falls} from 7.5 to 7 because “Recounted”",
        f"recorded 6 for April 2026 in {falls}",
        f"recorded 3 values of {falls} (from a file), from January 2026 to March 2026",
        f"defined the measure {falls} (outcome; lower is better; target 5)",
    ]
    assert {(r.originator_id, r.cycle_id, r.kind) for r in rows} == {(measure, None, "measures")}
    assert [r.actor for r in rows][-3:] == ["bea", "bea", "ann"]


def test_a_percentage_a_renaming_and_a_point_taken_back_are_worded_too(store: Store) -> None:
    app = store.app
    group = app.form_group("Ward 7", "Home before noon", "ann").id
    weekly = definition(name="Before noon <b>", target_by="2027-03-31")
    measure = app.define_measure(group, weekly, "ann").id
    app.import_points(measure, "2026-11-04,9,20\n", "paste", "bea")
    recorded: Measure = app.repository.get(measure)
    point = next(iter(recorded.points))
    app.exclude_point(measure, point, "Strike", "ann")
    app.include_point(measure, point, "Counted after all", "ann")
    app.revise_measure(measure, {**weekly, "name": "Home before noon"}, "Clearer", "ann")
    runner = store.runner()
    runner.setup()
    runner.catch_up()
    with store.engine.connect() as conn:
        rows, _ = queries.timeline_page(conn, group, ["measures"])
    assert [r.words for r in reversed(rows)] == [
        "defined the measure “Before noon <b>” (outcome; higher is better; target 40 by 31"
        " March 2027)",
        "recorded 45% (9/20) for the week of 2 November 2026 in “Before noon <b>” (pasted)",
        "left the week of 2 November 2026 of “Before noon <b>” out of the calculations"
        " because “Strike”",
        "took the week of 2 November 2026 of “Before noon <b>” back into the calculations"
        " because “Counted after all”",
        "revised the definition of “Before noon <b>”, now “Home before noon”, because “Clearer”",
    ]


def test_what_was_found_for_an_exploratory_question_is_told_without_an_outcome(
    store: Store,
) -> None:
    group = store.app.form_group("Ward 7", "Home before noon", "Ann")
    question = "Is the sticker format workable?"
    cycle_id = store.app.open_cycle(
        group.id, plan("Stickers", questions=[(question, "", "", "exploratory")]), "Ann"
    ).id
    store.app.record_observation(cycle_id, "Stickers fell off", "Bob")
    store.app.compare_prediction(cycle_id, question, "", "Workable if larger", "Bob")
    runner = store.runner()
    runner.setup()
    runner.catch_up()
    with store.engine.connect() as conn:
        rows, _ = queries.timeline_page(conn, group.id, limit=50)
    assert rows[0].words == f"recorded what was found for “{question}”: “Workable if larger”"
