"""The connection projection handlers write through: rows go to the database in bulk."""

from collections.abc import Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

Row = Mapping[str, Any]


@dataclass
class _Run:
    """Rows for one statement, sent together as one executemany."""

    statement: sa.Insert | sa.Update
    table: sa.FromClause
    columns: tuple[str, ...]
    rows: list[Row] = field(default_factory=list)


class Writer:
    """A connection whose writes wait to be sent in runs, one executemany per run.

    A round trip per row was most of a rebuild's time on PostgreSQL. Waiting writes
    are sent before any other statement runs (a read must see them) and by `flush`.
    A row joins an earlier run of the same statement only if nothing written since
    touches its table, so each table sees its writes in exactly the order they were
    made. Only writes to different tables may swap places, and the read model has no
    foreign keys, triggers or generated keys, so that never shows.
    """

    def __init__(self, conn: sa.Connection) -> None:
        self._conn = conn
        self._runs: list[_Run] = []

    def insert(self, table: sa.Table, *rows: Row) -> None:
        """Add rows to `table`."""
        for row in rows:
            self._add(_insert(table), table, row)

    def update(self, statement: sa.Update, row: Row) -> None:
        """Run an UPDATE whose values are all bound parameters, given in `row`."""
        self._add(statement, statement.table, row)

    def execute(
        self, statement: sa.Executable, parameters: Row | None = None
    ) -> sa.CursorResult[Any]:
        """Run any other statement, once the waiting writes are in."""
        self.flush()
        return self._conn.execute(statement, parameters)

    def flush(self) -> None:
        """Send the waiting writes."""
        runs, self._runs = self._runs, []
        with _pipeline(self._conn):
            for run in runs:
                self._conn.execute(run.statement, run.rows)

    def _add(self, statement: sa.Insert | sa.Update, table: sa.FromClause, row: Row) -> None:
        # executemany needs every row of one statement to name the same columns.
        columns = tuple(row)
        for run in reversed(self._runs):
            if run.statement is statement and run.columns == columns:
                run.rows.append(row)
                return
            if run.table is table:
                break
        self._runs.append(_Run(statement, table, columns, [row]))


_INSERTS: dict[sa.Table, sa.Insert] = {}


def _insert(table: sa.Table) -> sa.Insert:
    statement = _INSERTS.get(table)
    if statement is None:
        statement = _INSERTS[table] = table.insert()
    return statement


def _pipeline(conn: sa.Connection) -> AbstractContextManager[object]:
    """On psycopg, send every run before waiting for any: one round trip for them all."""
    pipeline = getattr(conn.connection.driver_connection, "pipeline", None)
    return nullcontext() if pipeline is None else pipeline()
