"""Every SQL statement a request sends, through both drivers the product uses.

The read side (SQLAlchemy) and the event store (eventsourcing's own recorders) each open
their own connections, so the count is taken below both, in the drivers: on SQLite each
connection's trace callback sees every statement SQLite runs (BEGIN and COMMIT included);
on PostgreSQL psycopg's cursors run the statements and its connections the transaction
commands (BEGIN, COMMIT, ROLLBACK), and a pool's check on taking a connection is an empty
statement, a round trip all the same. Only the thread that counts is counted: the pools'
own threads open connections in the background.
"""

import sqlite3
import sqlite3.dbapi2
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import psycopg
import pytest
from psycopg._connection_base import BaseConnection

TRANSACTION = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


@dataclass
class Statements:
    """The statements sent while counting, in order."""

    sent: list[str] = field(default_factory=list)
    thread: int | None = None

    def note(self, sql: str) -> None:
        """Keep one statement, if this thread is counting."""
        if self.thread == threading.get_ident():
            self.sent.append(" ".join(sql.split()))

    @contextmanager
    def counting(self) -> Iterator[list[str]]:
        """Count what this thread sends within the block."""
        self.sent = []
        self.thread = threading.get_ident()
        try:
            yield self.sent
        finally:
            self.thread = None

    def kinds(self) -> Counter[str]:
        """How many were checks of a connection, transaction commands, and the rest."""
        return Counter(kind(s) for s in self.sent)

    def listing(self) -> str:
        """Each statement on a line, cut short, for a failure message."""
        return "\n".join(f"{n:>3} {kind(s):<11} {s[:110]}" for n, s in enumerate(self.sent, 1))


def kind(sql: str) -> str:
    """ "ping" (a pool's check), "transaction" (BEGIN, COMMIT…) or "statement"."""
    if sql.strip(" ;") in ("", "SELECT 1", "select 1"):
        return "ping"
    if sql.split(" ", 1)[0].upper() in TRANSACTION:
        return "transaction"
    return "statement"


def count_statements(monkeypatch: pytest.MonkeyPatch) -> Statements:
    """Count the statements of every connection opened from now on (make the app after)."""
    statements = Statements()
    _trace_sqlite(monkeypatch, statements)
    _trace_psycopg(monkeypatch, statements)
    return statements


def _trace_sqlite(monkeypatch: pytest.MonkeyPatch, statements: Statements) -> None:
    # eventsourcing calls sqlite3.connect; SQLAlchemy's dialect, sqlite3.dbapi2.connect.
    connect = sqlite3.connect

    def traced(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = connect(*args, **kwargs)
        conn.set_trace_callback(statements.note)
        return conn

    monkeypatch.setattr(sqlite3, "connect", traced)
    monkeypatch.setattr(sqlite3.dbapi2, "connect", traced)


def _trace_psycopg(monkeypatch: pytest.MonkeyPatch, statements: Statements) -> None:
    execute, executemany = psycopg.Cursor.execute, psycopg.Cursor.executemany
    command = BaseConnection._exec_command

    def executed(cursor: psycopg.Cursor[Any], query: Any, *args: Any, **kwargs: Any) -> Any:
        statements.note(_text(query, cursor.connection))
        return execute(cursor, query, *args, **kwargs)

    def executed_many(
        cursor: psycopg.Cursor[Any], query: Any, params: Any, *args: Any, **kwargs: Any
    ) -> Any:
        params = list(params)
        for _ in params:  # one statement run per set of parameters
            statements.note(_text(query, cursor.connection))
        return executemany(cursor, query, params, *args, **kwargs)

    def commanded(conn: BaseConnection[Any], query: Any, *args: Any, **kwargs: Any) -> Any:
        statements.note(_text(query, conn))
        return (yield from command(conn, query, *args, **kwargs))

    monkeypatch.setattr(psycopg.Cursor, "execute", executed)
    monkeypatch.setattr(psycopg.Cursor, "executemany", executed_many)
    monkeypatch.setattr(BaseConnection, "_exec_command", commanded)


def _text(query: Any, conn: Any) -> str:
    if isinstance(query, bytes):
        return query.decode()
    if isinstance(query, str):
        return query
    return str(query.as_string(conn))
