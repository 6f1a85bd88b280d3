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


# An entry's id as the journal keeps it, and as comments name it: 32 hex digits.
ID = 32


class Journal:
    """The entries recorded in a cycle: the ids of each kind's, in the order recorded, the
    revision of each one corrected (amended or withdrawn), and which were withdrawn.

    Each kind's ids are kept as runs of ids written one after another (a snapshot's run, then
    one run per entry recorded since): a snapshot decodes one string per kind, not thousands,
    and an id is found in a run by a search that only counts matches where an id starts."""

    def __init__(
        self,
        runs: Mapping[str, list[str]] | None = None,
        revisions: Mapping[str, int] | None = None,
        withdrawn: Iterable[str] = (),
    ) -> None:
        self.runs: dict[str, list[str]] = {k: list(r) for k, r in (runs or {}).items()}
        self.revisions: dict[str, int] = dict(revisions or {})  # the others are at 1
        self.withdrawn: set[str] = set(withdrawn)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> "Journal":
        """The journal a snapshot stored (as_data)."""
        runs = {k: [ids] for k, ids in data["kinds"].items()}
        return cls(runs, data["revisions"], data["withdrawn"])

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
        journal.runs = {k: ["".join(runs)] for k, runs in journal.runs.items()}  # one a kind
        return journal

    def as_data(self) -> dict[str, Any]:
        """The journal as plain data, for snapshots. (Each kind's ids in base64 would be a
        third shorter, but decoding it took four times as long as the JSON of the hex.)"""
        return {
            "kinds": {k: "".join(runs) for k, runs in self.runs.items()},
            "revisions": self.revisions,
            "withdrawn": sorted(self.withdrawn),
        }

    def add(self, entry_id: UUID, kind: str) -> None:
        """Keep an entry just recorded."""
        self.runs.setdefault(kind, []).append(entry_id.hex)

    def amend(self, entry_id: UUID) -> None:
        """An entry was corrected: its next revision."""
        self.revisions[entry_id.hex] = self.revision(entry_id) + 1

    def withdraw(self, entry_id: UUID) -> None:
        """An entry was withdrawn (still there, no longer counted): its last revision."""
        self.amend(entry_id)
        self.withdrawn.add(entry_id.hex)

    def kind(self, entry_id: UUID) -> str:
        """The kind of one of the journal's entries."""
        found = self._kind_of(entry_id.hex)
        if found is None:
            raise UnknownEntryError("That entry is not part of this cycle.")
        return found

    def revision(self, entry_id: UUID) -> int:
        """How many versions of the entry there are (1 until it is corrected)."""
        return self.revisions.get(entry_id.hex, 1)

    def is_withdrawn(self, entry_id: UUID) -> bool:
        """Whether the entry was withdrawn."""
        return entry_id.hex in self.withdrawn

    def holds(self, entry_id: str) -> bool:
        """Whether an entry of this id (hex) was recorded here, withdrawn or not."""
        return self._kind_of(entry_id) is not None

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
        for kind in kinds:
            runs = self.runs.get(kind, [])
            recorded = sum(len(run) for run in runs) // ID
            gone = sum(1 for w in self.withdrawn if _within(runs, w)) if standing else 0
            if recorded > gone:
                return True
        return False

    def _kind_of(self, key: str) -> str | None:
        if len(key) != ID:
            return None
        return next((kind for kind, runs in self.runs.items() if _within(runs, key)), None)


def _within(runs: list[str], key: str) -> bool:
    """Whether one of the runs holds this id: a match counts only where an id starts."""
    for run in runs:
        at = run.find(key)
        while at != -1 and at % ID:
            at = run.find(key, at + 1)
        if at != -1:
            return True
    return False
