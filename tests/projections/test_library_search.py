"""The learning library's search and pages, on SQLite (FTS5) and PostgreSQL (tsvector) alike."""

from dataclasses import dataclass
from uuid import UUID

import pytest

from domain.entries import REFLECT
from projections import fulltext, queries
from tests.builders import plan
from tests.plans import query_plans
from tests.projections.conftest import Store


@dataclass(frozen=True)
class Learned:
    """A group's cycle and the learning recorded in it (its newest 30), oldest first."""

    group: UUID
    cycle: UUID
    entries: list[UUID]


# What a person might type into the search box that means something to FTS5, to
# PostgreSQL's tsquery, to LIKE or to SQL itself.
HOSTILE = [
    '"',
    '""',
    "'",
    "*",
    "-",
    ":",
    "(",
    ")",
    "^",
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "NEAR(medicines evening)",
    "medicines NEAR/2 ward",
    'medicines" OR "ward',
    "medicines OR ward",
    "medicines*",
    "-evening medicines",
    "medicines -evening",
    "text:medicines",
    "{text}: ward",
    "medicines AND (evening",
    "^medicines",
    "medicines +ward",
    "medicines & !ward | evening",
    "medicines <-> ward",
    "'; DROP TABLE rm_learning; --",
    "%",
    "_",
    "\\",
    "medicines\x00ward",
    "\u00ad",
    "½ ² ǅ 日本語",
    "m" * 300,
]


def learned(store: Store, *texts: str, by: str = "Ann", group: str = "Ward 7") -> Learned:
    """A group of `by`'s with one cycle that learned `texts`, in order, caught up."""
    app = store.app
    formed = app.form_group(group, "Home before noon", by).id
    cycle = app.open_cycle(formed, plan("Criteria-led discharge"), by).id
    app.record_observation(cycle, "Six patients waited", by)
    for text in texts:
        app.record_reflection(cycle, text, by)
    runner = store.runner()
    runner.setup()
    runner.catch_up()
    with store.engine.connect() as conn:
        shown = queries.entry_page(conn, cycle, REFLECT).entries  # the newest 30
    return Learned(formed, cycle, [e.id for e in shown])


def found(store: Store, words: str, reader: str = "Ann") -> list[str]:
    """The texts the library shows `reader` for `words`, in order."""
    with store.engine.connect() as conn:
        rows, _ = queries.search_learning(conn, reader, words)
    return [r.text for r in rows]


def test_a_search_finds_other_forms_of_its_words_whatever_their_case(store: Store) -> None:
    nurse = "Nurses can discharge a patient before the ward round"
    learned(store, nurse, "Porters wait at noon")
    assert found(store, "discharges") == [nurse]
    assert found(store, "NURSE") == [nurse]
    assert found(store, "nurse Discharged") == [nurse]
    assert found(store, "nurse porters") == []  # every word must be there
    assert found(store, "disch") == [nurse]  # the last word may be one still being typed
    assert found(store, "the nurses and their ward") == [nurse]  # "the", "and"… are no words


def test_the_best_match_comes_first_and_equal_matches_newest_first(store: Store) -> None:
    learned(
        store,
        "Porters once, on Monday",
        "Porters, porters, porters: book porters early",
        "Pharmacy only",
        "Porters once, on Friday",
    )
    assert found(store, "porters") == [
        "Porters, porters, porters: book porters early",
        "Porters once, on Friday",
        "Porters once, on Monday",
    ]
    assert found(store, "") == [
        "Porters once, on Friday",
        "Pharmacy only",
        "Porters, porters, porters: book porters early",
        "Porters once, on Monday",
    ]


@pytest.mark.parametrize("typed", HOSTILE)
def test_what_is_typed_is_read_as_its_words_alone(store: Store, typed: str) -> None:
    learned(store, "Medicines must be ordered the evening before", "Order medicines on the ward")
    assert found(store, typed) == found(store, " ".join(fulltext.words_of(typed)))
    assert len(found(store, "medicines")) == 2  # and nothing was changed


def test_operators_typed_between_words_change_nothing_the_words_mean(store: Store) -> None:
    evening = "Medicines must be ordered the evening before"
    learned(store, evening, "Order medicines on the ward")
    assert found(store, 'medicines" OR -evening*') == [evening]  # both words, not "or not"
    assert found(store, "NEAR(evening medicines)") == []  # "near" is a word like any other
    assert found(store, "medicines:evening") == [evening]  # no column named "medicines"


def test_amended_learning_is_found_by_its_new_words_and_withdrawn_learning_not_at_all(
    store: Store,
) -> None:
    made = learned(store, "Porters wait", "Pharmacy is slow")
    porters, pharmacy = made.entries
    app = store.app
    app.amend_entry(made.cycle, porters, 1, "Porters come at ten", "Checked the rota", "Ann")
    app.withdraw_entry(made.cycle, pharmacy, 1, "Wrong ward", "Ann")
    runner = store.runner()
    runner.catch_up()
    assert found(store, "wait") == []
    assert found(store, "ten") == ["Porters come at ten"]
    assert found(store, "pharmacy") == []
    assert found(store, "") == ["Porters come at ten"]
    runner.rebuild(["cycle_record"])
    assert found(store, "ten") == ["Porters come at ten"]
    assert found(store, "wait pharmacy") == []
    _index_agrees_with_its_table(store)


def test_learning_in_a_group_one_may_not_read_is_not_found_until_it_is_shared(
    store: Store,
) -> None:
    learned(store, "Order medicines the evening before")
    private = learned(store, "Order medicines in secret", by="Olga", group="Private ward")
    assert found(store, "medicines") == ["Order medicines the evening before"]
    store.app.set_sharing(private.group, True, "Olga")
    store.runner().catch_up()
    assert sorted(found(store, "medicines")) == [
        "Order medicines in secret",
        "Order medicines the evening before",
    ]


def test_both_ways_through_the_library_page_on_without_repeats(store: Store) -> None:
    texts = [f"Lesson {n}: ask pharmacy early" for n in range(35)]
    learned(store, *texts)
    for words in ("", "pharmacy"):
        with store.engine.connect() as conn:
            first, after = queries.search_learning(conn, "Ann", words)
            second, last = queries.search_learning(conn, "Ann", words, after)
        assert (len(first), len(second), last) == (30, 5, None)
        assert sorted(r.text for r in first + second) == sorted(texts)


def test_the_library_reads_learning_on_its_own_indexes(store: Store) -> None:
    learned(store, "Nurses can discharge a patient before the ward round")
    with store.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            # The test's tables are a few rows, where a scan is cheapest: price scans out,
            # to ask which index the query *can* use.
            conn.exec_driver_sql("SET enable_seqscan = off")
        with query_plans(conn) as plans:
            queries.search_learning(conn, "Ann")
            queries.search_learning(conn, "Ann", "nurses discharge")
    newest, search = plans
    assert "rm_entries" not in newest + search
    if store.engine.dialect.name == "sqlite":
        assert "SCAN rm_learning USING INDEX ix_learning_recorded" in newest, newest
        assert "TEMP B-TREE" not in newest, newest  # in the index's order: no sorting
        assert "SCAN rm_learning_words VIRTUAL TABLE INDEX" in search, search
    else:
        assert "Index Scan Backward using ix_learning_recorded" in newest, newest
        assert "Bitmap Index Scan on ix_rm_learning_words" in search, search


def _index_agrees_with_its_table(store: Store) -> None:
    """SQLite's own check that the FTS5 index holds exactly the table's words."""
    if store.engine.dialect.name == "sqlite":
        with store.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO rm_learning_words(rm_learning_words) VALUES ('integrity-check')"
            )
