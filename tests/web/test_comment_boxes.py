"""An entry's comment box holds its form only once opened: a cycle page lists many
entries, and drawing a form for each was a third of the page's time."""

from uuid import UUID

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from projections.tables import entries
from tests.builders import plan
from tests.web.conftest import HX, events_in, services_of


def _cycle_with_an_entry(app: Flask, ann: UUID) -> tuple[UUID, UUID]:
    s = services_of(app)
    group = s.app.form_group("Ward 7", "Home before noon", str(ann)).id
    cycle = s.app.open_cycle(group, plan(), str(ann)).id
    s.app.record_observation(cycle, "Porters came at <b>ten</b>", str(ann))
    s.caught_up(events_in(app))
    with s.engine.connect() as conn:
        entry = conn.execute(
            sa.select(entries.c.id).where(entries.c.cycle_id == cycle)
        ).scalar_one()
    return cycle, entry


def test_an_entrys_box_fetches_its_form_and_links_to_it_without_javascript(
    app: Flask, client: FlaskClient, ann: UUID
) -> None:
    cycle, entry = _cycle_with_an_entry(app, ann)
    page = client.get(f"/cycles/{cycle}").text
    form_page = f"/cycles/{cycle}/comments/new?on={entry.hex}"
    assert f'hx-get="{form_page}"' in page
    assert f'<a href="{form_page}">Write a comment</a>' in page
    assert f'name="c{entry.hex}-text"' not in page  # no form drawn until the box opens
    assert 'name="cplan-text"' in page  # the plan's one box keeps its form

    fragment = client.get(form_page, headers=HX)
    assert fragment.status_code == 200
    assert fragment.text.lstrip().startswith('<form method="post"')
    assert f'name="c{entry.hex}-text"' in fragment.text
    assert 'hx-target="#journal"' in fragment.text

    whole = client.get(form_page)
    assert whole.status_code == 200
    assert "<h1>Comment on an entry</h1>" in whole.text
    assert "Porters came at &lt;b&gt;ten&lt;/b&gt;" in whole.text
    assert f'name="c{entry.hex}-text"' in whole.text
    assert "hx-post" not in whole.text.split("<h1>", 1)[1]  # a plain form: lands on the cycle


def test_a_comment_from_its_own_page_lands_on_the_cycle_and_a_refused_one_keeps_the_box_open(
    app: Flask, client: FlaskClient, ann: UUID
) -> None:
    cycle, entry = _cycle_with_an_entry(app, ann)
    on = entry.hex
    sent = client.post(f"/cycles/{cycle}/comments?on={on}", data={f"c{on}-text": "Which porter?"})
    assert sent.status_code == 303
    assert sent.headers["Location"].endswith(f"/cycles/{cycle}#journal")
    assert "Which porter?" in client.get(f"/cycles/{cycle}").text

    refused = client.post(
        f"/cycles/{cycle}/comments?on={on}", data={f"c{on}-text": ""}, headers=HX
    )
    assert refused.status_code == 422
    box = refused.text.split(f'id="comments-{on}"', 1)[1]
    assert '<details class="inline-form" open' in box.replace("\n      ", " ")
    assert f'name="c{on}-text"' in box


def test_a_box_for_what_is_not_an_entry_of_the_cycle_is_not_found(
    app: Flask, client: FlaskClient, ann: UUID
) -> None:
    cycle, entry = _cycle_with_an_entry(app, ann)
    other, _ = _cycle_with_an_entry(app, ann)
    assert client.get(f"/cycles/{other}/comments/new?on={entry.hex}").status_code == 404
    assert client.get(f"/cycles/{cycle}/comments/new?on=plan").status_code == 404
    assert client.get(f"/cycles/{cycle}/comments/new").status_code == 404


def test_a_comment_half_typed_in_a_box_is_kept_when_another_journal_form_posts(
    app: Flask, client: FlaskClient, ann: UUID
) -> None:
    cycle, entry = _cycle_with_an_entry(app, ann)
    on = entry.hex
    drafts = {f"c{on}-text": "Which porter was"}  # what htmx includes from the journal
    sent = {"act_form-kind": "observation", "act_form-text": "Beds free at 11", **drafts}
    answer = client.post(f"/cycles/{cycle}/entries", data=sent, headers=HX)
    assert answer.status_code == 200
    box = answer.text.split(f'id="comments-{on}"', 1)[1].split("</details>", 1)[0]
    assert '<details class="inline-form" open' in box
    assert "Which porter was</textarea>" in box
