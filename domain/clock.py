"""The one clock the domain and the web read the time from."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

# Where "today" is decided: a date is in the future only once it has begun nowhere the
# product's users are (a ward in London at 00:30 BST is already on the next UTC date).
HOME = ZoneInfo("Europe/London")


def utcnow() -> datetime:
    """Now, in UTC."""
    return datetime.now(UTC)


def today() -> date:
    """Today's date where the users are."""
    return utcnow().astimezone(HOME).date()
