"""Query plans: what the database says it does for the queries a block of code runs."""

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa


@contextmanager
def query_plans(conn: sa.Connection, *, analyze: bool = False) -> Iterator[list[str]]:
    """The plan of each SELECT run on `conn` in the block, filled in when the block ends:
    SQLite's EXPLAIN QUERY PLAN, PostgreSQL's EXPLAIN (with ANALYZE, which runs the query
    again, when `analyze`)."""
    seen: list[tuple[str, object]] = []

    def keep(_c: object, _cur: object, statement: str, params: object, *_: object) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, params))

    sa.event.listen(conn, "before_cursor_execute", keep)
    plans: list[str] = []
    try:
        yield plans
    finally:
        sa.event.remove(conn, "before_cursor_execute", keep)
    if conn.dialect.name == "sqlite":
        explain = "EXPLAIN QUERY PLAN "
    else:
        explain = "EXPLAIN (ANALYZE, BUFFERS) " if analyze else "EXPLAIN "
    for statement, params in seen:
        rows = conn.exec_driver_sql(explain + statement, params)  # type: ignore[arg-type]
        plans.append("\n".join(str(row[-1]) for row in rows))
