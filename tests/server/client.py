"""A member's minimal browser: signs in, keeps its cookie, reads forms off pages, posts them."""

import http.client
import time
import uuid
from collections.abc import Collection
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from tests.server.server import Person

TIMEOUT = 30.0
KEY_FIELD = "submission"


@dataclass
class Answer:
    """What the server said, or why nothing came back (status None: the answer was lost)."""

    status: int | None
    body: str = ""
    location: str = ""
    error: str = ""
    seconds: float = 0.0

    @property
    def lost(self) -> bool:
        """No answer: the connection was refused, reset or timed out."""
        return self.status is None


@dataclass
class Form:
    """One form on a page: where it posts and what a browser would send as it stands."""

    action: str
    method: str
    id: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    options: dict[str, list[str]] = field(default_factory=dict)  # selects, checkboxes, radios

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
            elif kind not in ("submit", "button", "image", "reset", "file"):
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


@dataclass
class Submission:
    """One form a member sent: what it was, its key, and every answer it got."""

    member: str
    kind: str
    marker: str
    key: str
    path: str
    fields: list[tuple[str, str]]
    status: int | None = None  # the answer that counted: the last one that came back
    error: str = ""
    lost: int = 0  # sends whose answer was lost
    answers: list[int | None] = field(default_factory=list)  # each send's, None if lost
    sent_at: list[float] = field(default_factory=list)  # when each send began (epoch seconds)
    replays: list[int | None] = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        """Recorded, as the server said (a 303 to the page, or 200 with the fragment)."""
        return self.status is not None and 200 <= self.status < 400

    @property
    def refused(self) -> bool:
        """Refused as the member's mistake or a stale basis (4xx): nothing to store."""
        return self.status is not None and 400 <= self.status < 500


def marker() -> str:
    """A unique mark to put in a submission's text, to find it in the store."""
    return f"[sub:{uuid.uuid4().hex}]"


class Member:
    """One signed-in person's HTTP client: its cookies, the pages it read, what it sent."""

    def __init__(self, port: int, person: Person, timeout: float = TIMEOUT) -> None:
        self.port = port
        self.person = person
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.pages: list[tuple[str, int | None, float]] = []  # path, status, seconds
        self.posts: list[tuple[str, int | None, float]] = []
        self.signed_in = False
        self.posting = 0  # POSTs in flight: a crash test kills a worker while one is
        self.sent: list[Submission] = []

    def request(
        self, method: str, path: str, fields: list[tuple[str, str]] | None = None
    ) -> Answer:
        """One request on a fresh connection; redirects are not followed."""
        headers = {"Connection": "close"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.monotonic()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode(errors="replace")
        except (OSError, http.client.HTTPException) as error:
            return Answer(None, error=repr(error), seconds=time.monotonic() - started)
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            self._keep(header)
        return Answer(
            response.status,
            text,
            response.getheader("Location") or "",
            "",
            time.monotonic() - started,
        )

    def _keep(self, header: str) -> None:
        cookie: SimpleCookie = SimpleCookie()
        cookie.load(header)
        for name, morsel in cookie.items():
            gone = morsel["max-age"] == "0" or not morsel.value or "1970" in morsel["expires"]
            if gone:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value

    def get(self, path: str) -> Answer:
        """GET a page, noting its status and time."""
        answer = self.request("GET", path)
        self.pages.append((path, answer.status, answer.seconds))
        return answer

    def forms(self, path: str) -> tuple[Answer, list[Form]]:
        """GET a page and the forms on it."""
        answer = self.get(path)
        return answer, forms_in(answer.body) if answer.status == 200 else []

    def sign_in(self, attempts: int = 20) -> None:
        """Sign in through the page, CSRF token and all (retried while answers are lost)."""
        for _ in range(attempts):
            answer, forms = self.forms("/signin")
            form = next((f for f in forms if f.action.startswith("/signin")), None)
            if form is not None:
                form.set(form.name_ending("email"), self.person.email)
                form.set(form.name_ending("password"), self.person.password)
                done = self.request("POST", form.action, form.fields)
                if done.status == 303:
                    self.signed_in = True
                    return
                if done.status is not None:
                    raise AssertionError(
                        f"{self.person.email} could not sign in: {done.status} {done.body[:500]}"
                    )
            time.sleep(0.2)
        raise AssertionError(f"{self.person.email} could not sign in: {answer.error}")

    def prepare(self, kind: str, form: Form, text_field: str, text: str, mark: str) -> Submission:
        """Fill in a form's text with a marked text; the page's submission key, or a new one."""
        fields = [(n, v) for n, v in form.fields if n != text_field] + [(text_field, text)]
        key = form.key()
        if not key:
            # The page has no key yet: send one, as the page will, so replays share it.
            key = uuid.uuid4().hex
            fields.append((KEY_FIELD, key))
        path = urlsplit(form.action).path + (
            "?" + urlsplit(form.action).query if urlsplit(form.action).query else ""
        )
        submission = Submission(self.person.email, kind, mark, key, path, fields)
        self.sent.append(submission)
        return submission

    def post(self, submission: Submission) -> Answer:
        """POST a submission's fields, noting the status and time."""
        self.posting += 1
        try:
            answer = self.request("POST", submission.path, submission.fields)
        finally:
            self.posting -= 1
        self.posts.append((submission.path, answer.status, answer.seconds))
        return answer

    def send(self, submission: Submission) -> Answer:
        """Post a submission; the latest answer that came back is its status."""
        submission.sent_at.append(time.time())
        answer = self.post(submission)
        submission.answers.append(answer.status)
        if answer.lost:
            submission.lost += 1
            submission.error = answer.error
        else:
            submission.status = answer.status
        return answer

    def send_until_answered(
        self, submission: Submission, deadline: float, again: Collection[int] = ()
    ) -> Answer:
        """Post, and post the same submission again while the answer is lost (or its status
        is one of `again`, say 503 while the database is down), backing off, until `deadline`."""
        answer = self.send(submission)
        pause = 0.1
        while (answer.lost or answer.status in again) and time.monotonic() < deadline:
            time.sleep(pause)
            pause = min(pause * 2, 1.0)
            answer = self.send(submission)
        return answer

    def replay(self, submission: Submission) -> Answer:
        """Send a submission once more, same key and all, as a retry or double click would."""
        answer = self.post(submission)
        submission.replays.append(answer.status)
        return answer
