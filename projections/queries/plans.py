"""Plans: the current version, every version, and each revision beside the one before."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from domain.plan import Plan, Question, SetupTask
from projections.diff import Segment, changed, word_diff
from projections.queries.cycles import ENTRY_COLUMNS, EntryRow
from projections.tables import cycles, entries, plan_citations, plan_versions


@dataclass(frozen=True)
class PlanVersion:
    """One version of a cycle's plan, with the learning it cites."""

    version: int
    plan: Plan
    change: str | None
    actor: str
    at: datetime
    cites: list[EntryRow] = field(default_factory=list)

    @property
    def objective(self) -> str:
        """What this version of the plan means to achieve."""
        return self.plan.objective

    @property
    def plan_text(self) -> str:
        """What will be done."""
        return self.plan.plan_text

    @property
    def questions(self) -> tuple[Question, ...]:
        """The questions the test should answer, with predictions."""
        return self.plan.questions

    @property
    def tasks(self) -> tuple[SetupTask, ...]:
        """The plan's set-up tasks."""
        return self.plan.tasks

    def detail(self, name: str) -> str:
        """who, where, when, scale, data or measures ('' when not given)."""
        value: str = getattr(self.plan, name) if name in DETAILS else ""
        return value


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


def current_plan(conn: sa.Connection, cycle_id: UUID, cited: bool = True) -> PlanVersion | None:
    """The latest version of a cycle's plan, with the entries it cites unless not `cited`
    (a form that offers its questions needs no more: a query fewer)."""
    versions = plan_history(conn, cycle_id, newest_first=True, limit=1, cited=cited)
    return versions[0] if versions else None


def group_scales(conn: sa.Connection, group_id: UUID) -> dict[UUID, str]:
    """Each of a group's cycles' scale as its current plan states it ('' when not stated),
    by cycle: how a ramp's test grew."""
    rows = conn.execute(
        sa.select(plan_versions.c.cycle_id, plan_versions.c.details)
        .join(cycles, cycles.c.id == plan_versions.c.cycle_id)
        .where(cycles.c.group_id == group_id, plan_versions.c.version == cycles.c.plan_version)
    )
    # Rows written before scales existed have none in their details: not stated.
    return {cycle_id: (details or {}).get("scale", "") for cycle_id, details in rows}


def plan_history(
    conn: sa.Connection,
    cycle_id: UUID,
    newest_first: bool = False,
    limit: int | None = None,
    cited: bool = True,
) -> list[PlanVersion]:
    """Every version of a cycle's plan, each with the entries it cites (none if not
    `cited`)."""
    order = plan_versions.c.version.desc() if newest_first else plan_versions.c.version
    rows = list(
        conn.execute(
            sa.select(plan_versions)
            .where(plan_versions.c.cycle_id == cycle_id)
            .order_by(order)
            .limit(limit)
        )
    )
    cites = _citations(conn, cycle_id, [r.version for r in rows]) if cited else {}
    return [_version(r._mapping, cites.get(r.version, [])) for r in rows]


def revision_history(conn: sa.Connection, cycle_id: UUID) -> list[Revision]:
    """Each plan version beside the one before it, oldest first."""
    versions = plan_history(conn, cycle_id)
    return [
        _revision(previous, current)
        for previous, current in zip([None, *versions], versions, strict=False)
    ]


def _revision(previous: PlanVersion | None, current: PlanVersion) -> Revision:
    before = previous or PlanVersion(0, Plan("", "", ()), None, "", current.at)
    return Revision(
        current=current,
        previous=previous,
        objective_diff=word_diff(before.objective, current.objective),
        plan_diff=word_diff(before.plan_text, current.plan_text),
        questions_diff=word_diff(_questions_text(before), _questions_text(current)),
        details_diff=word_diff(_details_text(before), _details_text(current)),
    )


def _questions_text(version: PlanVersion) -> str:
    return "\n".join(_question_text(q) for q in version.questions)


def _question_text(q: Question) -> str:
    if q.exploratory:
        return f"{q.text} — exploratory: no prediction"
    return f"{q.text} — predicted: {q.prediction}" + (f" (because {q.reason})" if q.reason else "")


DETAIL_LABELS = (
    ("who", "Who"),
    ("where", "Where"),
    ("when", "When"),
    ("scale", "Scale"),
    ("data", "Data to collect"),
    ("measures", "Measures"),
)
DETAILS = frozenset(key for key, _ in DETAIL_LABELS)


def _details_text(version: PlanVersion) -> str:
    lines = [
        f"{label}: {version.detail(key)}" for key, label in DETAIL_LABELS if version.detail(key)
    ]
    lines += [
        "Task: "
        + t.text
        + (f" ({t.owner})" if t.owner else "")
        + (f" by {t.due}" if t.due else "")
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
        # The plan as the domain reads it: rows written before the schema was kept in
        # `details` read as version 1, whose upcasting leaves version 2 data as it is.
        plan=Plan.from_event_data(
            {
                **(row["details"] or {}),
                "objective": row["objective"],
                "plan_text": row["plan_text"],
                "questions": row["questions"],
            }
        ),
        change=row["change"],
        actor=row["actor"],
        at=row["at"],
        cites=cites,
    )


@dataclass(frozen=True)
class RampRevision:
    """A plan version of a ramp, with its cycle and what changed from the version before."""

    cycle_id: UUID
    cycle_number: int
    revision: Revision
    continued_by: str | None = None  # the decision that opened the cycle: adapt or scale up

    @property
    def cites_learning(self) -> bool:
        """Whether the change cites a reflection or observation."""
        return bool(self.revision.current.cites)


@dataclass(frozen=True)
class RampSummary:
    """How many versions a ramp's plan went through, and how many changes cite learning."""

    versions: int
    changes: int
    citing: int

    @property
    def not_citing(self) -> int:
        """Changes that cite no learning."""
        return self.changes - self.citing


def ramp_cycle_ids(conn: sa.Connection, cycle_id: UUID) -> list[UUID]:
    """The cycles of the ramp this cycle is in, first to last."""
    links = {
        r.id: (r.previous_cycle_id, r.next_cycle_id)
        for r in conn.execute(
            sa.select(cycles.c.id, cycles.c.previous_cycle_id, cycles.c.next_cycle_id).where(
                cycles.c.group_id
                == sa.select(cycles.c.group_id).where(cycles.c.id == cycle_id).scalar_subquery()
            )
        )
    }
    first = cycle_id
    while links.get(first, (None, None))[0] in links:
        first = links[first][0]
    ramp = [first]
    while links.get(ramp[-1], (None, None))[1] in links:
        ramp.append(links[ramp[-1]][1])
    return ramp if cycle_id in links else []


def ramp_history(
    conn: sa.Connection,
    cycle_id: UUID,
    page: int = 0,
    size: int = 20,
    learning_only: bool = False,
    whole_ramp: bool = True,
) -> tuple[list[RampRevision], RampSummary, bool]:
    """A page of the plan's versions (the ramp's, or one cycle's), oldest first, each beside
    the one before it."""
    ids = ramp_cycle_ids(conn, cycle_id) if whole_ramp else [cycle_id]
    previous_cycle = cycles.alias("previous_cycle")
    ordered = (
        sa.select(
            plan_versions,
            cycles.c.number.label("cycle_number"),
            previous_cycle.c.decision.label("continued_by"),
        )
        .join(cycles, cycles.c.id == plan_versions.c.cycle_id)
        .outerjoin(previous_cycle, previous_cycle.c.id == cycles.c.previous_cycle_id)
        .where(plan_versions.c.cycle_id.in_(ids))
    )
    cited = sa.exists().where(
        plan_citations.c.cycle_id == plan_versions.c.cycle_id,
        plan_citations.c.version == plan_versions.c.version,
    )
    summary = RampSummary(
        versions=_count(conn, ordered),
        changes=_count(conn, ordered.where(plan_versions.c.change.is_not(None))),
        citing=_count(conn, ordered.where(plan_versions.c.change.is_not(None), cited)),
    )
    shown = ordered.where(cited) if learning_only else ordered
    order = (cycles.c.number, plan_versions.c.version)
    rows = list(conn.execute(shown.order_by(*order).limit(size + 1).offset(page * size)))
    more = len(rows) > size
    rows = rows[:size]
    if not rows:
        return [], summary, False
    before = _version_before(conn, ordered, rows[0].cycle_number, rows[0].version)
    versions = _with_citations(conn, [*([before] if before is not None else []), *rows])
    previous = versions[0] if before is not None else None
    page_versions = versions[1:] if before is not None else versions
    found = []
    for row, version in zip(rows, page_versions, strict=True):
        if learning_only and previous is not None:
            previous = _version_before_version(conn, ordered, row)
        found.append(
            RampRevision(
                row.cycle_id, row.cycle_number, _revision(previous, version), row.continued_by
            )
        )
        previous = version
    return found, summary, more


def _count(conn: sa.Connection, query: sa.Select[Any]) -> int:
    return int(conn.execute(sa.select(sa.func.count()).select_from(query.subquery())).scalar_one())


def _version_before(
    conn: sa.Connection, ordered: sa.Select[Any], number: int, version: int
) -> Any:
    return conn.execute(
        ordered.where(
            sa.tuple_(cycles.c.number, plan_versions.c.version) < sa.tuple_(number, version)
        )
        .order_by(cycles.c.number.desc(), plan_versions.c.version.desc())
        .limit(1)
    ).first()


def _version_before_version(conn: sa.Connection, ordered: sa.Select[Any], row: Any) -> Any:
    before = _version_before(conn, ordered, row.cycle_number, row.version)
    return _with_citations(conn, [before])[0] if before is not None else None


def _with_citations(conn: sa.Connection, rows: list[Any]) -> list[PlanVersion]:
    by_cycle: dict[UUID, list[int]] = {}
    for r in rows:
        by_cycle.setdefault(r.cycle_id, []).append(r.version)
    cited: dict[tuple[UUID, int], list[EntryRow]] = {}
    for cycle, versions in by_cycle.items():
        for version, found in _citations(conn, cycle, versions).items():
            cited[(cycle, version)] = found
    return [_version(r._mapping, cited.get((r.cycle_id, r.version), [])) for r in rows]
