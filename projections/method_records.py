"""What Peer Assist and Most Significant Change record beyond the common cycle entries."""

import sqlalchemy as sa

from domain.cycle import Cycle
from projections.projection import Projection, handles
from projections.tables import advice_given, advice_requests, stories


class MethodRecords(Projection):
    """Requests for advice across groups, and stories of change with the panel's choice."""

    name = "method_records"
    tables = (advice_requests, advice_given, stories)

    @handles(Cycle.AdviceRequested)
    def asked(self, conn: sa.Connection, e: Cycle.AdviceRequested) -> None:
        conn.execute(
            advice_requests.insert(),
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
    def advised(self, conn: sa.Connection, e: Cycle.AdviceGiven) -> None:
        conn.execute(
            advice_given.insert(),
            dict(entry_id=e.entry_id, request_id=e.request_id, from_group_id=e.from_group_id),
        )

    @handles(Cycle.StoryCollected)
    def collected(self, conn: sa.Connection, e: Cycle.StoryCollected) -> None:
        conn.execute(
            stories.insert(),
            dict(
                entry_id=e.entry_id,
                cycle_id=e.originator_id,
                from_group_id=e.from_group_id,
                title=e.title,
                teller=e.teller,
                why=e.why,
            ),
        )

    @handles(Cycle.StoryChosen)
    def chosen(self, conn: sa.Connection, e: Cycle.StoryChosen) -> None:
        conn.execute(
            stories.update()
            .where(stories.c.entry_id == e.story_id)
            .values(chosen_by_entry=e.entry_id)
        )
