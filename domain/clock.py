"""The one clock the domain and the web read the time from."""

import os
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# The users' time zone, LEARNLOOP_TIMEZONE (an IANA name), read once as the process starts:
# the domain decides "today" in it (a ward in London at 00:30 BST is already on the next
# UTC date) and the pages show times in it. A name that is not a zone stops the app.
DEFAULT_ZONE = "Europe/London"


def zone(name: str) -> ZoneInfo:
    """The time zone called `name`, or a refusal that names the setting."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"LEARNLOOP_TIMEZONE must be a time zone such as {DEFAULT_ZONE} (got {name!r})."
        ) from None


HOME = zone(os.environ.get("LEARNLOOP_TIMEZONE") or DEFAULT_ZONE)


def utcnow() -> datetime:
    """Now, in UTC."""
    return datetime.now(UTC)


def today() -> date:
    """Today's date where the users are."""
    return utcnow().astimezone(HOME).date()
