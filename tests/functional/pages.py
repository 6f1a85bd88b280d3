"""Reading pages and filling in forms the way a person using a browser would.

The steps drive the app through Flask's test client: they follow links by their
words, fill in fields by their names, tick boxes and choose options by their labels,
submit forms by their buttons, and read the text a person would see. Nothing here
knows the app's routes; only the markup conventions every page shares (a field's
messages sit in the element whose id is the field's id plus "-error"; the header
says who is "Signed in as" and has a "Sign out" button).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from eventsourcing.utils import get_topic
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict
from werkzeug.test import TestResponse

from domain.submissions import Submission as Receipt
from tests.functional.parts import Form, Inserted, Link, words
from tests.functional.reader import Reader

RECEIPT = get_topic(Receipt.Received)


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

    @property
    def signed_in_as(self) -> str | None:
        """The name the header says is signed in, or None if no one is."""
        found = re.search(r"Signed in as (.+?)(?: · Accounts)? Sign out\b", self.text)
        return found[1] if found else None

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
        return self.by_id.get(f"{found[0].id}-error", "")


@dataclass
class Submission:
    """What happened when a form was sent: the answer, where it led, what was written."""

    status: int
    page: Page
    written: int


@dataclass(frozen=True)
class Credentials:
    """What a person signs in with."""

    email: str
    password: str


@dataclass
class Browser:
    """A person at a browser, on the app behind `client`, signing in as the people it knows."""

    client: FlaskClient
    app: Flask
    page: Page | None = None
    accounts: dict[str, Credentials] = field(default_factory=dict)  # by the person's name

    def visit(self, url: str) -> Page:
        """Open the page at `url`, following redirects as a browser does."""
        path = urlsplit(url)._replace(scheme="", netloc="", fragment="").geturl()
        response = self.client.get(path, follow_redirects=True)
        arrived = urlsplit(response.request.url)._replace(scheme="", netloc="").geturl()
        self.page = Page.read(arrived, response)
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

    def submit(self, form: Form, htmx: bool = False) -> Submission:
        """Send a form, and follow where the app sends the browser next.

        With `htmx`, send it as htmx does from a page that uses it: the answer is then
        the part of the page that changed, not a redirect.
        """
        # A form with no action is sent to the page it is on.
        action = form.action or (self.page.url if self.page else "/")
        if form.method == "get":  # a search: its fields become the query of the page asked for
            page = self.visit(f"{action}?{urlencode(list(form.data().items(multi=True)))}")
            return Submission(page.status, page, 0)
        return self.send(action, form.data(), htmx)

    def send(
        self, url: str, data: Mapping[str, str] | MultiDict[str, str], htmx: bool = False
    ) -> Submission:
        """Post `data` to `url` as a form would, counting the events it wrote."""
        headers = {}
        if htmx:
            here = self.page.url if self.page else "/"
            headers = {"HX-Request": "true", "HX-Current-URL": f"http://localhost{here}"}
        before = self.log_position()
        response = self.client.post(url, data=data, headers=headers)
        written = self.recorded_since(before)
        if response.status_code in (302, 303) and response.location:
            page = self.visit(response.location)
        else:
            self.page = page = Page.read(url, response)
            page.posted = True
        return Submission(response.status_code, page, written)

    def log_position(self) -> int:
        """How many events the app has recorded so far."""
        return self.app.extensions["learnloop"].app.recorder.max_notification_id() or 0

    def recorded_since(self, position: int) -> int:
        """How many events of the record were written after `position` (a form's key,
        stored beside what it changed, is not one of them)."""
        recorder = self.app.extensions["learnloop"].app.recorder
        after = recorder.select_notifications(position, 10_000, inclusive_of_start=False)
        return sum(1 for n in after if n.topic != RECEIPT)

    def signed_in_as(self) -> str | None:
        """The name the header says is signed in, or None if no one is."""
        if self.page is None or self.page.posted:
            # A page answering a post may be part of a page: open a whole one.
            self.visit("/")
        assert self.page is not None
        return self.page.signed_in_as

    def sign_out(self) -> None:
        """Sign out with the button in the header."""
        if self.signed_in_as() is None:
            return
        sent = self.submit(self.form("Sign out"))
        assert sent.status == 303, sent.page.text
        assert self.signed_in_as() is None, sent.page.text

    def sign_in(self, name: str) -> None:
        """Sign in as `name`, with the email and password they chose."""
        assert name in self.accounts, (
            f"{name} has no account: say in the Background who they are in the group"
        )
        credentials = self.accounts[name]
        self.sign_out()
        assert self.page is not None
        if not self.page.has_form("Sign in"):
            self.visit("/")  # a signed-out visitor is sent to sign in
        form = self.form("Sign in")
        form.fill("email", credentials.email)
        form.fill("password", credentials.password)
        sent = self.submit(form)
        assert sent.status == 303, f"{name} could not sign in: {sent.page.text}"
        assert self.signed_in_as() == name, sent.page.text

    def become(self, name: str) -> None:
        """Be signed in as `name`: unless already, sign out and sign in as them."""
        if self.signed_in_as() != name:
            self.sign_in(name)
