"""Help requests and their answers, so open requests can be listed per group."""

from domain.help import ANSWERED, CLOSED, OPEN, HelpRequest
from projections.projection import Projection, handles
from projections.tables import help_answers, help_requests
from projections.writer import Writer


class HelpDesk(Projection):
    """Every help request, its status and its answers."""

    name = "help_desk"
    version = 2  # 2: indexes for paging a cycle's requests and listing a group's open ones
    tables = (help_requests, help_answers)

    @handles(HelpRequest.Asked)
    def asked(self, conn: Writer, e: HelpRequest.Asked) -> None:
        conn.insert(
            help_requests,
            dict(
                id=e.originator_id,
                group_id=e.group_id,
                cycle_id=e.cycle_id,
                text=e.text,
                actor=e.actor,
                at=e.timestamp,
                status=OPEN,
            ),
        )

    @handles(HelpRequest.Answered)
    def answered(self, conn: Writer, e: HelpRequest.Answered) -> None:
        conn.insert(
            help_answers,
            dict(
                id=e.answer_id,
                request_id=e.originator_id,
                text=e.text,
                actor=e.actor,
                at=e.timestamp,
            ),
        )
        self._status(conn, e.originator_id, ANSWERED)

    @handles(HelpRequest.Closed)
    def closed(self, conn: Writer, e: HelpRequest.Closed) -> None:
        self._status(conn, e.originator_id, CLOSED)

    @staticmethod
    def _status(conn: Writer, request_id: object, status: str) -> None:
        conn.update(help_requests, request_id, {"status": status})
