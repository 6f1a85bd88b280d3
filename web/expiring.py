"""Short-lived records (sessions, failed sign-ins): SQL tables beside the read model.

They are neither events nor projections: not part of any group's record, never
replayed, and a projections rebuild leaves them alone. Each kind is pruned as it expires.
"""

from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa

from projections.database import setup_lock

metadata = sa.MetaData()
When = sa.DateTime(timezone=True)
Clock = Callable[[], datetime]


def as_utc(moment: datetime) -> datetime:
    """A time read back from the database, in UTC (SQLite gives it back without a zone)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def create(table: sa.Table, engine: sa.Engine) -> None:
    """Create the table and its indexes if they are missing, one process at a time."""
    with engine.connect() as conn:
        setup_lock(conn)
        table.create(conn, checkfirst=True)
        conn.commit()
