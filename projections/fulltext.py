"""Full-text search of a read-model table's text: SQLite FTS5, PostgreSQL tsvector.

Both stem English words and ignore case, so "Discharges" finds "discharge". Each database
keeps its index itself as rows change: on SQLite an FTS5 table over the rows (external
content, kept by triggers), on PostgreSQL a stored tsvector column with a GIN index. A
search is asked only with the words of what was typed, so no character typed is ever read
as an operator of either database's query language.
"""

import re
import unicodedata

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.sql.elements import ColumnElement

# Both the FTS5 tokenizer and PostgreSQL's configuration stem English (Porter's stemmer).
TOKENIZER = "porter unicode61 remove_diacritics 2"
LANGUAGE = "'english'::regconfig"
# PostgreSQL's column of the words of the text, kept by the database (not in the Table: SQLite
# has no such column).
VECTOR = "words"
# How many words of what was typed a search reads.
MOST_WORDS = 8
# PostgreSQL's English stop words, left out of every search so that both databases match
# the same: "nurses and porters" means nurses and porters, not the word "and".
STOP_WORDS = frozenset({
    "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours",
    "yourself", "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself",
    "it", "its", "itself", "they", "them", "their", "theirs", "themselves", "what", "which",
    "who", "whom", "this", "that", "these", "those", "am", "is", "are", "was", "were", "be",
    "been", "being", "have", "has", "had", "having", "do", "does", "did", "doing", "a", "an",
    "the", "and", "but", "if", "or", "because", "as", "until", "while", "of", "at", "by",
    "for", "with", "about", "against", "between", "into", "through", "during", "before",
    "after", "above", "below", "to", "from", "up", "down", "in", "out", "on", "off", "over",
    "under", "again", "further", "then", "once", "here", "there", "when", "where", "why",
    "how", "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "no",
    "nor", "not", "only", "own", "same", "so", "than", "too", "very", "s", "t", "can", "will",
    "just", "don", "should", "now",
})  # fmt: skip
_WORD = re.compile(r"[^\W_]+")  # letters and digits of any script: never an operator


def words_of(typed: str) -> list[str]:
    """The words a search for `typed` looks for: its runs of letters and digits, stop words
    left out, at most MOST_WORDS of them."""
    found = _WORD.findall(unicodedata.normalize("NFC", typed))
    return [w for w in found if w.lower() not in STOP_WORDS][:MOST_WORDS]


def index_words(table: sa.Table, text: sa.Column[str], key: sa.Column[int]) -> None:
    """Give `table` a full-text index of its `text`, made and dropped with the table.

    On PostgreSQL the words are a stored tsvector column, computed by the database, with a
    GIN index: ranking reads them instead of parsing each matching text again. On SQLite
    the FTS5 table refers to rows by `key`, an INTEGER PRIMARY KEY (an implicit rowid may
    be renumbered by VACUUM).
    """
    # Names from the table's own definition, never from input.
    name, words, column, row = table.name, _words_table(table), text.name, key.name
    for statement in (
        f"ALTER TABLE {name} ADD COLUMN {VECTOR} tsvector GENERATED ALWAYS AS"
        f" (to_tsvector({LANGUAGE}, {column})) STORED",
        f"CREATE INDEX ix_{words} ON {name} USING gin ({VECTOR})",
    ):
        sa.event.listen(table, "after_create", sa.DDL(statement).execute_if(dialect="postgresql"))
    add = f"INSERT INTO {words}(rowid, {column}) VALUES (new.{row}, new.{column})"  # noqa: S608
    remove = (
        f"INSERT INTO {words}({words}, rowid, {column})"  # noqa: S608
        f" VALUES ('delete', old.{row}, old.{column})"
    )
    for statement in (
        f"CREATE VIRTUAL TABLE {words} USING fts5({column}, content='{name}',"
        f" content_rowid='{row}', tokenize='{TOKENIZER}')",
        f"CREATE TRIGGER {words}_added AFTER INSERT ON {name} BEGIN {add}; END",
        f"CREATE TRIGGER {words}_removed AFTER DELETE ON {name} BEGIN {remove}; END",
        f"CREATE TRIGGER {words}_changed AFTER UPDATE OF {column} ON {name}"
        f" BEGIN {remove}; {add}; END",
    ):
        sa.event.listen(table, "after_create", sa.DDL(statement).execute_if(dialect="sqlite"))
    # The triggers go with the table; the FTS5 table is a table of its own.
    drop = sa.DDL(f"DROP TABLE IF EXISTS {words}").execute_if(dialect="sqlite")
    sa.event.listen(table, "after_drop", drop)


def matching(
    dialect: str, query: sa.Select[tuple[object, ...]], text: sa.Column[str], words: list[str]
) -> tuple[sa.Select[tuple[object, ...]], ColumnElement[float]]:
    """`query` narrowed to rows whose `text` has every word (the last may be a word still
    being typed, so it matches as a prefix), and how well each matches: lower is better."""
    table = text.table
    if dialect == "sqlite":
        (key,) = table.primary_key  # the key index_words was given
        name = _words_table(table)
        index = sa.table(name, sa.column("rowid", sa.Integer))
        expression = " ".join(f'"{w}"' for w in words) + "*"
        found = query.join(index, index.c.rowid == key).where(
            sa.literal_column(name).op("MATCH")(expression)
        )
        return found, sa.func.bm25(sa.literal_column(name))
    terms = " & ".join(f"'{w}'" for w in words) + ":*"
    asked = postgresql.to_tsquery(sa.literal_column(LANGUAGE), terms)
    vector: ColumnElement[object] = sa.literal_column(f"{table.name}.{VECTOR}")
    return query.where(vector.bool_op("@@")(asked)), -sa.func.ts_rank(vector, asked)


def _words_table(table: sa.Table) -> str:
    return f"{table.name}_words"
