"""Display names for actor ids: events record who did what by account id."""

import re
import threading
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from flask import Flask, current_app, g

from projections import queries
from web.rendering import connection
from web.services import services

KEY = "learnloop.names"


@dataclass
class Names:
    """Display names by account id, kept for the life of the process.

    An account's name never changes (no event renames one: a rename would have to reach
    this too), so a name once read stays true, and a page need not read every account's
    name again, a cost that grew with the number of accounts. The first name a process
    is asked for loads them all; an account made since is read when first named.
    """

    known: dict[str, str] = field(default_factory=dict)
    loaded: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)


def init_app(app: Flask) -> None:
    """Give the app its names, and the filters that use them."""
    app.extensions[KEY] = Names()
    app.add_template_filter(person)
    app.add_template_filter(humanize)


def person(actor: Any) -> str:
    """A display name for an actor id (Jinja filter); the id itself if no account has it."""
    key = str(actor)
    names: Names = current_app.extensions[KEY]
    found = names.known.get(key)
    if found is None:
        found = _read(names, key)
    return found if found is not None else key


def _read(names: Names, key: str) -> str | None:
    # Today's names, even on a past view: people are named as they are now.
    conn = connection(services().engine)
    if not names.loaded:
        with names.lock:
            if not names.loaded:
                names.known.update(queries.all_names(conn))
                names.loaded = True
        if key in names.known:
            return names.known[key]
    unknown: set[str] = g.setdefault("unknown_names", set())  # asked once per request
    if key in unknown or not _ACCOUNT_ID.fullmatch(key):
        return None
    found = queries.all_names(conn, only=[UUID(key)]).get(key)
    if found is None:
        unknown.add(key)
    else:
        names.known[key] = found
    return found


_ACCOUNT_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def humanize(message: str) -> str:
    """A domain message with account ids (the actors it names) replaced by names."""
    return _ACCOUNT_ID.sub(lambda m: person(m.group(0)), message)
