"""Commands that add to a cycle's record without moving its phase: set-up tasks ticked off,
corrections of entries, and comments."""

from uuid import UUID

from domain.cycle_commands import CycleCommands
from domain.errors import UnknownCommentTargetError, UnknownTaskError
from domain.fields import checked


class RecordKeeping(CycleCommands):
    """Set-up tasks, corrections and comments, for Cycle."""

    def complete_task(self, task_id: str, actor: str) -> None:
        """Mark one of the plan's set-up tasks done."""
        self.check_open()
        if task_id not in {t.id for t in self.plan.tasks}:
            raise UnknownTaskError("That task is not part of the current plan.")
        if task_id not in self.tasks_done:
            self.trigger_event(
                self.SetupTaskCompleted, task_id=task_id, actor=checked("actor", actor)
            )

    def amend_entry(
        self, entry_id: UUID, based_on: int, text: str, reason: str, actor: str
    ) -> None:
        """Correct an entry by a new event; the original stays visible."""
        self.journal.current(entry_id, based_on)
        self.trigger_event(
            self.EntryAmended,
            entry_id=entry_id,
            text=checked("text", text),
            reason=checked("amendment_reason", reason),
            actor=checked("actor", actor),
        )

    def withdraw_entry(self, entry_id: UUID, based_on: int, reason: str, actor: str) -> None:
        """Withdraw an entry; it stays visible, marked withdrawn."""
        self.journal.current(entry_id, based_on)
        self.trigger_event(
            self.EntryWithdrawn,
            entry_id=entry_id,
            reason=checked("withdrawal_reason", reason),
            actor=checked("actor", actor),
        )

    def comment(self, on: str, text: str, actor: str) -> UUID:
        """Comment on the plan ("plan"), the decision ("decision") or an entry (its id)."""
        target = on in ("plan", "decision") or self.journal.holds(on)
        if not target or (on == "decision" and self.decision is None):
            raise UnknownCommentTargetError("There is nothing here to comment on.")
        return self._record(
            self.CommentAdded, actor, "comment_id", on=on, text=checked("comment", text)
        )
