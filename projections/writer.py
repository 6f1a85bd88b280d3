"""The connection projection handlers write through: rows wait in memory, by primary key,
and go to the database in bulk."""

from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from functools import cache
from operator import itemgetter
from typing import Any

import psycopg
import sqlalchemy as sa
from psycopg.sql import SQL, Identifier

Row = Mapping[str, Any]
# A row's primary key: its value, or for a key of several columns a tuple of their
# values in the table's order.
Key = Any
# Which of a row's values the driver needs converted (a UUID as text on SQLite...), and how.
_Processors = tuple[tuple[int, Callable[[Any], Any]], ...]
# A run of at least this many new rows goes to PostgreSQL by COPY, a tenth of the
# server's work of as many INSERTs; shorter ones join the pipeline of the other writes
# (COPY cannot), which costs one round trip for them all.
COPY_FROM = 64


@dataclass
class _Waiting:
    """A table's writes not yet sent: new rows in order, and changes to rows already sent."""

    inserts: list[dict[str, Any]] = field(default_factory=list)
    # The same new rows by primary key, made when the table is first updated or read (most
    # tables never are: their rows are not worth the keying).
    by_key: dict[Key, dict[str, Any]] | None = None
    updates: dict[Key, dict[str, Any]] = field(default_factory=dict)  # columns to set


class Writer:
    """A connection whose writes wait in memory until `flush`, then go in bulk.

    A change to a row that is waiting to be inserted changes the waiting row, and
    changes to a row already in the database are merged, so a cycle touched by a
    thousand events of a batch is written once. Only the final state of each row
    reaches the database, and that state is the same as statement-by-statement writing
    would leave: a row is only ever changed by its primary key, projections never share
    tables, and the read model has no foreign keys, triggers or generated keys. Reads
    see the waiting writes (`get`), or are made after they are sent (`execute`).
    """

    def __init__(self, conn: sa.Connection) -> None:
        self._conn = conn
        self._waiting: dict[sa.Table, _Waiting] = {}

    def insert(self, table: sa.Table, *rows: dict[str, Any]) -> None:
        """Add rows to `table`. The writer keeps the dicts given (and changes them if the
        rows are updated before they are sent): give it new ones."""
        waiting = self._for(table)
        waiting.inserts.extend(rows)
        if waiting.by_key is not None:
            key_of = _key_of(table)
            for row in rows:
                waiting.by_key.setdefault(key_of(row), row)

    def update(self, table: sa.Table, key: Key, values: Row) -> None:
        """Set columns of the row with this primary key (if there is none, nothing changes,
        as with UPDATE)."""
        waiting = self._for(table)
        new = self._keyed(table, waiting).get(key)
        if new is not None:
            new.update(values)
        else:
            waiting.updates.setdefault(key, {}).update(values)

    def get(self, table: sa.Table, key: Key) -> Row | None:
        """The row with this primary key as it stands, with the writes still waiting."""
        waiting = self._waiting.get(table)
        if waiting is not None and key in self._keyed(table, waiting):
            return self._keyed(table, waiting)[key]
        # Of the waiting writes, only this row's own updates change what the database
        # holds for it.
        keys = _key_names(table)
        given = dict(zip(keys, key if len(keys) > 1 else (key,), strict=True))
        found = self._conn.execute(_select(table), given).mappings().first()
        if found is None:
            return None
        changed = waiting.updates.get(key, {}) if waiting is not None else {}
        return {**found, **changed}

    def execute(
        self, statement: sa.Executable, parameters: Row | None = None
    ) -> sa.CursorResult[Any]:
        """Run any other statement, once the waiting writes are in."""
        self.flush()
        return self._conn.execute(statement, parameters)

    def flush(self) -> None:
        """Send the waiting writes: the long runs of new rows by COPY on PostgreSQL, the
        rest as one executemany per statement, pipelined on PostgreSQL."""
        waiting, self._waiting = self._waiting, {}
        dialect = self._conn.dialect
        copying = dialect.name == "postgresql"
        batches: list[tuple[str, list[tuple[Any, ...]]]] = []
        for table, writes in waiting.items():
            for columns, rows in _runs(writes.inserts).items():
                if copying and len(rows) >= COPY_FROM:
                    self._copy(table, columns, rows)
                else:
                    batches.append(_inserting(dialect, table, columns, rows))
            for columns, keyed in _runs_by_key(writes.updates).items():
                batches.append(_updating(dialect, table, columns, keyed))
        with _pipeline(self._conn) if len(batches) > 1 else nullcontext():
            for sql, parameters in batches:
                self._conn.exec_driver_sql(sql, parameters)

    @staticmethod
    def _keyed(table: sa.Table, waiting: _Waiting) -> dict[Key, dict[str, Any]]:
        if waiting.by_key is None:
            key_of, waiting.by_key = _key_of(table), {}
            for row in waiting.inserts:
                waiting.by_key.setdefault(key_of(row), row)
        return waiting.by_key

    def _for(self, table: sa.Table) -> _Waiting:
        waiting = self._waiting.get(table)
        if waiting is None:
            waiting = self._waiting[table] = _Waiting()
        return waiting

    def _copy(self, table: sa.Table, columns: tuple[str, ...], rows: list[Row]) -> None:
        """COPY in binary: psycopg turns the values into the columns' types itself, in C."""
        driver: psycopg.Connection[Any] = self._conn.connection.driver_connection  # type: ignore[assignment]
        statement = SQL("COPY {} ({}) FROM STDIN (FORMAT BINARY)").format(
            Identifier(table.name), SQL(", ").join(map(Identifier, columns))
        )
        values, types = _getter(columns), _column_types(driver, table, columns)
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            copy.set_types(types)
            for row in rows:
                copy.write_row(values(row))


_TYPES: dict[str, dict[str, int]] = {}


def _column_types(
    driver: "psycopg.Connection[Any]", table: sa.Table, columns: tuple[str, ...]
) -> list[int]:
    """The PostgreSQL types of the table's columns (built in, so the same in any database)."""
    types = _TYPES.get(table.name)
    if types is None:
        found = driver.execute(
            "SELECT attname, atttypid FROM pg_attribute"
            " WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
            [table.name],
        )
        types = _TYPES[table.name] = {name: oid for name, oid in found}
    return [types[c] for c in columns]


def _runs(rows: list[dict[str, Any]]) -> dict[tuple[str, ...], list[Row]]:
    """The rows by the columns they name (executemany needs the same ones throughout)."""
    runs: dict[tuple[str, ...], list[Row]] = {}
    names: Any = None
    run: list[Row] = []
    for row in rows:
        if row.keys() != names:  # as a set: the order a row names them in does not matter
            names = row.keys()
            run = runs.setdefault(tuple(sorted(names)), [])
        run.append(row)
    return runs


def _runs_by_key(
    updates: dict[Key, dict[str, Any]],
) -> dict[tuple[str, ...], list[tuple[Key, Row]]]:
    runs: dict[tuple[str, ...], list[tuple[Key, Row]]] = {}
    for key, values in updates.items():
        runs.setdefault(tuple(values), []).append((key, values))
    return runs


def _inserting(
    dialect: sa.Dialect, table: sa.Table, columns: tuple[str, ...], rows: list[Row]
) -> tuple[str, list[tuple[Any, ...]]]:
    sql, processors = _insert_sql(dialect, table, columns)
    return sql, [_values(row, columns, processors) for row in rows]


def _updating(
    dialect: sa.Dialect,
    table: sa.Table,
    columns: tuple[str, ...],
    keyed: list[tuple[Key, Row]],
) -> tuple[str, list[tuple[Any, ...]]]:
    sql, processors = _update_sql(dialect, table, columns)
    names = _key_names(table)
    key_processors = _processors(dialect, table, names)
    one = len(names) == 1
    return sql, [
        _values(values, columns, processors)
        + _values(dict(zip(names, (key,) if one else key, strict=True)), names, key_processors)
        for key, values in keyed
    ]


def _values(row: Row, columns: tuple[str, ...], processors: _Processors) -> tuple[Any, ...]:
    """The row's values as the driver takes them (SQLAlchemy's own conversions)."""
    values = _getter(columns)(row)
    if not processors:
        return values
    converted = list(values)
    for index, process in processors:
        converted[index] = process(converted[index])
    return tuple(converted)


@cache
def _getter(columns: tuple[str, ...]) -> Callable[[Row], tuple[Any, ...]]:
    """The values of these columns of a row, as a tuple (in C, for speed)."""
    if len(columns) == 1:
        (name,) = columns
        return lambda row: (row[name],)
    return itemgetter(*columns)


@cache
def _key_of(table: sa.Table) -> Callable[[Row], Key]:
    """A row's primary key, as `Key` says."""
    return itemgetter(*_key_names(table))


@cache
def _select(table: sa.Table) -> sa.Select[Any]:
    """The row with a given primary key, its columns bound by name."""
    return sa.select(table).where(*(c == sa.bindparam(c.name) for c in table.primary_key.columns))


@cache
def _insert_sql(
    dialect: sa.Dialect, table: sa.Table, columns: tuple[str, ...]
) -> tuple[str, _Processors]:
    quote, mark = dialect.identifier_preparer.quote, _mark(dialect)
    names = ", ".join(quote(c) for c in columns)
    marks = ", ".join(mark for _ in columns)
    # Names from the table's definition, quoted by the dialect; every value is bound.
    sql = f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})"  # noqa: S608
    return sql, _processors(dialect, table, columns)


@cache
def _update_sql(
    dialect: sa.Dialect, table: sa.Table, columns: tuple[str, ...]
) -> tuple[str, _Processors]:
    quote, mark = dialect.identifier_preparer.quote, _mark(dialect)
    changes = ", ".join(f"{quote(c)} = {mark}" for c in columns)
    where = " AND ".join(f"{quote(c)} = {mark}" for c in _key_names(table))
    sql = f"UPDATE {quote(table.name)} SET {changes} WHERE {where}"  # noqa: S608 - as above
    return sql, _processors(dialect, table, columns)


def _mark(dialect: sa.Dialect) -> str:
    return "?" if dialect.paramstyle == "qmark" else "%s"


@cache
def _processors(dialect: sa.Dialect, table: sa.Table, columns: tuple[str, ...]) -> _Processors:
    """Where the columns' values need converting for the driver, and how."""
    found = (table.c[c].type.dialect_impl(dialect).bind_processor(dialect) for c in columns)
    return tuple((index, process) for index, process in enumerate(found) if process is not None)


@cache
def _key_names(table: sa.Table) -> tuple[str, ...]:
    return tuple(c.name for c in table.primary_key.columns)


def _pipeline(conn: sa.Connection) -> AbstractContextManager[object]:
    """On psycopg, send every statement before waiting for any: one round trip for them all."""
    pipeline = getattr(conn.connection.driver_connection, "pipeline", None)
    return nullcontext() if pipeline is None else pipeline()
