"""Plans: the current version, every version, and each revision beside the one before."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from projections.diff import Segment, changed, word_diff
from projections.queries.cycles import ENTRY_COLUMNS, EntryRow
from projections.tables import entries, plan_citations, plan_versions


@dataclass(frozen=True)
class PlanVersion:
    """One version of a cycle's plan, with the learning it cites."""

    version: int
    objective: str
    plan_text: str
    questions: list[dict[str, str]]
    details: dict[str, Any]
    change: str | None
    actor: str
    at: datetime
    cites: list[EntryRow] = field(default_factory=list)

    @property
    def tasks(self) -> list[dict[str, str]]:
        """The plan's set-up tasks."""
        return list(self.details.get("tasks", []))

    def detail(self, name: str) -> str:
        """who, where, when, data or measures ('' when not given)."""
        return str(self.details.get(name, ""))


@dataclass(frozen=True)
class Revision:
    """A plan version beside the one before it, with what changed."""

    current: PlanVersion
    previous: PlanVersion | None
    objective_diff: list[Segment]
    plan_diff: list[Segment]
    questions_diff: list[Segment]
    details_diff: list[Segment]

    @property
    def objective_changed(self) -> bool:
        """Whether the objective differs from the version before."""
        return changed(self.objective_diff)


def current_plan(conn: sa.Connection, cycle_id: UUID) -> PlanVersion | None:
    """The latest version of a cycle's plan."""
    versions = plan_history(conn, cycle_id, newest_first=True, limit=1)
    return versions[0] if versions else None


def plan_history(
    conn: sa.Connection, cycle_id: UUID, newest_first: bool = False, limit: int | None = None
) -> list[PlanVersion]:
    """Every version of a cycle's plan, each with the entries it cites."""
    order = plan_versions.c.version.desc() if newest_first else plan_versions.c.version
    rows = list(
        conn.execute(
            sa.select(plan_versions)
            .where(plan_versions.c.cycle_id == cycle_id)
            .order_by(order)
            .limit(limit)
        )
    )
    cited = _citations(conn, cycle_id, [r.version for r in rows])
    return [_version(r._mapping, cited.get(r.version, [])) for r in rows]


def revision_history(conn: sa.Connection, cycle_id: UUID) -> list[Revision]:
    """Each plan version beside the one before it, oldest first."""
    versions = plan_history(conn, cycle_id)
    return [
        _revision(previous, current)
        for previous, current in zip([None, *versions], versions, strict=False)
    ]


def _revision(previous: PlanVersion | None, current: PlanVersion) -> Revision:
    before = previous or PlanVersion(0, "", "", [], {}, None, "", current.at)
    return Revision(
        current=current,
        previous=previous,
        objective_diff=word_diff(before.objective, current.objective),
        plan_diff=word_diff(before.plan_text, current.plan_text),
        questions_diff=word_diff(_questions_text(before), _questions_text(current)),
        details_diff=word_diff(_details_text(before), _details_text(current)),
    )


def _questions_text(version: PlanVersion) -> str:
    return "\n".join(
        f"{q['question']} — predicted: {q['prediction']}"
        + (f" (because {q['reason']})" if q.get("reason") else "")
        for q in version.questions
    )


DETAIL_LABELS = (
    ("who", "Who"),
    ("where", "Where"),
    ("when", "When"),
    ("data", "Data to collect"),
    ("measures", "Measures"),
)


def _details_text(version: PlanVersion) -> str:
    lines = [
        f"{label}: {version.detail(key)}" for key, label in DETAIL_LABELS if version.detail(key)
    ]
    lines += [
        "Task: "
        + t["text"]
        + (f" ({t['owner']})" if t.get("owner") else "")
        + (f" by {t['due']}" if t.get("due") else "")
        for t in version.tasks
    ]
    return "\n".join(lines)


def _citations(
    conn: sa.Connection, cycle_id: UUID, versions: list[int]
) -> dict[int, list[EntryRow]]:
    if not versions:
        return {}
    rows = conn.execute(
        sa.select(plan_citations.c.version, *ENTRY_COLUMNS)
        .join(entries, entries.c.id == plan_citations.c.entry_id)
        .where(plan_citations.c.cycle_id == cycle_id, plan_citations.c.version.in_(versions))
        .order_by(entries.c.recorded_at, entries.c.seq)
    )
    cited: dict[int, list[EntryRow]] = {}
    for r in rows:
        values = dict(r._mapping)
        cited.setdefault(values.pop("version"), []).append(EntryRow(**values))
    return cited


def _version(row: Any, cites: list[EntryRow]) -> PlanVersion:
    return PlanVersion(
        version=row["version"],
        objective=row["objective"],
        plan_text=row["plan_text"],
        questions=list(row["questions"]),
        details=dict(row["details"] or {}),
        change=row["change"],
        actor=row["actor"],
        at=row["at"],
        cites=cites,
    )
