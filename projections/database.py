"""The read side's engine and the list of projections the product runs."""

import sqlalchemy as sa

from projections.directory import GroupDirectory
from projections.helpdesk import HelpDesk
from projections.method_records import MethodRecords
from projections.people import People
from projections.projection import Projection
from projections.record import CycleRecord
from projections.timeline import Timeline


def all_projections() -> list[Projection]:
    """Every projection, in the order they are caught up."""
    return [GroupDirectory(), CycleRecord(), HelpDesk(), People(), Timeline(), MethodRecords()]


def make_engine(url: str) -> sa.Engine:
    """An engine for the read-model tables; SQLite waits on locks rather than failing."""
    if url.startswith("sqlite"):
        return sa.create_engine(url, connect_args={"timeout": 30})
    return sa.create_engine(url, pool_pre_ping=True)
