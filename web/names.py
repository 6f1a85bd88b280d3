"""Display names for actor ids: events record who did what by account id."""

import re
from typing import Any
from uuid import UUID

from flask import g

from projections import queries
from web.rendering import connection
from web.services import services


def person(actor: Any) -> str:
    """A display name for an actor id (Jinja filter), each looked up once per request.

    Only the people a page names are read: with thousands of accounts, reading them all
    for every page was most of a small page's time. Today's names, even on a past view:
    people are named as they are now.
    """
    key = str(actor)
    names: dict[str, str] = g.setdefault("names", {})
    if key not in names:
        try:
            account_id = UUID(key)
        except ValueError:
            return key  # not an account id: shown as recorded
        names[key] = queries.name_of(connection(services().engine), account_id) or key
    return names[key]


_ACCOUNT_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def humanize(message: str) -> str:
    """A domain message with account ids (the actors it names) replaced by names."""
    return _ACCOUNT_ID.sub(lambda m: person(m.group(0)), message)
