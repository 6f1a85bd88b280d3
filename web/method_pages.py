"""Learning methods as living documentation: their feature files, read for the guide pages.

Each method is a Gherkin file, features/methods/<slug>.feature, that pytest-bdd also runs as
tests, so the guide and the tests cannot disagree. The files are parsed with the parser
pytest-bdd uses (gherkin-official's), with the two touches pytest-bdd adds (step keywords
stripped, docstrings dedented). Not pytest_bdd.gherkin_parser itself: importing it imports
pytest, which is a test tool, not something the running app should need.
"""

import re
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from gherkin.parser import Parser

if TYPE_CHECKING:  # only the types: the dicts themselves are what every version returns
    from gherkin.parser_types import Background as RawBackground
    from gherkin.parser_types import Examples as RawExamples
    from gherkin.parser_types import Feature as RawFeature
    from gherkin.parser_types import Rule as RawRule
    from gherkin.parser_types import Scenario as RawScenario
    from gherkin.parser_types import Step as RawStep

# features/methods, through a link the package ships with (pyproject.toml).
DEFAULT_DIR = Path(__file__).resolve().parent / "method_features"
# features/charts, the guides to reading charts, through another such link.
CHARTS_DIR = Path(__file__).resolve().parent / "chart_features"
SLUG = re.compile(r"[a-z_]+")

Cells = tuple[str, ...]


@dataclass(frozen=True)
class Step:
    """One step: its keyword (Given, When, Then, And, But, or *), its text, and its argument."""

    keyword: str
    text: str
    table: tuple[Cells, ...] = ()
    docstring: str | None = None


@dataclass(frozen=True)
class Examples:
    """An outline's table of examples: each row is one run of the outline."""

    name: str
    description: tuple[str, ...]
    tags: tuple[str, ...]
    header: Cells
    rows: tuple[Cells, ...]


@dataclass(frozen=True)
class Background:
    """Steps that come before every scenario of the feature (or of the rule)."""

    name: str
    description: tuple[str, ...]
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Scenario:
    """One worked example; a Scenario Outline has examples, one run per row."""

    keyword: str
    name: str
    description: tuple[str, ...]
    tags: tuple[str, ...]
    steps: tuple[Step, ...]
    examples: tuple[Examples, ...]


@dataclass(frozen=True)
class Rule:
    """A business rule and the scenarios that illustrate it."""

    name: str
    description: tuple[str, ...]
    tags: tuple[str, ...]
    background: Background | None
    scenarios: tuple[Scenario, ...]


@dataclass(frozen=True)
class MethodDoc:
    """A learning method as its feature file tells it."""

    slug: str
    name: str
    description: tuple[str, ...]
    tags: tuple[str, ...]
    background: Background | None
    scenarios: tuple[Scenario, ...]
    rules: tuple[Rule, ...]

    @property
    def summary(self) -> str:
        """The first paragraph of the description, for the catalogue."""
        return self.description[0] if self.description else ""

    def scenario_names(self) -> list[str]:
        """Every scenario's name, those under rules included, in file order."""
        inner = [s.name for rule in self.rules for s in rule.scenarios]
        return [s.name for s in self.scenarios] + inner


def method_paths(directory: Path) -> list[Path]:
    """The method files in `directory`, by slug; names that are not slugs are not methods."""
    if not directory.is_dir():
        return []
    found = (p for p in directory.glob("*.feature") if p.is_file())
    return sorted((p for p in found if SLUG.fullmatch(p.stem)), key=lambda p: p.stem)


def list_methods(directory: Path) -> list[MethodDoc]:
    """Every method in `directory`, by slug (files holding no Feature are left out)."""
    docs = (read_method(path) for path in method_paths(directory))
    return [doc for doc in docs if doc is not None]


def method_names(directory: Path) -> dict[str, str]:
    """Slug to Feature name for every method: for linking to method pages from elsewhere."""
    return {doc.slug: doc.name for doc in list_methods(directory)}


def find_method(directory: Path, slug: str) -> MethodDoc | None:
    """The method with this slug, or None: no such file, or a slug that is not one."""
    if not SLUG.fullmatch(slug):
        return None  # checked before the slug touches a path, so "../x" never reaches one
    path = directory / f"{slug}.feature"
    return read_method(path) if path.is_file() else None


def read_method(path: Path) -> MethodDoc | None:
    """The method in a feature file, or None if it holds no Feature.

    Gherkin syntax errors propagate: a broken file breaks its tests too, so it should be
    seen and fixed, not quietly left out of the guide.
    """
    stat = path.stat()
    # Parsed once per version of the file (path, mtime, size): parsing measured 0.4 ms for
    # a 30-line file, so a catalogue of eight longer ones would cost several ms a request;
    # the stat and the cache hit cost a few microseconds.
    return _parse(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _parse(path: Path, mtime_ns: int, size: int) -> MethodDoc | None:
    document = Parser().parse(path.read_text(encoding="utf-8"))
    feature = cast("RawFeature | None", document.get("feature"))
    if feature is None:
        return None
    children = _children(feature["children"])
    return MethodDoc(
        slug=path.stem,
        name=feature["name"],
        description=paragraphs(feature["description"]),
        tags=_tags(feature["tags"]),
        background=_first_background(children),
        scenarios=_scenarios(children),
        rules=tuple(_rule(c["rule"]) for c in children if "rule" in c),
    )


def paragraphs(description: str) -> tuple[str, ...]:
    """A description's paragraphs: blocks between blank lines, each block's lines joined."""
    blocks = re.split(r"\n\s*\n", description.strip())
    joined = (" ".join(line.strip() for line in block.splitlines()) for block in blocks)
    return tuple(p for p in joined if p)


def _children(raw: Iterable[object]) -> list[Mapping[str, Any]]:
    # The parser's types say "Envelope" (an empty TypedDict); each holds one of
    # "background", "scenario" or "rule".
    return [cast("Mapping[str, Any]", child) for child in raw]


def _first_background(children: list[Mapping[str, Any]]) -> Background | None:
    found = [_background(c["background"]) for c in children if "background" in c]
    return found[0] if found else None  # the grammar allows one at most


def _scenarios(children: list[Mapping[str, Any]]) -> tuple[Scenario, ...]:
    return tuple(_scenario(c["scenario"]) for c in children if "scenario" in c)


def _background(raw: "RawBackground") -> Background:
    return Background(raw["name"], paragraphs(raw["description"]), _steps(raw["steps"]))


def _scenario(raw: "RawScenario") -> Scenario:
    return Scenario(
        keyword=raw["keyword"],
        name=raw["name"],
        description=paragraphs(raw["description"]),
        tags=_tags(raw["tags"]),
        steps=_steps(raw["steps"]),
        examples=tuple(_examples(e) for e in raw["examples"]),
    )


def _rule(raw: "RawRule") -> Rule:
    children = _children(raw["children"])
    return Rule(
        name=raw["name"],
        description=paragraphs(raw["description"]),
        tags=_tags(raw["tags"]),
        background=_first_background(children),
        scenarios=_scenarios(children),
    )


def _examples(raw: "RawExamples") -> Examples:
    # An Examples keyword with no table yet has neither header nor body.
    header = cast("Mapping[str, Any] | None", raw.get("tableHeader"))
    return Examples(
        name=raw["name"],
        description=paragraphs(raw["description"]),
        tags=_tags(raw["tags"]),
        header=_cells(header) if header else (),
        rows=tuple(_cells(row) for row in raw.get("tableBody", [])),
    )


def _steps(raw: Iterable["RawStep"]) -> tuple[Step, ...]:
    return tuple(_step(step) for step in raw)


def _step(raw: "RawStep") -> Step:
    table = raw.get("dataTable")
    docstring = raw.get("docString")
    return Step(
        keyword=raw["keyword"].strip(),
        text=raw["text"],
        table=tuple(_cells(row) for row in table["rows"]) if table else (),
        docstring=textwrap.dedent(docstring["content"]) if docstring else None,
    )


def _cells(row: Mapping[str, Any]) -> Cells:
    return tuple(str(cell["value"]) for cell in row["cells"])


def _tags(raw: Iterable[Mapping[str, Any]]) -> tuple[str, ...]:
    return tuple(str(tag["name"]) for tag in raw)
