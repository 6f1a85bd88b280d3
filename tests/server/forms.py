"""The forms on a page, read as a browser would submit them."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

KEY_FIELD = "submission"


@dataclass
class Form:
    """One form on a page: where it posts and what a browser would send as it stands."""

    action: str
    method: str
    id: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    options: dict[str, list[str]] = field(default_factory=dict)  # selects, checkboxes, radios
    files: list[str] = field(default_factory=list)  # the names of its file inputs

    def get(self, name: str) -> str | None:
        """A field's value, or None if the form has no such field."""
        return next((v for n, v in self.fields if n == name), None)

    def name_ending(self, suffix: str) -> str:
        """The one field named `suffix` or ending `-suffix` (forms carry a prefix)."""
        names = {n for n, _ in self.fields} | set(self.options)
        found = [n for n in names if n == suffix or n.endswith("-" + suffix)]
        assert len(found) == 1, f"form {self.action} has {found} for {suffix!r}"
        return found[0]

    def set(self, name: str, value: str) -> None:
        """Type into a field (replacing what it held)."""
        self.fields = [(n, v) for n, v in self.fields if n != name] + [(name, value)]

    def tick(self, name: str, value: str) -> None:
        """Tick a checkbox."""
        if (name, value) not in self.fields:
            self.fields.append((name, value))

    def key(self) -> str:
        """The submission key the page put in the form."""
        names = [n for n, _ in self.fields if n == KEY_FIELD or n.endswith("-" + KEY_FIELD)]
        return (self.get(names[0]) or "") if names else ""


class _Forms(HTMLParser):
    """Every form on a page, as a browser would submit it untouched."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: str | None = None
        self._text: list[str] = []
        self._select: str | None = None
        self._selected: str | None = None
        self._first: str | None = None
        self._option: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self._form = Form(
                a.get("action") or "", (a.get("method") or "get").lower(), a.get("id") or ""
            )
            self.forms.append(self._form)
            return
        form = self._form
        if form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            value = a.get("value")
            if kind in ("checkbox", "radio"):
                form.options.setdefault(name, []).append(value if value is not None else "on")
                if "checked" in a:
                    form.fields.append((name, value if value is not None else "on"))
            elif kind == "file":
                form.files.append(name)
            elif kind not in ("submit", "button", "image", "reset"):
                form.fields.append((name, value or ""))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name:
            self._select, self._selected, self._first = name, None, None
            form.options[name] = []
        elif tag == "option" and self._select is not None:
            self._option = {"value": a.get("value"), "selected": "x" if "selected" in a else None}
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None or self._option is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._form is not None and self._textarea is not None:
            text = "".join(self._text).replace("\r\n", "\n")
            # HTML drops one newline straight after <textarea>.
            self._form.fields.append((self._textarea, text.removeprefix("\n")))
            self._textarea = None
        elif tag == "option" and self._option is not None and self._form is not None:
            value = self._option["value"]
            value = value if value is not None else "".join(self._text).strip()
            assert self._select is not None
            self._form.options[self._select].append(value)
            self._first = value if self._first is None else self._first
            if self._option["selected"]:
                self._selected = value
            self._option = None
        elif tag == "select" and self._form is not None and self._select is not None:
            chosen = self._selected if self._selected is not None else self._first
            if chosen is not None:
                self._form.fields.append((self._select, chosen))
            self._select = None


def forms_in(html: str) -> list[Form]:
    """The forms on a page."""
    parser = _Forms()
    parser.feed(html)
    parser.close()
    return parser.forms
