"""Domain errors: each says, in words a user can act on, why a command was refused."""


class DomainError(Exception):
    """A command broke a rule of the domain and wrote nothing."""

    field: str | None = None


class InvalidFieldError(DomainError):
    """A field was blank where it is required, or longer than its limit."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class PlanHasNoQuestionError(DomainError):
    """A plan must ask at least one question with a prediction."""

    field = "questions"


class NothingToReflectOnError(DomainError):
    """A reflection needs at least one observation from acting."""


class CycleMovedOnError(DomainError):
    """The cycle has moved past the phase this entry belongs to."""


class RevisionCitesNoLearningError(DomainError):
    """A plan revision must cite the learning that led to it."""

    field = "cites"


class UnknownEntryError(DomainError):
    """A revision cited an entry that is not part of this cycle."""

    field = "cites"


class StalePlanError(DomainError):
    """The plan was revised by someone else since this revision was started."""


class NotFoundError(DomainError):
    """No group or cycle has that id."""
