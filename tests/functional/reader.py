"""Reads a page's HTML into what a person sees and uses: its words, links and forms."""

from __future__ import annotations

from html.parser import HTMLParser

from tests.functional.parts import Field, Form, Inserted, Link, words

# Elements that start a new line on screen: their edges become spaces in the text.
_BLOCKS = frozenset(
    {
        *("address", "article", "aside", "br", "dd", "details", "div", "dl", "dt"),
        *("fieldset", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6"),
        *("header", "hr", "label", "legend", "li", "main", "nav", "ol", "p", "section"),
        *("select", "small", "summary", "table", "td", "th", "tr", "ul"),
    }
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    | {"track", "wbr"}
)
_UNSEEN = frozenset({"head", "script", "style", "template"})
_HEADINGS = frozenset({"h1", "h2", "h3"})


class Reader(HTMLParser):
    """Collects what a person sees on a page, and its links and forms."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.headings: list[str] = []
        self.links: list[Link] = []
        self.inserted: list[Inserted] = []
        self.by_id: dict[str, list[str]] = {}
        self._forms: list[Form] = []
        self._labels: dict[str, list[str]] = {}
        self._open: list[tuple[str, str | None]] = []
        self._unseen = 0
        self._href: str | None = None
        self._link_within: tuple[str, ...] = ()
        self._link_text: list[str] = []
        self._label_for: str | None = None
        self._textarea: Field | None = None
        self._select: Field | None = None
        self._selected = False
        self._option: tuple[str | None, bool, list[str]] | None = None
        self._button: list[str] | None = None
        self._heading: list[str] | None = None
        self._ins: list[str] | None = None
        self._term: list[str] = []
        self._in_term = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in _BLOCKS:
            self._emit(" ")
        if tag == "input":
            self._input(a)
        if tag in _VOID:
            return
        element_id = a.get("id") or None
        self._open.append((tag, element_id))
        if element_id:
            self.by_id.setdefault(element_id, [])
        self._start(tag, a)

    def _start(self, tag: str, a: dict[str, str]) -> None:
        if tag in _UNSEEN:
            self._unseen += 1
        elif tag == "a":
            self._href, self._link_text, self._link_within = a.get("href", ""), [], self._ids()
        elif tag == "form":
            action, method = a.get("action", ""), a.get("method", "get").lower()
            self._forms.append(Form(action, method, self._ids()))
        elif tag == "label":
            # A label without "for" names the input inside it (see _input).
            self._label_for = a.get("for", "")
            if self._label_for:
                self._labels.setdefault(self._label_for, [])
            else:
                self._labels[""] = []
        elif tag == "textarea":
            self._textarea = Field(a.get("name", ""), "textarea", "", id=a.get("id", ""))
        elif tag == "select":
            self._select = Field(a.get("name", ""), "select", "", id=a.get("id", ""))
            self._selected = False
        elif tag == "option":
            self._option = (a.get("value"), "selected" in a, [])
        elif tag == "button":
            self._button = []
        elif tag in _HEADINGS:
            self._heading = []
        elif tag == "ins":
            self._ins = []
        elif tag == "dt":
            self._term, self._in_term = [], True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or all(t != tag for t, _ in self._open):
            return
        while self._open:
            closed, _ = self._open.pop()
            self._close(closed)
            if closed == tag:
                break
        if tag in _BLOCKS:
            self._emit(" ")

    def handle_data(self, data: str) -> None:
        if self._unseen:
            return
        if self._textarea is not None:
            self._textarea.value += data
            return
        if self._select is not None:
            # A closed drop-down shows one option; the steps read options from the field.
            if self._option is not None:
                self._option[2].append(data)
            return
        self._emit(data)
        for buffer in (self._link_text, self._button, self._heading, self._ins):
            if buffer is not None:
                buffer.append(data)
        if self._label_for is not None:
            self._labels[self._label_for].append(data)
        if self._in_term:
            self._term.append(data)

    def finished_forms(self) -> list[Form]:
        """The forms, each field with the words of its label."""
        for form in self._forms:
            for f in form.fields:
                f.label = words("".join(self._labels.get(f.id, [])))
        return self._forms

    def _ids(self) -> tuple[str, ...]:
        return tuple(i for _, i in self._open if i)

    def _emit(self, text: str) -> None:
        if self._unseen:
            return
        self.chunks.append(text)
        for _, element_id in self._open:
            if element_id:
                self.by_id[element_id].append(text)

    def _input(self, a: dict[str, str]) -> None:
        kind = a.get("type", "text").lower()
        if not self._forms or kind in ("submit", "button", "reset"):
            return
        field_id = a.get("id", "")
        if self._label_for == "" and field_id:
            # Inside a label without "for": the label's words so far, and the rest, are its.
            self._labels[field_id] = self._labels.pop("", [])
            self._label_for = field_id
        checked = "checked" in a
        self._forms[-1].fields.append(
            Field(a.get("name", ""), kind, a.get("value", ""), checked, field_id)
        )

    def _close(self, tag: str) -> None:
        if tag in _UNSEEN:
            self._unseen -= 1
        elif tag == "a" and self._href is not None:
            text = words("".join(self._link_text))
            self.links.append(Link(self._href, text, self._link_within))
            self._href = None
        elif tag == "label":
            self._label_for = None
        elif tag == "textarea" and self._textarea is not None:
            self._close_textarea(self._textarea)
        elif tag == "option" and self._option is not None:
            self._close_option(self._option)
        elif tag == "select" and self._select is not None:
            self._close_select(self._select)
        elif tag == "button" and self._button is not None:
            if self._forms:
                self._forms[-1].buttons.append(words("".join(self._button)))
            self._button = None
        elif tag in _HEADINGS and self._heading is not None:
            self.headings.append(words("".join(self._heading)))
            self._heading = None
        elif tag == "ins" and self._ins is not None:
            text = words("".join(self._ins))
            self.inserted.append(Inserted(text, self._ids(), words("".join(self._term))))
            self._ins = None
        elif tag == "dt":
            self._in_term = False

    def _close_textarea(self, textarea: Field) -> None:
        # A browser drops the one newline that may follow <textarea>.
        value = textarea.value
        textarea.value = value[1:] if value.startswith("\n") else value
        if self._forms:
            self._forms[-1].fields.append(textarea)
        self._textarea = None

    def _close_option(self, option: tuple[str | None, bool, list[str]]) -> None:
        value, selected, text = option
        label = words("".join(text))
        if self._select is not None:
            self._select.options.append((label if value is None else value, label))
            if selected:
                self._select.value, self._selected = self._select.options[-1][0], True
        self._option = None

    def _close_select(self, select: Field) -> None:
        # With no option marked selected, a browser sends the first.
        if select.options and not self._selected:
            select.value = select.options[0][0]
        if self._forms:
            self._forms[-1].fields.append(select)
        self._select = None
