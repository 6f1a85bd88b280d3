"""A store and read side on a real database (SQLite file or PostgreSQL)."""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

import pytest
import sqlalchemy as sa

from domain.application import Learnloop
from domain.cycle import Cycle
from projections.database import all_projections, make_engine
from projections.runner import BATCH, BIGGEST, Runner
from tests.builders import QUESTIONS, entry_ids, entry_recorded, plan
from web.storage import storage_for


@dataclass
class Store:
    """The Application and the read-side engine on one database."""

    app: Learnloop
    engine: sa.Engine

    def runner(self, batch: int = BATCH, biggest: int = BIGGEST) -> Runner:
        """A fresh runner, as a new process would make, reading `batch` events at first
        and at most `biggest`."""
        projections = all_projections()
        return Runner(self.engine, self.app.recorder, self.app.mapper, projections, batch, biggest)

    def ramp(self, revisions: int = 2) -> UUID:
        """A group with one cycle whose plan was revised `revisions` times."""
        group = self.app.form_group("Ward 7", "80% of discharges before noon", "Ann")
        cycle_id = self.app.open_cycle(
            group.id, plan("Criteria-led discharge", "Bay B, Monday"), "Ann"
        ).id
        for n in range(revisions):
            seen = self.app.record_observation(cycle_id, f"Observation {n}", "Bob")
            self.app.revise_plan(
                cycle_id,
                n + 1,
                plan(
                    f"Criteria-led discharge, round {n + 2}", f"Bay B, Monday, with change {n + 1}"
                ),
                f"Change {n + 1}",
                [entry_recorded(self.app, seen)],
                "Ann",
            )
        self.app.record_observation(cycle_id, "Last", "Cat")
        self.app.record_reflection(cycle_id, "Learned", "Cat")
        return cycle_id

    def full_ramp(self) -> tuple[UUID, UUID, UUID]:
        """A group whose ramp uses every kind of event: returns group, first and next cycle."""
        app = self.app
        group = app.form_group("Medical wards", "Fewer catheters", "Ann").id
        app.revise_aim(group, "Under 10% of patients with a catheter", "Needed a target", "Ann")
        app.add_member(group, "Bea", "Ann")
        tasks = [("Print the audit sheet", "Bea", "2026-12-01")]
        first = app.open_cycle(group, plan("Measure use", tasks=tasks), "Ann").id
        opened: Cycle = app.repository.get(first)
        task_id = opened.plan.tasks[0].id
        app.complete_task(first, task_id, "Bea")
        acted = app.record_act_entry(first, "problem", "Night shift missed", "", "Bea")
        app.record_act_entry(first, "observation", "54 catheters", QUESTIONS[0][0], "Bea")
        app.compare_prediction(first, QUESTIONS[0][0], "partly", "17 appropriate", "Bea")
        app.record_reflection(first, "A real problem", "Bea")
        app.own_mistake(first, "We forgot the night shift", "Bea")
        asked = app.ask_for_help(first, "Who signs the directive?", "Bea").id
        app.answer_help(asked, "The chief nurse", "Sam")
        app.close_help(asked, "Bea")
        entries = entry_ids(app, first)
        app.amend_entry(first, entries[0], 1, "Night shift missed twice", "More", "Bea")
        app.withdraw_entry(first, entries[1], 1, "Wrong ward", "Bea")
        app.comment(first, "plan", "Good plan", "Sam")
        app.comment(first, entries[3].hex, "Agreed", "Sam")
        learning = entries[3]
        second = app.decide(
            first,
            "adapt",
            "Chart review next",
            "Ann",
            next_plan=plan("Find the source"),
            cites=[learning],
        ).id
        app.record_observation(second, "Half and half", "Bea")
        app.record_reflection(second, "Both matter", "Bea")
        app.decide(second, "adopt", "Spread it", "Ann")
        assert acted.id == first
        return group, first, second

    def methods(self, advising: UUID) -> None:
        """A Peer Assist cycle asking `advising`, and a panel's Most Significant Change cycle."""
        app = self.app
        asking = app.form_group("Ward 3", "Fewer falls", "Cat").id
        assist = app.open_cycle(asking, plan("Learn from others"), "Cat", "peer_assist").id
        request = app.request_advice(assist, advising, "How did you start?", "Cat").id
        app.give_advice(assist, request, advising, "Start with one bay", "Bea")
        panel = app.open_cycle(asking, plan("Stories of change"), "Cat", "most_significant_change")
        told = {"title": "Home for tea", "teller": "Mrs P", "text": "Dad came home", "why": "Us"}
        story = entry_recorded(app, app.collect_story(panel.id, advising, told, "Bea"))
        app.choose_story(panel.id, story, "It changed a life", "Cat")


@pytest.fixture
def store(database_url: str, tmp_path: Path) -> Iterator[Store]:
    """A store on each supported database in turn."""
    storage = storage_for(database_url, str(tmp_path))
    app = Learnloop(env=storage.persistence_env)
    engine = make_engine(storage.sqlalchemy_url)
    yield Store(app, engine)
    engine.dispose()
    app.close()


def dump(engine: sa.Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every read-model row, sorted, table by table."""
    from projections.tables import metadata

    with engine.connect() as conn:
        return {
            t.name: sorted((tuple(map(repr, row)) for row in conn.execute(sa.select(t))), key=repr)
            for t in metadata.sorted_tables
        }
