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
