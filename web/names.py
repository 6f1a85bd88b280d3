"""Display names for actor ids: events record who did what by account id."""

import re
from typing import Any

from flask import g

from projections import queries
from web.rendering import connection
from web.services import services


def person(actor: Any) -> str:
    """A display name for an actor id (Jinja filter); names load once per request."""
    if "names" not in g:
        # Today's names, even on a past view: people are named as they are now.
        g.names = queries.all_names(connection(services().engine))
    return str(g.names.get(str(actor), actor))


_ACCOUNT_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def humanize(message: str) -> str:
    """A domain message with account ids (the actors it names) replaced by names."""
    return _ACCOUNT_ID.sub(lambda m: person(m.group(0)), message)
