"""A cycle's journal as its rules see it: which entries there are, of which kinds, which
were corrected or withdrawn. What the entries say lives in their events and the read model,
so neither a command's cost nor a snapshot's size grows with what members wrote."""

from collections.abc import Collection, Iterable, Mapping
from typing import Any
from uuid import UUID

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


class Journal:
    """The entries recorded in a cycle, by id (hex, as comments name them): each one's kind,
    its revision if it was corrected (amended or withdrawn), and which were withdrawn."""

    def __init__(
        self,
        kinds: Mapping[str, Iterable[str]] | None = None,
        revisions: Mapping[str, int] | None = None,
        withdrawn: Iterable[str] = (),
    ) -> None:
        self.kinds: dict[str, set[str]] = {k: set(ids) for k, ids in (kinds or {}).items()}
        self.revisions: dict[str, int] = dict(revisions or {})  # the others are at 1
        self.withdrawn: set[str] = set(withdrawn)

    @classmethod
    def of_entries(cls, entries: Iterable[Mapping[str, Any]]) -> "Journal":
        """The journal of entries kept whole, as snapshots before version 4 of Cycle did."""
        journal = cls()
        for e in entries:
            journal.add(e["id"], e["kind"])
            if e["revision"] != 1:
                journal.revisions[e["id"].hex] = e["revision"]
            if e["withdrawn"]:
                journal.withdrawn.add(e["id"].hex)
        return journal

    def as_data(self) -> dict[str, Any]:
        """The journal as plain data, for snapshots (ids sorted, so equal journals match)."""
        return {
            "kinds": {k: sorted(ids) for k, ids in self.kinds.items()},
            "revisions": self.revisions,
            "withdrawn": sorted(self.withdrawn),
        }

    def add(self, entry_id: UUID, kind: str) -> None:
        """Keep an entry just recorded."""
        self.kinds.setdefault(kind, set()).add(entry_id.hex)

    def amend(self, entry_id: UUID) -> None:
        """An entry was corrected: its next revision."""
        self.revisions[entry_id.hex] = self.revision(entry_id) + 1

    def withdraw(self, entry_id: UUID) -> None:
        """An entry was withdrawn (still there, no longer counted): its last revision."""
        self.amend(entry_id)
        self.withdrawn.add(entry_id.hex)

    def kind(self, entry_id: UUID) -> str:
        """The kind of one of the journal's entries."""
        key = entry_id.hex
        for kind, ids in self.kinds.items():
            if key in ids:
                return kind
        raise UnknownEntryError("That entry is not part of this cycle.")

    def revision(self, entry_id: UUID) -> int:
        """How many versions of the entry there are (1 until it is corrected)."""
        return self.revisions.get(entry_id.hex, 1)

    def is_withdrawn(self, entry_id: UUID) -> bool:
        """Whether the entry was withdrawn."""
        return entry_id.hex in self.withdrawn

    def holds(self, entry_id: str) -> bool:
        """Whether an entry of this id (hex) was recorded here, withdrawn or not."""
        return any(entry_id in ids for ids in self.kinds.values())

    def current(self, entry_id: UUID, based_on: int) -> None:
        """The entry is here, and a correction based on this revision of it may be made."""
        self.kind(entry_id)
        if self.is_withdrawn(entry_id):
            raise StaleEntryError("That entry has been withdrawn; it can no longer be changed.")
        if self.revision(entry_id) != based_on:
            raise StaleEntryError(
                "Someone corrected this entry while you were editing. Your text is kept: "
                "check the newer version, then save again."
            )

    def check_cites(self, cites: Collection[UUID]) -> None:
        """A revision cites at least one entry of this journal, none withdrawn."""
        require_learning(cites)
        if any(not self.holds(c.hex) or c.hex in self.withdrawn for c in cites):
            raise UncitableEntryError("A cited entry is not part of this cycle, or was withdrawn.")

    def has(self, kinds: Collection[str], *, standing: bool = False) -> bool:
        """Whether an entry of one of these kinds was recorded (and, if standing, not
        withdrawn)."""
        found = (self.kinds.get(k, set()) for k in kinds)
        return any(ids and not (standing and ids <= self.withdrawn) for ids in found)
