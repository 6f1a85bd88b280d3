"""Moments as people in the UK type and read them: a past view's ?as_of= to the minute
(or second, from a link), read as UK time, and the same moment said back in words."""

import re
from datetime import UTC, date, datetime, time, timedelta

from flask import Flask

from domain.clock import DEFAULT_ZONE, HOME
from domain.when import Happened, clock_words, day_words, happened_at

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
    app.jinja_env.globals["zone_words"] = zone_words()
    app.add_template_filter(reader_time)
    app.add_template_filter(reader_day)
    app.add_template_filter(machine_time)
    app.add_template_filter(happened_then)
    app.add_template_filter(happened_day)


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
        return f"the end of {day_words((local - timedelta(days=1)).date())}"
    seconds = f":{local.second:02d}" if local.second else ""
    return f"{clock_words(local.time(), seconds)} on {day_words(local.date())}"


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
    then = f"at {clock_words(local.time())}" if same_day else f"on {day_words(local.date())}"
    return f"happened on {said.words()}, recorded {then}"


def happened_day(happened: str) -> str:
    """When the team said something happened, in words: "3 November 2025 at 9:30am"."""
    said = Happened.from_data(happened)
    return "" if said is None else said.words()


def happened_then(happened: str, recorded: datetime) -> datetime | None:
    """The moment of a past view as things had happened just after this one did (the end of
    its day if the team gave no time), or None if it happened when it was recorded."""
    said = Happened.from_data(happened)
    if said is None or happened_at(happened, _utc(recorded)) == _utc(recorded):
        return None
    if said.at is None:
        return datetime.combine(said.day + timedelta(days=1), time.min, tzinfo=HOME)
    return said.moment(_utc(recorded)) + timedelta(seconds=1)


def zone_words() -> str:
    """The users' time zone as pages name it: "UK time", or its name when LEARNLOOP_TIMEZONE
    says another ("Europe/Dublin time")."""
    return "UK time" if HOME.key == DEFAULT_ZONE else f"{HOME.key} time"


def reader_time(moment: datetime) -> str:
    """A moment as a UK reader writes it, in the users' time zone: "2 December 2026, 5:22pm"."""
    local = _uk(moment)
    return f"{day_words(local.date())}, {clock_words(local.time())}"


def reader_clock(moment: datetime) -> str:
    """The time of day of a moment in the users' time zone: "5:22pm"."""
    return clock_words(_uk(moment).time())


def reader_day(moment: datetime) -> str:
    """The day of a moment in the users' time zone: "2 December 2026"."""
    return day_words(reader_date(moment))


def reader_date(moment: datetime) -> date:
    """The date of a moment in the users' time zone (00:30 BST is that day, though it is
    still the day before in UTC)."""
    return _uk(moment).date()


def machine_time(moment: datetime) -> str:
    """A moment for `<time datetime>`: ISO 8601 in UTC, to the second."""
    return _utc(moment).isoformat(timespec="seconds").replace("+00:00", "Z")


def utc_aside(moment: datetime) -> str:
    """ " (16:22 UTC)" when UK time is not UTC (summer), else nothing: other times show UTC."""
    if _uk(moment).utcoffset() == timedelta(0):
        return ""
    return f" ({_utc(moment):%H:%M} UTC)"


def _utc(moment: datetime) -> datetime:
    # SQLite gives back the read model's times without their zone; they are UTC.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _uk(moment: datetime) -> datetime:
    return _utc(moment).astimezone(HOME)
