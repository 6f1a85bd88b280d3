"""Rows pasted or uploaded for a measure: recorded all or none through the one post
pipeline, the bad rows of a refusal kept to list, what was recorded counted to say so."""

from uuid import UUID

from flask import g
from flask_wtf import FlaskForm

from domain.application import Recorded
from domain.errors import RowsRefusedError
from projections import queries
from web.rendering import reading
from web.services import services
from web.users import current_actor


class Import:
    """Rows pasted or uploaded, recorded all or none: the bad rows of a refusal are kept on
    the form to list, and what was recorded is counted to say so."""

    def __init__(self, measure_id: UUID, form: FlaskForm, source: str) -> None:
        self.measure_id, self.form, self.source = measure_id, form, source
        self.before: int | None = None  # points standing before; None: not run (a replay)

    def run(self, rows: str) -> Recorded:
        """Record the rows; refused, the form keeps each bad row."""
        with reading() as conn:
            self.before = queries.point_count(conn, self.measure_id)
        try:
            return services().app.import_points(
                self.measure_id, rows, self.source, current_actor()
            )
        except RowsRefusedError as refused:
            self.form.problems = tuple(refused.problems)
            raise

    def said(self) -> str:
        """How many points the import recorded, in words."""
        if self.before is None:
            return "These rows were recorded when this form was first sent."
        if g.get("updating"):  # the pages have not caught up: they cannot count yet
            return "The rows were recorded."
        with reading() as conn:
            recorded = queries.point_count(conn, self.measure_id) - self.before
        if recorded <= 0:
            return "Nothing new: every row was already recorded."
        return f"{recorded} point{'' if recorded == 1 else 's'} recorded."
