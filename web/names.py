"""Display names for actor ids: events record who did what by account id."""

import re
from typing import Any
from uuid import UUID

from flask import Flask, current_app, g

from domain.entries import decision_verb
from projections import queries
from projections.words import decided
from web.rendering import live

KEY = "learnloop.names"


def init_app(app: Flask) -> None:
    """Give the app its names, kept for the process, and the filters that use them."""
    app.extensions[KEY] = {}
    app.add_template_filter(person)
    app.add_template_filter(humanize)
    app.add_template_filter(decided)
    app.add_template_filter(decision_verb)


def person(actor: Any) -> str:
    """A display name for an actor id (Jinja filter).

    Only the people a page names are read, and a name once read is kept for the life of
    the process: an account's name never changes (no event renames one; a rename would
    have to reach this too), so pages read only the names no page of this process showed
    before, and reading every account's name was most of a small page's time with
    thousands of accounts. An id no account has is looked for once a request. Today's
    names, even on a past view: people are named as they are now.
    """
    key = str(actor)
    known: dict[str, str] = current_app.extensions[KEY]
    found = known.get(key)
    if found is not None:
        return found
    unknown: set[str] = g.setdefault("unknown_names", set())
    if key in unknown:
        return key
    try:
        account_id = UUID(key)
    except ValueError:
        return key  # not an account id: shown as recorded
    found = queries.name_of(live(), account_id)
    if found is None:
        unknown.add(key)
        return key
    known[key] = found
    return found


_ACCOUNT_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def humanize(message: str) -> str:
    """A domain message with account ids (the actors it names) replaced by names."""
    return _ACCOUNT_ID.sub(lambda m: person(m.group(0)), message)
