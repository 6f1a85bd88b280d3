"""A member's minimal browser: signs in, keeps its cookie, reads forms off pages, posts them."""

import http.client
import time
import uuid
from collections.abc import Collection
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import NamedTuple
from urllib.parse import urlencode, urlsplit

from tests.server.forms import KEY_FIELD, Form, forms_in
from tests.server.world import Person

TIMEOUT = 30.0


@dataclass
class Answer:
    """What the server said, or why nothing came back (status None: the answer was lost)."""

    status: int | None
    body: str = ""
    location: str = ""
    error: str = ""
    seconds: float = 0.0
    retry_after: str = ""  # the Retry-After header (a 503's)

    @property
    def lost(self) -> bool:
        """No answer: the connection was refused, reset or timed out."""
        return self.status is None


class Upload(NamedTuple):
    """A file a form sends: its field, its name and its bytes."""

    field: str
    filename: str
    content: bytes


def multipart(fields: list[tuple[str, str]], files: list[Upload]) -> tuple[bytes, str]:
    """A form with files as a browser sends it: the body and its Content-Type."""
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{n}"\r\n\r\n'.encode() + v.encode()
        for n, v in fields
    ]
    parts += [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{f.field}"; '
        f'filename="{f.filename}"\r\nContent-Type: text/csv\r\n\r\n'.encode()
        + f.content
        for f in files
    ]
    body = b"\r\n".join(parts) + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


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
    files: list[Upload] = field(default_factory=list)  # sent as multipart/form-data

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
        self,
        method: str,
        path: str,
        fields: list[tuple[str, str]] | None = None,
        port: int | None = None,
        files: list[Upload] | None = None,
        timeout: float | None = None,
    ) -> Answer:
        """One request on a fresh connection (to this member's server, or the one on
        `port`), the fields with any files as multipart; redirects are not followed. Waited
        for `timeout` seconds (else the member's own): past it, the answer is lost."""
        headers = {"Connection": "close"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if files:
            body, headers["Content-Type"] = multipart(fields or [], files)
        elif fields is not None:
            body = urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.monotonic()
        connection = http.client.HTTPConnection(
            "127.0.0.1", port or self.port, timeout=timeout or self.timeout
        )
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
            response.getheader("Retry-After") or "",
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
        """Fill in a form's text with a marked text (none if `text_field` is empty: a file
        will be its content); the page's submission key, or a new one."""
        fields = [(n, v) for n, v in form.fields if n != text_field]
        fields += [(text_field, text)] if text_field else []
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

    def post(
        self, submission: Submission, port: int | None = None, timeout: float | None = None
    ) -> Answer:
        """POST a submission's fields (to another server, given its port; waiting `timeout`
        seconds for the answer, given one), noting the status and time."""
        self.posting += 1
        try:
            answer = self.request(
                "POST", submission.path, submission.fields, port, submission.files, timeout
            )
        finally:
            self.posting -= 1
        self.posts.append((submission.path, answer.status, answer.seconds))
        return answer

    def send(self, submission: Submission, timeout: float | None = None) -> Answer:
        """Post a submission (waiting `timeout` seconds for the answer, given one); the
        latest answer that came back is its status."""
        submission.sent_at.append(time.time())
        answer = self.post(submission, timeout=timeout)
        submission.answers.append(answer.status)
        if answer.lost:
            submission.lost += 1
            submission.error = answer.error
        else:
            submission.status = answer.status
        return answer

    def send_until_answered(
        self,
        submission: Submission,
        deadline: float,
        again: Collection[int] = (),
        patience: float | None = None,
    ) -> Answer:
        """Post, and again while the answer is lost or in `again` (say 503), till `deadline`;
        the first answer waited for `patience` seconds, given one (a timeout that loses
        an answer the server goes on to give)."""
        answer = self.send(submission, patience)
        pause = 0.1
        while (answer.lost or answer.status in again) and time.monotonic() < deadline:
            time.sleep(pause)
            pause = min(pause * 2, 1.0)
            answer = self.send(submission)
        return answer

    def replay(self, submission: Submission, port: int | None = None) -> Answer:
        """Send a submission once more, same key and all, as a retry or double click would
        (to another server, given its port: a retry a load balancer sent elsewhere)."""
        answer = self.post(submission, port)
        submission.replays.append(answer.status)
        return answer
