"""Reading pages and filling in forms the way a person using a browser would.

The steps drive the app through Flask's test client: they follow links by their
words, fill in fields by their names, tick boxes and choose options by their labels,
submit forms by their buttons, and read the text a person would see. Nothing here
knows the app's routes; only the markup conventions every page shares (a field's
messages sit in the element whose id is the field's id plus "-errors").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict
from werkzeug.test import TestResponse

from tests.functional.parts import Form, Inserted, Link, words
from tests.functional.reader import Reader


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
    posted: bool = False  # the answer to a post that did not redirect

    @classmethod
    def read(cls, url: str, response: TestResponse) -> Page:
        """Read a response's HTML into the words, links and forms on the page."""
        html = response.get_data(as_text=True)
        reader = Reader()
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

    def link(self, text_starts: str, within: str = "") -> Link:
        """The first link whose words start with `text_starts`, inside element `within`."""
        for link in self.links:
            if link.text.startswith(text_starts) and (not within or within in link.within):
                return link
        raise AssertionError(f"no link {text_starts!r} on {self.url}: {self.links}")

    def form(self, button: str, within: str = "") -> Form:
        """The form submitted with the button that says `button`, inside element `within`."""
        for form in self.forms:
            if button in form.buttons and (not within or within in form.within):
                return form
        raise AssertionError(f"no form with a {button!r} button on {self.url}")

    def has_form(self, button: str, within: str = "") -> bool:
        """Whether the page offers a form submitted with the button `button`."""
        return any(
            button in form.buttons and (not within or within in form.within) for form in self.forms
        )

    def region(self, id_starts: str, showing: str) -> str:
        """The id of the one element, its id starting `id_starts`, that shows `showing`."""
        found = [
            key
            for key, text in self.by_id.items()
            if key.startswith(id_starts) and words(showing) in text
        ]
        assert len(found) == 1, f"expected one {id_starts}… showing {showing!r}, found {found}"
        return found[0]

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

    def follow(self, text_starts: str, within: str = "") -> Page:
        """Click the link whose words start with `text_starts` on the current page."""
        assert self.page is not None, "no page is open"
        return self.visit(self.page.link(text_starts, within).href)

    def form(self, button: str, within: str = "") -> Form:
        """The form on the current page that is sent with the button `button`."""
        assert self.page is not None, "no page is open"
        return self.page.form(button, within)

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
            page.posted = True
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
        if self.page is None or self.page.posted:
            # A page answering a post has no address to come back to: start afresh.
            self.visit("/")
        if self.recording_as() == actor:
            return
        self.follow("change")
        form = self.form("Continue")
        form.fill("actor", actor)
        sent = self.submit(form)
        assert sent.status == 303, f"could not record as {actor}: {sent.page.text}"
        assert self.recording_as() == actor
