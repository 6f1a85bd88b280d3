"""Reading pages and filling in forms the way a person using a browser would.

The steps drive the app through Flask's test client: they follow links by their
words, fill in fields by their names, tick boxes by their labels, submit forms by
their buttons, and read the text a person would see. Nothing here knows the app's
routes; only the markup conventions every page shares (a field's messages sit in
the element whose id is the field's id plus "-errors").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict
from werkzeug.test import TestResponse

# Elements that start a new line on screen: their edges become spaces in the text.
_BLOCKS = frozenset(
    {
        *("address", "article", "aside", "br", "dd", "details", "div", "dl", "dt"),
        *("fieldset", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6"),
        *("header", "hr", "label", "legend", "li", "main", "nav", "ol", "p", "section"),
        *("small", "summary", "table", "td", "th", "tr", "ul"),
    }
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    | {"track", "wbr"}
)
_UNSEEN = frozenset({"head", "script", "style", "template"})
_HEADINGS = frozenset({"h1", "h2", "h3"})


def words(text: str) -> str:
    """Text with its runs of whitespace made single spaces, as a browser shows it."""
    return " ".join(text.split())


@dataclass
class Field:
    """One input or text area of a form."""

    name: str
    kind: str
    value: str
    checked: bool = False
    id: str = ""
    label: str = ""


@dataclass
class Form:
    """A form on a page, ready to be filled in and submitted."""

    action: str
    method: str
    fields: list[Field] = field(default_factory=list)
    buttons: list[str] = field(default_factory=list)

    def fill(self, name: str, value: str) -> None:
        """Type `value` into the field called `name`, replacing what was there."""
        matches = [f for f in self.fields if f.name == name and f.kind != "checkbox"]
        assert len(matches) == 1, f"expected one field {name!r}, found {len(matches)}"
        matches[0].value = value

    def tick(self, label_starts: str) -> None:
        """Tick the one checkbox whose label starts with `label_starts`."""
        boxes = [
            f for f in self.fields if f.kind == "checkbox" and f.label.startswith(label_starts)
        ]
        offered = [f.label for f in self.fields if f.kind == "checkbox"]
        assert len(boxes) == 1, f"expected one box labelled {label_starts!r}, offered {offered}"
        boxes[0].checked = True

    def data(self) -> MultiDict[str, str]:
        """What the browser would send: every named field, ticked boxes only."""
        sent: MultiDict[str, str] = MultiDict()
        for f in self.fields:
            if f.name and (f.kind != "checkbox" or f.checked):
                sent.add(f.name, f.value)
        return sent


@dataclass(frozen=True)
class Link:
    """A link: where it goes and the words on it."""

    href: str
    text: str


@dataclass(frozen=True)
class Inserted:
    """Text a page marks as added, with the ids around it and the term it sits under."""

    text: str
    within: tuple[str, ...]
    term: str


@dataclass
class Page:
    """A page as a person reads it."""

    url: str
    status: int
    html: str
    text: str = ""
    headings: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)
    inserted: list[Inserted] = field(default_factory=list)
    by_id: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, url: str, response: TestResponse) -> Page:
        """Read a response's HTML into the words, links and forms on the page."""
        html = response.get_data(as_text=True)
        reader = _Reader()
        reader.feed(html)
        reader.close()
        return cls(
            url=url,
            status=response.status_code,
            html=html,
            text=words("".join(reader.chunks)),
            headings=reader.headings,
            links=reader.links,
            forms=reader.finished_forms(),
            inserted=reader.inserted,
            by_id={key: words("".join(parts)) for key, parts in reader.by_id.items()},
        )

    def link(self, text_starts: str) -> Link:
        """The first link whose words start with `text_starts`."""
        for link in self.links:
            if link.text.startswith(text_starts):
                return link
        raise AssertionError(f"no link {text_starts!r} on {self.url}: {self.links}")

    def form(self, button: str) -> Form:
        """The form submitted with the button that says `button`."""
        for form in self.forms:
            if button in form.buttons:
                return form
        raise AssertionError(f"no form with a {button!r} button on {self.url}")

    def has_form(self, button: str) -> bool:
        """Whether the page offers a form submitted with the button `button`."""
        return any(button in form.buttons for form in self.forms)

    def messages_next_to(self, label_starts: str) -> str:
        """The messages shown next to the one field labelled `label_starts`, in any form."""
        found = [
            f
            for form in self.forms
            for f in form.fields
            if f.label.lower().startswith(label_starts.lower())
        ]
        assert len(found) == 1, f"expected one field labelled {label_starts!r}, found {found}"
        return self.by_id.get(f"{found[0].id}-errors", "")


@dataclass
class Submission:
    """What happened when a form was sent: the answer, where it led, what was written."""

    status: int
    page: Page
    written: int


@dataclass
class Browser:
    """A person at a browser, on the app behind `client`."""

    client: FlaskClient
    app: Flask
    page: Page | None = None

    def visit(self, url: str) -> Page:
        """Open the page at `url`."""
        path = urlsplit(url)._replace(scheme="", netloc="", fragment="").geturl()
        self.page = Page.read(path, self.client.get(path))
        assert self.page.status == 200, f"{path} answered {self.page.status}"
        return self.page

    def follow(self, text_starts: str) -> Page:
        """Click the link whose words start with `text_starts` on the current page."""
        assert self.page is not None, "no page is open"
        return self.visit(self.page.link(text_starts).href)

    def form(self, button: str) -> Form:
        """The form on the current page that is sent with the button `button`."""
        assert self.page is not None, "no page is open"
        return self.page.form(button)

    def submit(self, form: Form) -> Submission:
        """Send a form, and follow where the app sends the browser next."""
        return self.send(form.action, form.data())

    def send(self, url: str, data: Mapping[str, str] | MultiDict[str, str]) -> Submission:
        """Post `data` to `url` as a form would, counting the events it wrote."""
        before = self.log_position()
        response = self.client.post(url, data=data)
        written = self.log_position() - before
        if response.status_code in (302, 303) and response.location:
            page = self.visit(response.location)
        else:
            self.page = page = Page.read(url, response)
        return Submission(response.status_code, page, written)

    def log_position(self) -> int:
        """How many events the app has recorded so far."""
        return self.app.extensions["learnloop"].app.recorder.max_notification_id() or 0

    def recording_as(self) -> str | None:
        """The name the header says this browser is recording as."""
        page = self.page or self.visit("/")
        marker = "Recording as "
        if marker not in page.text:
            return None
        return page.text.split(marker, 1)[1].split(" · ", 1)[0]

    def become(self, actor: str) -> None:
        """Say who is recording, through the page for it, unless already that person."""
        if self.recording_as() == actor:
            return
        assert self.page is not None
        self.follow("change")
        form = self.form("Continue")
        form.fill("actor", actor)
        sent = self.submit(form)
        assert sent.status == 303, f"could not record as {actor}: {sent.page.text}"
        assert self.recording_as() == actor


class _Reader(HTMLParser):
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
        self._link_text: list[str] = []
        self._label_for: str | None = None
        self._textarea: Field | None = None
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
        if tag in _UNSEEN:
            self._unseen += 1
        elif tag == "a":
            self._href, self._link_text = a.get("href", ""), []
        elif tag == "form":
            self._forms.append(Form(a.get("action", ""), a.get("method", "get").lower()))
        elif tag == "label":
            self._label_for = a.get("for", "")
            self._labels.setdefault(self._label_for, [])
        elif tag == "textarea":
            self._textarea = Field(a.get("name", ""), "textarea", "", id=a.get("id", ""))
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
        checked = "checked" in a
        self._forms[-1].fields.append(
            Field(a.get("name", ""), kind, a.get("value", ""), checked, a.get("id", ""))
        )

    def _close(self, tag: str) -> None:
        if tag in _UNSEEN:
            self._unseen -= 1
        elif tag == "a" and self._href is not None:
            self.links.append(Link(self._href, words("".join(self._link_text))))
            self._href = None
        elif tag == "label":
            self._label_for = None
        elif tag == "textarea" and self._textarea is not None:
            # A browser drops the one newline that may follow <textarea>.
            value = self._textarea.value
            self._textarea.value = value[1:] if value.startswith("\n") else value
            if self._forms:
                self._forms[-1].fields.append(self._textarea)
            self._textarea = None
        elif tag == "button" and self._button is not None:
            if self._forms:
                self._forms[-1].buttons.append(words("".join(self._button)))
            self._button = None
        elif tag in _HEADINGS and self._heading is not None:
            self.headings.append(words("".join(self._heading)))
            self._heading = None
        elif tag == "ins" and self._ins is not None:
            within = tuple(i for _, i in self._open if i)
            self.inserted.append(Inserted(words("".join(self._ins)), within, self._term_text()))
            self._ins = None
        elif tag == "dt":
            self._in_term = False

    def _term_text(self) -> str:
        return words("".join(self._term))
