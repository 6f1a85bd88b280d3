"""Peer Assist and Most Significant Change: the records a cycle keeps for those methods.

The commands live here; their events stay on Cycle, whose names are stored as topics.
"""

from uuid import UUID

from domain.cycle_commands import CycleCommands
from domain.entries import ADVICE, STORY
from domain.errors import (
    AlreadyDecidedError,
    CycleMovedOnError,
    InvalidChoiceError,
    NotThisMethodError,
    UnknownAdviceRequestError,
    UnknownStoryError,
)
from domain.fields import checked
from domain.when import Happened


class MethodRecords(CycleCommands):
    """Commands of the methods whose learning crosses group boundaries, for Cycle."""

    # Peer Assist: ask a group that has done it before; its advice can be cited like learning.

    def request_advice(self, to_group_id: UUID, question: str, actor: str) -> UUID:
        """Ask another group for advice; returns the request's id."""
        self._follows(ADVICE, "requests for advice")
        self.check_open()
        if to_group_id == self.group_id:
            raise InvalidChoiceError(
                "Ask a group other than your own: Peer Assist learns from those who have "
                "done it before."
            )
        return self._record(
            self.AdviceRequested,
            actor,
            "request_id",
            to_group_id=to_group_id,
            question=checked("advice_question", question),
        )

    def give_advice(self, request_id: UUID, from_group_id: UUID, text: str, actor: str) -> UUID:
        """A member of the asked group answers a request for advice."""
        asked = self.advice_asked.get(request_id.hex)
        if asked is None:
            raise UnknownAdviceRequestError("That request for advice is not part of this cycle.")
        if asked != from_group_id:
            raise InvalidChoiceError("Only the group that was asked can give this advice.")
        self.check_open()
        return self._record(
            self.AdviceGiven,
            actor,
            request_id=request_id,
            from_group_id=from_group_id,
            text=checked("advice", text),
        )

    # Most Significant Change: stories reach the panel, which chooses one and says why.

    def collect_story(
        self,
        from_group_id: UUID,
        title: str,
        teller: str,
        text: str,
        why: str,
        actor: str,
        happened: Happened | None = None,
    ) -> UUID:
        """Add a story of change to those the panel will read."""
        self._follows(STORY, "stories of change")
        self.check_open()
        if self.chosen is not None:
            raise CycleMovedOnError(
                "The panel has already chosen; stories for this period are closed. "
                "Tell it in the next cycle."
            )
        return self._record(
            self.StoryCollected,
            actor,
            happened=happened,
            from_group_id=from_group_id,
            title=checked("story_title", title),
            teller=checked("teller", teller),
            text=checked("story", text),
            why=checked("why", why),
        )

    def choose_story(
        self, story_id: UUID, reasons: str, actor: str, happened: Happened | None = None
    ) -> UUID:
        """The panel's choice of the most significant story, with its reasons."""
        self._follows(STORY, "stories of change")
        self._ready_to_reflect()
        if self.chosen is not None:
            raise AlreadyDecidedError("The panel has already chosen this period's story.")
        if self.journal.kind(story_id) != STORY or self.journal.is_withdrawn(story_id):
            raise UnknownStoryError("Choose one of the stories collected in this cycle.")
        return self._record(
            self.StoryChosen,
            actor,
            happened=happened,
            story_id=story_id,
            reasons=checked("reasons", reasons),
        )

    def _follows(self, record: str, name: str) -> None:
        if record not in self.followed.records:
            raise NotThisMethodError(
                f"This cycle follows {self.followed.name}; {name} belong to cycles that "
                f"follow {'Peer Assist' if record == ADVICE else 'Most Significant Change'}."
            )
