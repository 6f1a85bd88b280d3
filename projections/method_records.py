"""What Peer Assist and Most Significant Change record beyond the common cycle entries."""

from domain.cycle import Cycle
from projections.projection import Projection, handles
from projections.tables import advice_given, advice_requests, stories
from projections.writer import Writer


class MethodRecords(Projection):
    """Requests for advice across groups, and stories of change with the panel's choice."""

    name = "method_records"
    tables = (advice_requests, advice_given, stories)

    @handles(Cycle.AdviceRequested)
    def asked(self, conn: Writer, e: Cycle.AdviceRequested) -> None:
        conn.insert(
            advice_requests,
            dict(
                id=e.request_id,
                cycle_id=e.originator_id,
                to_group_id=e.to_group_id,
                question=e.question,
                actor=e.actor,
                at=e.timestamp,
            ),
        )

    @handles(Cycle.AdviceGiven)
    def advised(self, conn: Writer, e: Cycle.AdviceGiven) -> None:
        conn.insert(
            advice_given,
            dict(entry_id=e.entry_id, request_id=e.request_id, from_group_id=e.from_group_id),
        )

    @handles(Cycle.StoryCollected)
    def collected(self, conn: Writer, e: Cycle.StoryCollected) -> None:
        conn.insert(
            stories,
            dict(
                entry_id=e.entry_id,
                cycle_id=e.originator_id,
                from_group_id=e.from_group_id,
                title=e.title,
                teller=e.teller,
                why=e.why,
                chosen_by_entry=None,
            ),
        )

    @handles(Cycle.StoryChosen)
    def chosen(self, conn: Writer, e: Cycle.StoryChosen) -> None:
        conn.update(stories, e.story_id, {"chosen_by_entry": e.entry_id})
