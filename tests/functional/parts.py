"""The parts of a page a person uses: the words, form fields, forms, links and marked text."""

from __future__ import annotations

from dataclasses import dataclass, field

from werkzeug.datastructures import MultiDict


def words(text: str) -> str:
    """Text with its runs of whitespace made single spaces, as a browser shows it."""
    return " ".join(text.split())


@dataclass
class Field:
    """One input, text area or select of a form."""

    name: str
    kind: str
    value: str
    checked: bool = False
    id: str = ""
    label: str = ""
    options: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Form:
    """A form on a page, ready to be filled in and submitted."""

    action: str
    method: str
    within: tuple[str, ...] = ()
    fields: list[Field] = field(default_factory=list)
    buttons: list[str] = field(default_factory=list)

    def has(self, name: str) -> bool:
        """Whether the form has a field called `name` (a page asks for it)."""
        return any(f.name == name for f in self.fields)

    def fill(self, name: str, value: str) -> None:
        """Type `value` into the field called `name`, replacing what was there."""
        matches = [
            f for f in self.fields if f.name == name and f.kind not in ("checkbox", "radio")
        ]
        assert len(matches) == 1, f"expected one field {name!r}, found {len(matches)}"
        matches[0].value = value

    def write(self, label: str, value: str) -> None:
        """Type `value` into the one text field labelled `label`, replacing what was there."""
        field = self._labelled(("text", "search", "textarea"), label, exact=True)
        field.value = value

    def enter(self, label_starts: str, value: str, kind: str = "date") -> None:
        """Enter a date (or, with kind "time", a time) in the one such input whose label
        starts with `label_starts`, as its picker would send it."""
        self._labelled((kind,), label_starts).value = value

    def select(self, label: str, option: str) -> None:
        """Pick the option whose words are `option` in the drop-down labelled `label`."""
        field = self._labelled(("select",), label, exact=True)
        values = [value for value, words in field.options if words == option]
        offered = [words for _, words in field.options]
        assert len(values) == 1, f"expected one option {option!r} in {label!r}, offered {offered}"
        field.value = values[0]

    def tick(self, label_starts: str) -> None:
        """Tick the one checkbox whose label starts with `label_starts`."""
        self._labelled(("checkbox",), label_starts).checked = True

    def choose(self, label_starts: str) -> None:
        """Choose the one radio button whose label starts with `label_starts`."""
        chosen = self._labelled(("radio",), label_starts)
        for f in self.fields:
            if f.kind == "radio" and f.name == chosen.name:
                f.checked = f is chosen

    def data(self) -> MultiDict[str, str]:
        """What the browser would send: every named field, ticked boxes and chosen radios only."""
        sent: MultiDict[str, str] = MultiDict()
        for f in self.fields:
            if f.name and (f.kind not in ("checkbox", "radio") or f.checked):
                sent.add(f.name, f.value)
        return sent

    def _labelled(self, kinds: tuple[str, ...], label: str, exact: bool = False) -> Field:
        """The one field of one of `kinds` whose label is, or starts with, `label`."""
        offered = [f for f in self.fields if f.kind in kinds]
        found = [f for f in offered if f.label == label]
        if not exact and not found:
            found = [f for f in offered if f.label.startswith(label)]
        labels = [f.label for f in offered]
        assert len(found) == 1, f"expected one {kinds[0]} labelled {label!r}, offered {labels}"
        return found[0]


@dataclass(frozen=True)
class Link:
    """A link: where it goes, the words on it, and the ids of the elements around it."""

    href: str
    text: str
    within: tuple[str, ...] = ()


@dataclass(frozen=True)
class Inserted:
    """Text a page marks as added, with the ids around it and the term it sits under."""

    text: str
    within: tuple[str, ...]
    term: str
