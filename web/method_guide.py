"""The methods guide as readers see it: methods grouped by what they are for, PDSA first,
and only the scenarios that are guidance.

Both come from tags in the feature files, so the guide and the tests read the same words:
a Feature tagged @use-... is listed under that use, and a Scenario or Rule tagged
@app-check checks only how Learnloop behaves, so pytest-bdd runs it but readers are not
shown it. The tags are registered as pytest marks in pyproject.toml.
"""

from dataclasses import dataclass, replace

from domain.methods import CATALOGUE
from web.method_pages import MethodDoc, Rule, Scenario

APP_CHECK = "@app-check"


@dataclass(frozen=True)
class Use:
    """What a group of methods is for: its tag, its heading and a line about it."""

    tag: str
    anchor: str
    heading: str
    purpose: str


# In the order the guide lists them: testing a change first, as PDSA is where most start.
USES: tuple[Use, ...] = (
    Use(
        "@use-test-a-change",
        "test-a-change",
        "Test a change",
        "Try a change on a small scale, compare what happened with what you predicted, "
        "then adopt it, adapt it or drop it.",
    ),
    Use(
        "@use-look-back",
        "look-back",
        "Look back on what happened",
        "Learn from a shift, an event or a project once it is over, while memories are fresh, "
        "so the next piece of work starts with its lessons.",
    ),
    Use(
        "@use-learn-from-others",
        "learn-from-others",
        "Learn from others",
        "Draw on what other people know and have seen: a team that has done it before, "
        "colleagues' questions, or the stories people tell of what changed.",
    ),
    Use(
        "@use-reflect-on-practice",
        "reflect-on-practice",
        "Reflect on your own practice",
        "Keep a personal record of what you tried, what it meant and what you will do next.",
    ),
)
# A method file with no use tag is still listed, last, rather than quietly left out.
OTHER = Use("", "other-methods", "Other methods", "Methods not yet placed under a use.")


@dataclass(frozen=True)
class UseGroup:
    """One use and the methods listed under it."""

    use: Use
    methods: tuple[MethodDoc, ...]


def use_of(doc: MethodDoc) -> Use | None:
    """The use a method's Feature is tagged with (the earliest in USES, if several), or None."""
    return next((u for u in USES if u.tag in doc.tags), None)


def grouped(docs: list[MethodDoc]) -> list[UseGroup]:
    """The methods under their uses, in the guide's order; uses with no methods left out."""
    ordered = sorted(docs, key=_catalogue_order)
    groups = [
        UseGroup(use, tuple(d for d in ordered if (use_of(d) or OTHER) == use))
        for use in (*USES, OTHER)
    ]
    return [g for g in groups if g.methods]


def _catalogue_order(doc: MethodDoc) -> tuple[int, str]:
    # The order a cycle's form offers the methods in, PDSA (the default) first; files not
    # in the catalogue come after, by slug.
    keys = list(CATALOGUE)
    return (keys.index(doc.slug) if doc.slug in keys else len(keys), doc.slug)


def for_readers(doc: MethodDoc) -> MethodDoc:
    """The method as the guide shows it: @app-check scenarios and rules left out.

    They still run as tests; they are not guidance. The use tags are left out too, as the
    guide shows the use by name.
    """
    return replace(
        doc,
        tags=tuple(t for t in doc.tags if t not in {u.tag for u in USES}),
        scenarios=_guidance(doc.scenarios),
        rules=tuple(_rule_for_readers(r) for r in doc.rules if APP_CHECK not in r.tags),
    )


def app_checks(doc: MethodDoc) -> int:
    """How many of the method's scenarios the guide leaves out as checks of the app."""
    return len(doc.scenario_names()) - len(for_readers(doc).scenario_names())


def _rule_for_readers(rule: Rule) -> Rule:
    return replace(rule, scenarios=_guidance(rule.scenarios))


def _guidance(scenarios: tuple[Scenario, ...]) -> tuple[Scenario, ...]:
    return tuple(s for s in scenarios if APP_CHECK not in s.tags)
