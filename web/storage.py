"""Maps LEARNLOOP_DATABASE_URL onto the eventsourcing settings and a SQLAlchemy URL."""

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from projections.database import CONNECT_SECONDS, WAIT_SECONDS


@dataclass(frozen=True)
class Storage:
    """Where events and read-model tables live: one database for both."""

    persistence_env: dict[str, str]
    sqlalchemy_url: str
    description: str


def storage_for(url: str | None, instance_path: str, threads: int = 4) -> Storage:
    """Settings for a database URL; None means a SQLite file in the instance folder.

    `threads` is how many requests a process serves at once: the pools are sized for it.
    """
    if not url:
        Path(instance_path).mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{Path(instance_path) / 'learnloop.sqlite'}"
    if url.startswith("sqlite:///"):
        return _sqlite(url.removeprefix("sqlite:///"))
    if url.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        return _postgres(url, threads)
    raise ValueError(
        "LEARNLOOP_DATABASE_URL must start with sqlite:/// or postgresql:// "
        f"(got {url.split(':', 1)[0]}:…)."
    )


def _sqlite(path: str) -> Storage:
    # eventsourcing's SQLite pool is fixed at 5 connections plus 10 overflow (no setting),
    # so up to 15 threads each get one; its writers also queue on one lock per process.
    # At the 4 threads `learnloop serve` starts by default the size is ample; writers
    # waiting on another process's write lock wait up to SQLITE_LOCK_TIMEOUT, and so does
    # a thread waiting for the pool (web/services.py). It switches files to WAL itself.
    return Storage(
        persistence_env={
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": path,
            "SQLITE_LOCK_TIMEOUT": str(WAIT_SECONDS),
        },
        sqlalchemy_url=f"sqlite:///{path}",
        description=f"SQLite file {path}",
    )


def _postgres(url: str, threads: int) -> Storage:
    parts = urlsplit(url)
    dbname = parts.path.lstrip("/")
    if not dbname:
        raise ValueError("LEARNLOOP_DATABASE_URL must name a database, e.g. …/learnloop.")
    return Storage(
        persistence_env={
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "POSTGRES_DBNAME": unquote(dbname),
            "POSTGRES_HOST": parts.hostname or "localhost",
            "POSTGRES_PORT": str(parts.port or 5432),
            "POSTGRES_USER": unquote(parts.username or "postgres"),
            "POSTGRES_PASSWORD": unquote(parts.password or ""),
            # One connection per serving thread, and as many again in overflow for
            # a burst; a connection that died (a restarted server) is replaced on checkout,
            # and an unreachable server is an error within seconds rather than a hang.
            "POSTGRES_POOL_SIZE": str(threads),
            "POSTGRES_MAX_OVERFLOW": str(threads),
            "POSTGRES_PRE_PING": "y",
            "POSTGRES_CONNECT_TIMEOUT": str(CONNECT_SECONDS),
        },
        sqlalchemy_url="postgresql+psycopg://" + url.split("://", 1)[1],
        description=f"PostgreSQL database {dbname} on {parts.hostname}",
    )
