"""A refused form, as the GOV.UK error pattern draws it: a summary first, linking to each
field; "Error: " in the title of a whole page; each message above its input."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from flask.testing import FlaskClient

from tests.web.conftest import HX, Made
from tests.web.opening import start

NO_OBJECTIVE = {"objective": " ", "questions-0-question": "Will it work?"}


@dataclass
class Drawn:
    """What a refused page draws, in document order."""

    ids: list[str] = field(default_factory=list)  # every element's id, in order
    links: list[str] = field(default_factory=list)  # the summary's links' targets
    items: int = 0  # the summary's entries
    messages: list[str] = field(default_factory=list)  # each field message's id
    title: str = ""


class Reader(HTMLParser):
    """Reads ids, the error summary's links and the title out of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.drawn, self.in_summary, self.in_title = Drawn(), 0, False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.drawn.ids.append(str(found["id"]))
        if found.get("id") == "error-summary":
            self.in_summary = 1
        elif self.in_summary and tag == "div":
            self.in_summary += 1
        if self.in_summary and tag == "li":
            self.drawn.items += 1
        if self.in_summary and tag == "a":
            self.drawn.links.append(str(found["href"]))
        if "error-message" in (found.get("class") or "").split():
            self.drawn.messages.append(str(found["id"]))
        self.in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        if self.in_summary and tag == "div":
            self.in_summary -= 1
        self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.drawn.title += data


def drawn(html: str) -> Drawn:
    reader = Reader()
    reader.feed(html)
    return reader.drawn


def questions_page(client: FlaskClient, made: Made) -> str:
    """The questions page of a new cycle's draft (opening a cycle asks a page at a time)."""
    return start(client, made.group_id).replace("/objective", "/questions")


# A prediction with no question, and a question with no prediction: two messages.
TWO_WRONG = {"questions-0-question": "Will it work?", "questions-1-prediction": "Half"}


@pytest.mark.parametrize("headers", [{}, HX], ids=["plain", "htmx"])
def test_a_refused_form_opens_with_a_summary_linking_each_message_to_its_field(
    client: FlaskClient, made: Made, headers: dict[str, str]
) -> None:
    posted = client.post(questions_page(client, made), data=TWO_WRONG, headers=headers)
    assert posted.status_code == 422
    page = drawn(posted.text)
    assert page.links == ["#questions-0-prediction", "#questions-1-question"]
    assert page.items == len(page.messages) == 2  # one entry a message, each a link
    assert all(link[1:] in page.ids for link in page.links)
    # The summary comes first in the form, before the page's heading and fields.
    assert page.ids.index("error-summary") < page.ids.index("questions")
    assert 'role="alert" tabindex="-1" aria-labelledby="error-summary-title"' in posted.text
    assert '<h2 id="error-summary-title">There is a problem</h2>' in posted.text


def test_a_radio_group_is_linked_by_its_first_option(client: FlaskClient, made: Made) -> None:
    posted = client.post(f"/groups/{made.group_id}/cycles/new", data={"method": "not-a-method"})
    assert posted.status_code == 422
    page = drawn(posted.text)
    assert "#method-0" in page.links
    assert "method-0" in page.ids
    assert 'id="method" aria-describedby="method-error"' in posted.text


def test_a_refusal_by_the_domain_is_in_the_summary_too(client: FlaskClient, made: Made) -> None:
    opened = client.post(
        f"/groups/{made.group_id}/cycles",
        data={"objective": "New", "questions-0-question": "Q", "questions-0-prediction": "P"},
    )
    refused = client.post(
        f"{opened.headers['Location']}/reflections",
        data={"reflection_form-text": "Too early"},
        headers=HX,
    )
    assert refused.status_code == 422
    summary = refused.text.split('id="error-summary"')[1].split("</div>")[0]
    assert "<li>Record at least one observation from acting before reflecting.</li>" in summary


def test_a_whole_page_with_a_refused_form_is_titled_error(client: FlaskClient, made: Made) -> None:
    url = f"/groups/{made.group_id}/cycles/new"
    assert drawn(client.get(url).text).title.startswith("Which method will the group follow?")
    refused = client.post(url, data={"method": "not-a-method"})
    assert drawn(refused.text).title.startswith("Error: Which method will the group follow?")
    plan = client.post(f"/groups/{made.group_id}/cycles", data=NO_OBJECTIVE)
    assert drawn(plan.text).title.startswith("Error: Check your plan")


def test_a_refused_sign_in_is_titled_error_with_its_summary(client: FlaskClient) -> None:
    client.post("/signout")
    refused = client.post("/signin", data={"email": "", "password": ""})
    assert refused.status_code == 422
    page = drawn(refused.text)
    assert page.title.startswith("Error: ")
    assert page.links == ["#email", "#password"]


def test_each_message_is_above_its_input_and_describes_it(client: FlaskClient, made: Made) -> None:
    refused = client.post(start(client, made.group_id), data={"objective": " "})
    html = refused.text
    label = html.index('<label for="objective">')
    message = html.index('<p class="error-message" id="objective-error">')
    field = html.index('<input aria-describedby="objective-hint objective-error"')
    assert label < message < field
    assert '<span class="visually-hidden">Error:</span> Enter the objective.' in html


@pytest.mark.parametrize("headers", [{}, HX], ids=["plain", "htmx"])
def test_what_was_typed_is_escaped_in_the_summary_and_the_messages(
    client: FlaskClient, made: Made, headers: dict[str, str]
) -> None:
    defined = client.post(
        f"/groups/{made.group_id}/measures",
        data={"name": "Falls", "definition": "Falls a month", "unit": "falls"}
        | {"kind": "outcome", "better": "down", "period": "month"},
    )
    assert defined.status_code == 303, defined.text
    hostile = '2025-11-01,12\n<script>alert(1)</script>,"><img src=x onerror=alert(2)>'
    refused = client.post(
        f"{defined.headers['Location']}/points/paste",
        data={"paste_form-rows": hostile},
        headers=headers,
    )
    assert refused.status_code == 422
    summary = refused.text.split('id="error-summary"')[1].split("</div>")[0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in summary  # said, as text
    assert "<script>alert" not in refused.text
    assert "<img src=x" not in refused.text


def test_a_mangled_version_says_the_form_is_out_of_date_with_nothing_to_link_to(
    client: FlaskClient, made: Made
) -> None:
    refused = client.post(
        f"/cycles/{made.cycle_id}/revisions",
        data={"based_on": "two", "objective": "O", "change": "C"}
        | {"questions-0-question": "Q", "questions-0-prediction": "P"},
    )
    assert refused.status_code == 422
    summary = refused.text.split('id="error-summary"')[1].split("</div>")[0]
    assert "<li>This form is out of date: reload the page and try again.</li>" in summary
    assert "Not a valid integer" not in refused.text


def test_a_form_the_page_no_longer_draws_is_summed_up_without_links_to_nowhere(
    client: FlaskClient, made: Made
) -> None:
    # The cycle has moved on to reflecting: the form to record what happened is not drawn.
    refused = client.post(
        f"/cycles/{made.cycle_id}/entries",
        data={"act_form-kind": "observation", "act_form-text": ""},
        headers=HX,
    )
    assert refused.status_code == 422
    page = drawn(refused.text)
    assert "act_form-text" not in page.ids
    assert page.items == 1
    assert page.links == []
    assert "Enter what you did or saw." in refused.text
