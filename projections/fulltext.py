"""Full-text search of a read-model table's text: SQLite FTS5, PostgreSQL tsvector.

Both stem English words and ignore case, so "Discharges" finds "discharge". Each database
keeps its index itself as rows change: on SQLite an FTS5 table over the rows (external
content, kept by triggers), on PostgreSQL a GIN index on the text's tsvector. A search is
asked only with the words of what was typed, so no character typed is ever read as an
operator of either database's query language.
"""

import re
import unicodedata

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.sql.elements import ColumnElement

# Both the FTS5 tokenizer and PostgreSQL's configuration stem English (Porter's stemmer).
TOKENIZER = "porter unicode61 remove_diacritics 2"
LANGUAGE: ColumnElement[str] = sa.literal_column("'english'::regconfig")
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

    On SQLite the FTS5 table refers to rows by `key`, an INTEGER PRIMARY KEY (an implicit
    rowid may be renumbered by VACUUM).
    """
    gin = sa.Index(f"ix_{table.name}_words", _vector(text), postgresql_using="gin")
    table.append_constraint(gin.ddl_if(dialect="postgresql"))  # an expression alone names no table
    words, column, row = _words_table(table), text.name, key.name
    # Names from the table's own definition, never from input.
    add = f"INSERT INTO {words}(rowid, {column}) VALUES (new.{row}, new.{column})"  # noqa: S608
    remove = (
        f"INSERT INTO {words}({words}, rowid, {column})"  # noqa: S608
        f" VALUES ('delete', old.{row}, old.{column})"
    )
    for statement in (
        f"CREATE VIRTUAL TABLE {words} USING fts5({column}, content='{table.name}',"
        f" content_rowid='{row}', tokenize='{TOKENIZER}')",
        f"CREATE TRIGGER {words}_added AFTER INSERT ON {table.name} BEGIN {add}; END",
        f"CREATE TRIGGER {words}_removed AFTER DELETE ON {table.name} BEGIN {remove}; END",
        f"CREATE TRIGGER {words}_changed AFTER UPDATE OF {column} ON {table.name}"
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
    if dialect == "sqlite":
        table = text.table
        (key,) = table.primary_key  # the key index_words was given
        name = _words_table(table)
        index = sa.table(name, sa.column("rowid", sa.Integer))
        expression = " ".join(f'"{w}"' for w in words) + "*"
        found = query.join(index, index.c.rowid == key).where(
            sa.literal_column(name).op("MATCH")(expression)
        )
        return found, sa.func.bm25(sa.literal_column(name))
    terms = " & ".join(f"'{w}'" for w in words) + ":*"
    asked = postgresql.to_tsquery(LANGUAGE, terms)
    vector = _vector(text)
    return query.where(vector.bool_op("@@")(asked)), -sa.func.ts_rank(vector, asked)


def _vector(text: sa.Column[str]) -> ColumnElement[object]:
    # The same expression in the index and in each query, or PostgreSQL cannot use it.
    return postgresql.to_tsvector(LANGUAGE, text)


def _words_table(table: sa.Table) -> str:
    return f"{table.name}_words"
