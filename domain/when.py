"""When something happened, as the team says it: a day, and the time if they know it. The
record keeps this beside when it was recorded (the event's timestamp), which it never
replaces: a ramp run before the group joined is entered with its real dates."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from domain.clock import HOME, utcnow
from domain.errors import InvalidFieldError

# The field a refusal is shown beside, in every form that asks "When did this happen?".
FIELD = "happened_on"


@dataclass(frozen=True)
class Happened:
    """A day in the users' own time zone, and the time of day if it is known."""

    day: date
    at: time | None = None

    @classmethod
    def checked(cls, day: date, at: time | None = None, now: datetime | None = None) -> "Happened":
        """The moment a team gave, refused if it has not happened yet."""
        here = (now or utcnow()).astimezone(HOME)
        if day > here.date() or (
            day == here.date() and at is not None and at.replace(second=0) > here.time()
        ):
            raise InvalidFieldError(
                FIELD, "That is in the future: say when it happened, today or before."
            )
        return cls(day, None if at is None else at.replace(second=0, microsecond=0))

    @classmethod
    def from_data(cls, data: str) -> "Happened | None":
        """What an event stored ("" for when it was recorded)."""
        if not data:
            return None
        if "T" in data:
            moment = datetime.fromisoformat(data)
            return cls(moment.date(), moment.time())
        return cls(date.fromisoformat(data))

    def as_data(self) -> str:
        """As events store it: the day, with the time of day if known (in HOME)."""
        if self.at is None:
            return self.day.isoformat()
        return datetime.combine(self.day, self.at).isoformat(timespec="minutes")

    @classmethod
    def of_moment(cls, moment: datetime) -> "Happened":
        """A recorded moment as the team would say it: its day and minute in HOME."""
        local = moment.astimezone(HOME)
        return cls(local.date(), local.time().replace(second=0, microsecond=0))

    def before(self, other: "Happened") -> bool:
        """Whether this is before `other` as the team said them: by the day, and by the
        minute only when both give a time (a day alone may be any time of that day)."""
        if self.day != other.day:
            return self.day < other.day
        return self.at is not None and other.at is not None and self.at < other.at

    def words(self) -> str:
        """In words: "3 November 2025", or "3 November 2025 at 9:30am"."""
        day = day_words(self.day)
        return day if self.at is None else f"{day} at {clock_words(self.at)}"

    def moment(self, recorded: datetime) -> datetime:
        """The instant to order by (UTC): a day without a time, on the day it was
        recorded, is when it was recorded; on an earlier day, that day's start."""
        if self.at is None and recorded.astimezone(HOME).date() == self.day:
            return recorded
        local = datetime.combine(self.day, self.at or time(0), tzinfo=HOME)
        return local.astimezone(UTC)


def data_of(happened: Happened | None) -> str:
    """What an event stores: "" when it happened as it was recorded."""
    return "" if happened is None else happened.as_data()


def happened_at(data: str, recorded: datetime) -> datetime:
    """When an event's thing happened, to order by: when recorded, unless the team said."""
    happened = Happened.from_data(data)
    return recorded if happened is None else happened.moment(recorded)


def not_before_opening(happened: Happened, opened: Happened) -> Happened:
    """What happened in a cycle, refused if it is dated before the cycle was opened: a past
    view by the dates things happened would show it in a cycle that did not exist yet."""
    if happened.before(opened):
        then = "on that day" if opened.at is None else "then"
        raise InvalidFieldError(
            FIELD,
            f"This cycle was opened on {opened.words()}: say when it happened, {then} or later.",
        )
    return happened


def day_words(day: date) -> str:
    """A day as people write it: "3 November 2025"."""
    return f"{day.day} {day:%B %Y}"


def clock_words(moment: time, seconds: str = "") -> str:
    """A time of day as people say it: "9:30am", or with `seconds` (":15") "9:30:15am"."""
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d}{seconds}{'am' if moment.hour < 12 else 'pm'}"
