"""A cycle's journal: its entries and their corrections, kept as a value the cycle holds."""

from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from uuid import UUID

from domain.entries import Entry
from domain.errors import (
    RevisionCitesNoLearningError,
    StaleEntryError,
    UncitableEntryError,
    UnknownEntryError,
)

# The rule's one wording: forms check it early through require_learning, to show it
# beside the tick boxes with any other mistake in the same form.
CITE_LEARNING = "Tick the reflection or observation this revision is made in the light of."


def require_learning(cites: Collection[object]) -> None:
    """A plan revision cites at least one piece of learning."""
    if not cites:
        raise RevisionCitesNoLearningError(CITE_LEARNING)


@dataclass(frozen=True)
class Journal:
    """The entries recorded in a cycle, oldest first; changes return a new journal."""

    entries: tuple[Entry, ...] = ()

    def added(self, entry: Entry) -> "Journal":
        """This journal with one more entry."""
        return replace(self, entries=(*self.entries, entry))

    def amended(self, entry_id: UUID, text: str) -> "Journal":
        """This journal with the entry's text corrected."""
        return self._changed(entry_id, lambda e: e.amended(text))

    def withdrawn(self, entry_id: UUID) -> "Journal":
        """This journal with the entry withdrawn (still there, no longer counted)."""
        return self._changed(entry_id, Entry.withdrawn_now)

    def entry(self, entry_id: UUID) -> Entry:
        """One of the journal's entries."""
        for e in self.entries:
            if e.id == entry_id:
                return e
        raise UnknownEntryError("That entry is not part of this cycle.")

    def current(self, entry_id: UUID, based_on: int) -> Entry:
        """The entry, if a correction based on this revision of it may still be made."""
        found = self.entry(entry_id)
        if found.withdrawn:
            raise StaleEntryError("That entry has been withdrawn; it can no longer be changed.")
        if found.revision != based_on:
            raise StaleEntryError(
                "Someone corrected this entry while you were editing. Your text is kept: "
                "check the newer version, then save again."
            )
        return found

    def check_cites(self, cites: Collection[UUID]) -> None:
        """A revision cites at least one entry of this journal, none withdrawn."""
        require_learning(cites)
        citable = {e.id for e in self.entries if not e.withdrawn}
        if any(c not in citable for c in cites):
            raise UncitableEntryError("A cited entry is not part of this cycle, or was withdrawn.")

    def has(self, kinds: Collection[str], *, standing: bool = False) -> bool:
        """Whether an entry of one of these kinds was recorded (and, if standing, not
        withdrawn)."""
        return any(e.kind in kinds and not (standing and e.withdrawn) for e in self.entries)

    def ids(self) -> set[str]:
        """The entries' ids, as comments name them (hex)."""
        return {e.id.hex for e in self.entries}

    def _changed(self, entry_id: UUID, change: Callable[[Entry], Entry]) -> "Journal":
        entries = tuple(change(e) if e.id == entry_id else e for e in self.entries)
        return replace(self, entries=entries)
