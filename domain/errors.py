"""Domain errors: each says, in words a user can act on, why a command was refused."""

from dataclasses import dataclass


class DomainError(Exception):
    """A command broke a rule of the domain and wrote nothing."""

    field: str | None = None


class ConflictError(DomainError):
    """Someone else changed the cycle first; the user should see their change, then retry."""


class BusyError(ConflictError):
    """Others saved to the same record first, again and again, until the command's time ran
    out: nothing was recorded, and sending it again is safe."""


class InvalidFieldError(DomainError):
    """A field was blank where it is required, longer than its limit, or malformed."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class PlanHasNoQuestionError(DomainError):
    """A plan must ask at least one question with a prediction."""

    field = "questions"


class NothingToReflectOnError(DomainError):
    """A reflection needs something to have been done first."""


class NothingLearnedError(DomainError):
    """A decision needs at least one reflection on what was learned."""


class CycleMovedOnError(ConflictError):
    """The cycle has moved past the phase this entry belongs to."""


class CycleClosedError(ConflictError):
    """A decision closed the cycle; it takes no more entries."""


class AlreadyDecidedError(ConflictError):
    """The cycle already has its decision."""


class StalePlanError(ConflictError):
    """The plan was revised by someone else since this revision was started."""


class StaleEntryError(ConflictError):
    """The entry was amended or withdrawn by someone else since this correction began."""


class RevisionCitesNoLearningError(DomainError):
    """A plan revision must cite the learning that led to it."""

    field = "cites"


class UnknownReferenceError(DomainError):
    """A command named something (an entry, task, question, member...) that is not there."""


class UnknownEntryError(UnknownReferenceError):
    """An entry named is not part of this cycle."""


class UncitableEntryError(UnknownEntryError):
    """A cited entry is not part of this cycle, or was withdrawn."""

    field = "cites"


class UnknownQuestionError(UnknownReferenceError):
    """A question named is not part of the current plan, or none was named."""


class UnknownTaskError(UnknownReferenceError):
    """A set-up task named is not part of the current plan."""


class UnknownCommentTargetError(UnknownReferenceError):
    """What a comment is on (the plan, the decision, an entry) is not in this cycle."""


class UnknownAdviceRequestError(UnknownReferenceError):
    """A request for advice named is not part of this cycle."""


class UnknownStoryError(UnknownReferenceError):
    """A story named is not one of those collected in this cycle."""


class UnknownMemberError(UnknownReferenceError):
    """The person named is not in this group."""


class NotThisMethodError(DomainError):
    """The cycle's method does not keep this kind of record."""


class InvalidChoiceError(DomainError):
    """A choice (kind, outcome, decision) is not one of those offered."""


class HelpRequestClosedError(DomainError):
    """The help request has been closed."""


class NotFoundError(DomainError):
    """No group or cycle has that id."""


class InvitationError(DomainError):
    """An invitation link that cannot be used: wrong, used, expired, or for someone else."""


class EmailTakenError(DomainError):
    """An account with that email already exists."""

    field = "email"


class SignInRefusedError(DomainError):
    """Wrong email or password, or too many recent attempts (never says which email exists)."""


class LastFacilitatorError(DomainError):
    """A group always keeps at least one facilitator."""


class WrongPasswordError(SignInRefusedError):
    """The current password, given to change it, is not the account's."""

    field = "current"


class UnknownPointError(UnknownReferenceError):
    """A data point named is not one of this measure's, or was withdrawn."""


@dataclass(frozen=True)
class RowProblem:
    """One bad row of pasted or uploaded data: where it is and what is wrong with it."""

    line: int
    column: str
    why: str

    def __str__(self) -> str:
        return f"Line {self.line}, {self.column}: {self.why}"


class RowsRefusedError(DomainError):
    """Pasted or uploaded data had bad rows: nothing of it was recorded."""

    field = "rows"

    def __init__(self, problems: list[RowProblem]) -> None:
        shown = "; ".join(str(p) for p in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(
            f"Nothing was recorded: {len(problems)} row(s) need fixing. {shown}{more}."
        )
        self.problems = problems
