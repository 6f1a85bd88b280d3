"""Fresh databases for the scripts (`make soak`, `make load`): SQLite files or PostgreSQL."""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


@contextmanager
def database(kind: str, folder: Path) -> Iterator[str]:
    """A fresh database for a script: a SQLite file in `folder`, or a PostgreSQL database."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / f'learnloop-{uuid.uuid4().hex[:8]}.sqlite'}"
    else:
        with postgres_database() as url:
            yield url


@contextmanager
def postgres_database(admin_url: str | None = None) -> Iterator[str]:
    """A PostgreSQL database of its own for a script, dropped afterwards."""
    admin = admin_url or os.environ.get("LEARNLOOP_TEST_DATABASE_URL") or ADMIN_URL
    name = f"learnloop_server_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{admin.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
