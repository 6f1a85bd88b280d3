"""Moments as people in the UK type and read them: a past view's ?as_of= to the minute
(or second, from a link), read as UK time, and the same moment said back in words."""

import re
from datetime import UTC, date, datetime, time, timedelta

from flask import Flask

from domain.clock import HOME
from domain.when import Happened

# A day alone, or a day and a time to the minute or second, as a datetime-local input sends.
MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?")
EXAMPLE = "2026-12-02T17:22"


def init_app(app: Flask) -> None:
    """Give the templates the filters that show a moment and link to one."""
    app.add_template_filter(uk_moment)
    app.add_template_filter(utc_aside)
    app.add_template_filter(as_of_value)
    app.add_template_filter(just_after)
    app.add_template_filter(happened_words)


def parse_moment(typed: str) -> datetime | None:
    """The UTC moment meant by a typed UK time (a day alone: the end of that day), or None."""
    if not MOMENT.fullmatch(typed):
        return None
    try:
        if len(typed) == len("YYYY-MM-DD"):
            midnight = datetime.combine(date.fromisoformat(typed), time.min) + timedelta(days=1)
            return midnight.replace(tzinfo=HOME).astimezone(UTC)
        # In the hour the clocks go back, a time happens twice: take the later, so that a
        # link just after an event always shows it.
        return datetime.fromisoformat(typed).replace(tzinfo=HOME, fold=1).astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def as_of_value(moment: datetime) -> str:
    """A moment as ?as_of= and a datetime-local input take it: UK time, seconds only if any."""
    local = _uk(moment)
    return local.strftime("%Y-%m-%dT%H:%M:%S" if local.second else "%Y-%m-%dT%H:%M")


def just_after(moment: datetime) -> str:
    """The ?as_of= of the first whole second after `moment`, so a view of it includes it."""
    return as_of_value(_utc(moment).replace(microsecond=0) + timedelta(seconds=1))


def uk_moment(moment: datetime) -> str:
    """A moment in words, in UK time: "5:22pm on 2 December 2026"."""
    local = _uk(moment)
    if local.time() == time.min:
        return f"the end of {_day(local - timedelta(days=1))}"
    seconds = f":{local.second:02d}" if local.second else ""
    return f"{_clock(local.time(), seconds)} on {_day(local)}"


def happened_words(happened: str, recorded: datetime) -> str:
    """ "happened on 2 March 2026 at 9:30am, recorded on 5 March 2026" where the two differ
    (to the day, or the minute if the team gave a time); else nothing."""
    said = Happened.from_data(happened)
    local = _uk(recorded)
    if said is None:
        return ""
    same_day = said.day == local.date()
    if same_day and (said.at is None or said.at == local.time().replace(second=0, microsecond=0)):
        return ""
    at = "" if said.at is None else f" at {_clock(said.at)}"
    then = f"at {_clock(local.time())}" if same_day else f"on {_day(local)}"
    return f"happened on {said.day.day} {said.day:%B %Y}{at}, recorded {then}"


def utc_aside(moment: datetime) -> str:
    """ " (16:22 UTC)" when UK time is not UTC (summer), else nothing: other times show UTC."""
    if _uk(moment).utcoffset() == timedelta(0):
        return ""
    return f" ({_utc(moment):%H:%M} UTC)"


def uk_day(moment: datetime) -> date:
    """The day a moment fell on in the UK, where the teams are (00:30 BST is that day,
    though it is still the day before in UTC)."""
    return _uk(moment).date()


def _utc(moment: datetime) -> datetime:
    # SQLite gives back the read model's times without their zone; they are UTC.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _uk(moment: datetime) -> datetime:
    return _utc(moment).astimezone(HOME)


def _day(moment: datetime) -> str:
    return f"{moment.day} {moment:%B %Y}"


def _clock(moment: time, seconds: str = "") -> str:
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d}{seconds}{'am' if moment.hour < 12 else 'pm'}"
