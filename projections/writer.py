"""The connection projection handlers write through: inserts go to the database in bulk."""

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

Row = Mapping[str, Any]


class Writer:
    """A connection whose INSERTs wait, table by table, to be sent as one executemany.

    A round trip per row was most of a rebuild's time on PostgreSQL. Waiting rows are
    sent before any other statement runs (a read must see them, an update may touch
    them) and by `flush`, so every statement sees exactly what it would have seen row
    by row. Rows of different tables may reach the database in another order than
    they were written: the read model has no foreign keys, triggers or generated keys,
    so that order never shows.
    """

    def __init__(self, conn: sa.Connection) -> None:
        self._conn = conn
        self._waiting: dict[tuple[sa.Table, tuple[str, ...]], list[Row]] = {}

    def insert(self, table: sa.Table, *rows: Row) -> None:
        """Add rows to `table`, before any later statement on this connection runs."""
        for row in rows:
            # executemany needs every row of one statement to name the same columns.
            self._waiting.setdefault((table, tuple(row)), []).append(row)

    def execute(
        self, statement: sa.Executable, parameters: Row | None = None
    ) -> sa.CursorResult[Any]:
        """Run any other statement, once the waiting rows are in."""
        self.flush()
        return self._conn.execute(statement, parameters)

    def flush(self) -> None:
        """Send the waiting rows, one executemany per table."""
        waiting, self._waiting = self._waiting, {}
        for (table, _columns), rows in waiting.items():
            self._conn.execute(_insert(table), rows)


_INSERTS: dict[sa.Table, sa.Insert] = {}


def _insert(table: sa.Table) -> sa.Insert:
    statement = _INSERTS.get(table)
    if statement is None:
        statement = _INSERTS[table] = table.insert()
    return statement
