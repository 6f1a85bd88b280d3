"""The measure pages through the web layer: defining a measure, recording its values (typed,
pasted, uploaded), correcting them and setting its chart's lines, plain and with htmx."""

import io
import re
from collections.abc import Mapping
from datetime import date
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.clock import today
from tests.conftest import join, register, sign_in
from tests.web.conftest import HX, events_in, services_of
from tests.web.hostile_values import MEASURE

DEFINED = {
    "name": "Discharges before noon",
    "definition": "Patients home before 12:00 over all discharges, Ward 7",
    "unit": "%",
    "kind": "outcome",
    "better": "up",
    "period": "week",
    "ratio": "y",
    "target": "40",
    "target_by": "2027-03-31",
}
COUNTED = {**DEFINED, "name": "Falls", "unit": "falls", "period": "month", "ratio": ""}


@pytest.fixture
def group(app: Flask, ann: UUID) -> UUID:
    s = services_of(app)
    formed = s.app.form_group("Ward 7", "More discharges before noon", str(ann))
    s.caught_up(formed.notification_id)
    return formed.id


def define(client: FlaskClient, group: UUID, fields: dict[str, str] = DEFINED) -> str:
    """Define a measure through its form; its page's path."""
    defined = client.post(f"/groups/{group}/measures", data=fields)
    assert defined.status_code == 303, defined.text
    return str(defined.headers["Location"])


def point_ids(html: str) -> list[str]:
    return re.findall(r"/points/([0-9a-f]{32})\"", html)


def answer(client: FlaskClient, url: str, data: Mapping[str, object], htmx: bool) -> str:
    """Post, and the page (or htmx fragment) that answers it."""
    posted = client.post(url, data=data, headers=HX if htmx else {})
    if htmx:
        assert posted.status_code == 200, posted.text
        return posted.text
    assert posted.status_code == 303, posted.text
    return client.get(posted.headers["Location"]).text


def test_a_group_without_measures_says_what_a_measure_is_and_offers_the_form(
    client: FlaskClient, group: UUID
) -> None:
    page = client.get(f"/groups/{group}/measures").text
    assert "No measures yet. A measure is a number the group counts" in page
    assert "Define a measure" in page
    assert f'href="/groups/{group}/measures"' in client.get(f"/groups/{group}").text


def test_a_defined_measure_is_listed_with_its_latest_value_and_target(
    client: FlaskClient, group: UUID
) -> None:
    measure = define(client, group)
    client.post(
        f"{measure}/points",
        data={
            "point_form-day": "2025-11-05",
            "point_form-numerator": "3",
            "point_form-denominator": "20",
        },
    )
    listed = client.get(f"/groups/{group}/measures").text
    assert "Discharges before noon" in listed
    assert "15.0%" in listed
    assert "week of 3 November 2025" in listed
    assert "40.0%" in listed
    assert "by 31 March 2027" in listed
    shown = client.get(measure).text
    assert "3 of 20" in shown
    assert "Groups</a> \N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK}" in shown
    assert ">Measures</a>" in shown


def test_a_refused_definition_is_given_back_with_the_reason_beside_its_field(
    client: FlaskClient, app: Flask, group: UUID
) -> None:
    before = events_in(app)
    refused = client.post(f"/groups/{group}/measures", data={**DEFINED, "name": ""})
    assert refused.status_code == 422
    assert "Enter the measure&#39;s name." in refused.text
    assert DEFINED["definition"] in refused.text
    assert events_in(app) == before


def test_a_definition_without_its_choices_says_which_to_make(
    client: FlaskClient, app: Flask, group: UUID
) -> None:
    unchosen = {k: v for k, v in DEFINED.items() if k not in ("better", "period")}
    refused = client.post(f"/groups/{group}/measures", data=unchosen)
    assert refused.status_code == 422
    assert "Say whether up or down is better, or neither." in refused.text
    assert "Say how often it is counted: each day, week or month." in refused.text


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_one_value_is_recorded_and_shown_with_its_unit_by_month(
    client: FlaskClient, group: UUID, htmx: bool
) -> None:
    measure = define(client, group, COUNTED)
    page = answer(
        client,
        f"{measure}/points",
        {"point_form-day": "2025-11-20", "point_form-value": "7"},
        htmx,
    )
    assert "November 2025" in page
    assert "7 falls" in page
    if htmx:
        assert page.lstrip().startswith('<section id="data"')
        assert 'id="chart"' in page
        assert 'hx-swap-oob="true"' in page


def test_a_measure_page_with_its_chart_uses_each_id_once(client: FlaskClient, group: UUID) -> None:
    measure = define(client, group, COUNTED)
    data = {"point_form-day": "2025-11-20", "point_form-value": "7"}
    page = answer(client, f"{measure}/points", data, htmx=False)
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert "chart" in ids
    assert [i for i in set(ids) if ids.count(i) > 1] == []


def test_a_value_dated_after_today_is_refused_beside_the_date(
    client: FlaskClient, app: Flask, group: UUID
) -> None:
    measure = define(client, group, COUNTED)
    before = events_in(app)
    tomorrow = date.fromordinal(today().toordinal() + 1).isoformat()
    refused = client.post(
        f"{measure}/points", data={"point_form-day": tomorrow, "point_form-value": "7"}
    )
    assert refused.status_code == 422
    assert "The date cannot be after today." in refused.text
    assert events_in(app) == before


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_pasted_rows_are_recorded_and_the_page_says_how_many(
    client: FlaskClient, group: UUID, htmx: bool
) -> None:
    measure = define(client, group, COUNTED)
    rows = "Month\tFalls\nNov 2025\t12\nDec 2025\t14\n"
    page = answer(client, f"{measure}/points/paste", {"paste_form-rows": rows}, htmx)
    assert "2 points recorded." in page
    assert "December 2025" in page
    assert "14 falls" in page
    again = answer(client, f"{measure}/points/paste", {"paste_form-rows": rows}, htmx)
    assert "Nothing new: every row was already recorded." in again


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_a_paste_with_bad_rows_is_refused_whole_listing_each_row_and_keeping_the_text(
    client: FlaskClient, app: Flask, group: UUID, htmx: bool
) -> None:
    measure = define(client, group, COUNTED)
    rows = "2025-11-01,12\nsoon,3\n2025-12-01,lots\n2026-01-01,9\n"
    before = events_in(app)
    refused = client.post(
        f"{measure}/points/paste", data={"paste_form-rows": rows}, headers=HX if htmx else {}
    )
    assert refused.status_code == 422
    assert "Nothing was recorded: 2 rows need fixing." in refused.text
    assert "<li>Line 2, date: “soon” is not a date</li>" in refused.text
    assert "<li>Line 3, value: “lots” is not a number</li>" in refused.text
    assert "2025-11-01,12\nsoon,3\n2025-12-01,lots" in refused.text  # kept in the textarea
    assert refused.text.count("Nothing was recorded") == 1  # said once, by the field
    summary = refused.text.split('id="error-summary"')[1].split("</div>")[0]
    assert '<a href="#paste_form-rows">Line 2, date: “soon” is not a date</a>' in summary
    assert events_in(app) == before


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_an_uploaded_csv_from_excel_is_recorded(
    client: FlaskClient, group: UUID, htmx: bool
) -> None:
    measure = define(client, group)
    excel = "Week,Before noon,Discharges\r\n03/11/2025,3,20\r\n10/11/2025,5,22\r\n"
    upload = (io.BytesIO(excel.encode("utf-8-sig")), "discharges.csv")
    page = answer(client, f"{measure}/points/upload", {"upload_form-file": upload}, htmx)
    assert "2 points recorded." in page
    assert "22.7%" in page
    assert "5 of 22" in page


def test_a_csv_in_windows_1252_is_read_and_a_bad_row_in_it_named(
    client: FlaskClient, app: Flask, group: UUID
) -> None:
    measure = define(client, group, COUNTED)
    data = "Month,Falls\nNov 2025,12\nDéc 2025,3\n".encode("cp1252")
    before = events_in(app)
    refused = client.post(
        f"{measure}/points/upload", data={"upload_form-file": (io.BytesIO(data), "falls.csv")}
    )
    assert refused.status_code == 422
    assert "Line 3, date: “Déc 2025” is not a date" in refused.text
    assert refused.text.count("Nothing was recorded") == 1
    assert events_in(app) == before


def test_a_file_over_the_cap_is_refused_saying_the_cap(
    client: FlaskClient, app: Flask, group: UUID
) -> None:
    measure = define(client, group, COUNTED)
    big = io.BytesIO(b"2025-11-01,1\n" * 30_000)
    refused = client.post(f"{measure}/points/upload", data={"upload_form-file": (big, "big.csv")})
    assert refused.status_code == 422
    assert "The file must be at most 256 KB." in refused.text


def test_a_file_anywhere_else_is_still_refused(
    client: FlaskClient, app: Flask, group: UUID
) -> None:
    measure = define(client, group, COUNTED)
    sent = {"paste_form-rows": "2025-11-01,1", "extra": (io.BytesIO(b"x"), "x.csv")}
    assert client.post(f"{measure}/points/paste", data=sent).status_code == 413


def test_a_replayed_paste_records_once(client: FlaskClient, app: Flask, group: UUID) -> None:
    measure = define(client, group, COUNTED)
    sent = {"paste_form-rows": "2025-11-01,4\n2025-12-01,5", "submission": "k" * 20}
    first = client.post(f"{measure}/points/paste", data=sent)
    after_first = events_in(app)
    again = client.post(f"{measure}/points/paste", data=sent)
    assert (first.status_code, again.status_code) == (303, 303)
    assert events_in(app) == after_first
    assert "These rows were recorded when this form was first sent." in client.get(measure).text


def test_a_replayed_upload_of_another_file_is_a_new_submission(
    client: FlaskClient, app: Flask, group: UUID
) -> None:
    measure = define(client, group, COUNTED)
    for rows in (b"2025-11-01,4\n", b"2025-12-01,5\n"):
        sent = {"upload_form-file": (io.BytesIO(rows), "f.csv"), "submission": "k" * 20}
        assert client.post(f"{measure}/points/upload", data=sent).status_code == 303
    assert "December 2025" in client.get(measure).text


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_a_point_is_corrected_left_out_marked_noted_and_withdrawn_each_version_kept(
    client: FlaskClient, group: UUID, htmx: bool
) -> None:
    measure = define(client, group, COUNTED)
    client.post(
        f"{measure}/points/paste", data={"paste_form-rows": "2025-11-01,12\n2025-12-01,80"}
    )
    point = f"{measure}/points/{point_ids(client.get(measure).text)[1]}"
    steps = [
        ("correct", {"correct_form-value": "18", "correct_form-reason": "Typed 80 for 18"}),
        ("exclude", {"exclude_form-reason": "Norovirus closure"}),
        ("include", {"include_form-reason": "Closure was short"}),
        ("astronomical", {"astronomical_form-reason": "Flood"}),
        ("notes", {"note_form-text": "New rota began"}),
        ("withdraw", {"withdraw_form-reason": "Duplicate month"}),
    ]
    for path, data in steps:
        page = answer(client, f"{point}/{path}", data, htmx)
        if htmx:
            assert page.lstrip().startswith("<")
            assert 'id="point"' in page
    shown = client.get(point).text
    for words in ("Recorded", "80 falls", "Corrected", "18 falls", "Typed 80 for 18"):
        assert words in shown
    for words in ("Norovirus closure", "Closure was short", "Flood", "New rota began"):
        assert words in shown
    assert "Duplicate month" in shown
    assert "withdrawn" in shown
    assert "Withdraw it</summary>" not in shown  # nothing more to do to a withdrawn point
    assert "<del>18 falls</del>" in client.get(measure).text


def test_the_correction_form_starts_from_the_value_as_it_stands(
    client: FlaskClient, group: UUID
) -> None:
    measure = define(client, group)
    day = {"point_form-day": "2025-11-05"}
    client.post(
        f"{measure}/points",
        data={**day, "point_form-numerator": "3", "point_form-denominator": "20"},
    )
    point = f"{measure}/points/{point_ids(client.get(measure).text)[0]}"
    shown = client.get(point).text
    assert re.search(r'id="correct_form-numerator"[^>]* value="3.0"', shown)
    assert re.search(r'id="correct_form-denominator"[^>]* value="20.0"', shown)


def test_a_correction_to_the_same_value_is_refused_beside_the_value(
    client: FlaskClient, app: Flask, group: UUID
) -> None:
    measure = define(client, group, COUNTED)
    client.post(f"{measure}/points/paste", data={"paste_form-rows": "2025-11-01,12"})
    point = f"{measure}/points/{point_ids(client.get(measure).text)[0]}"
    before = events_in(app)
    refused = client.post(
        f"{point}/correct",
        data={"correct_form-value": "12", "correct_form-reason": "Recount"},
        headers=HX,
    )
    assert refused.status_code == 422
    assert "The value is unchanged" in refused.text
    assert events_in(app) == before


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_a_baseline_and_a_new_phase_are_listed_with_their_reasons(
    client: FlaskClient, group: UUID, htmx: bool
) -> None:
    measure = define(client, group, COUNTED)
    client.post(f"{measure}/points/paste", data={"paste_form-rows": "2025-10-01,9\n2025-11-01,12"})
    first = {"baseline_form-first": "2", "baseline_form-reason": "Before the change"}
    page = answer(client, f"{measure}/baseline", first, htmx)
    assert "Baseline frozen on the points up to November 2025" in page
    assert "Before the change" in page
    phase = {"phase_form-start": "2025-12-01", "phase_form-reason": "Rota adopted"}
    page = answer(client, f"{measure}/phases", phase, htmx)
    assert "New phase from December 2025" in page
    assert "Rota adopted" in page
    if htmx:
        assert page.lstrip().startswith('<section id="lines"')


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_a_revised_definition_keeps_its_history_with_the_reason(
    client: FlaskClient, group: UUID, htmx: bool
) -> None:
    measure = define(client, group, COUNTED)
    revised = {
        f"revise_form-{k}": v for k, v in COUNTED.items() if k not in ("period", "ratio")
    } | {"revise_form-definition": "Falls with harm", "revise_form-reason": "Harm matters"}
    page = answer(client, f"{measure}/definition", revised, htmx)
    assert "How the definition changed (2 versions)" in page
    assert "Falls with harm</textarea>" in page  # the form to revise it again holds it
    assert "Harm matters" in page
    assert "Falls with harm" in page


def test_a_point_id_that_is_not_32_hex_digits_is_not_found(
    client: FlaskClient, group: UUID
) -> None:
    measure = define(client, group, COUNTED)
    for odd in ("x" * 32, "A" * 32, "a" * 31, "a" * 33, "0" * 32):
        assert client.get(f"{measure}/points/{odd}").status_code == 404, odd


@pytest.fixture
def measured(app: Flask, ann: UUID, group: UUID) -> tuple[str, str]:
    """A measure of Ann's group with two points: its page's path and a point's."""
    s = services_of(app)
    measure = s.app.define_measure(group, MEASURE, str(ann)).id
    s.app.import_points(measure, "2025-11-01,12\n2025-12-01,9", "paste", str(ann))
    s.caught_up(events_in(app))
    point: str = next(iter(s.app.repository.get(measure).points))
    return f"/measures/{measure}", f"/measures/{measure}/points/{point}"


def posts(group: UUID, measure: str, point: str) -> dict[str, Mapping[str, object]]:
    """Every post of the measure pages, with a body the group's members may send."""
    return {
        f"/groups/{group}/measures": COUNTED,
        f"{measure}/definition": {"revise_form-name": "N", "revise_form-reason": "R"},
        f"{measure}/points": {"point_form-day": "2024-01-01", "point_form-value": "3"},
        f"{measure}/points/paste": {"paste_form-rows": "2024-02-01,4"},
        f"{measure}/points/upload": {"upload_form-file": (io.BytesIO(b"2024-03-01,4"), "f.csv")},
        f"{measure}/baseline": {"baseline_form-first": "1", "baseline_form-reason": "R"},
        f"{measure}/phases": {"phase_form-start": "2024-01-01", "phase_form-reason": "R"},
        f"{point}/correct": {"correct_form-value": "5", "correct_form-reason": "R"},
        f"{point}/withdraw": {"withdraw_form-reason": "R"},
        f"{point}/exclude": {"exclude_form-reason": "R"},
        f"{point}/include": {"include_form-reason": "R"},
        f"{point}/astronomical": {"astronomical_form-reason": "R"},
        f"{point}/notes": {"note_form-text": "T"},
    }


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_a_sponsor_reads_every_measure_page_and_may_post_to_none(
    app: Flask, ann: UUID, group: UUID, measured: tuple[str, str], htmx: bool
) -> None:
    s = services_of(app)
    sponsor = register(s.app, "Sam Sponsor")
    join(s.app, group, sponsor, "sponsor", ann)
    s.caught_up(events_in(app))
    client = sign_in(app.test_client(), sponsor)
    measure, point = measured
    for page in (f"/groups/{group}/measures", measure, point):
        shown = client.get(page)
        assert shown.status_code == 200, page
        assert 'method="post" action="/measures' not in shown.text, page
        assert 'action="/groups/' not in shown.text, page
    before = events_in(app)
    for url, body in posts(group, measure, point).items():
        refused = client.post(url, data=body, headers=HX if htmx else {})
        assert refused.status_code == 403, url
    assert events_in(app) == before


def test_someone_outside_the_group_finds_no_measure_page_and_posts_nothing(
    app: Flask, group: UUID, measured: tuple[str, str]
) -> None:
    client = sign_in(app.test_client(), register(services_of(app).app, "Olga Outsider"))
    measure, point = measured
    for page in (f"/groups/{group}/measures", measure, point):
        assert client.get(page).status_code == 404, page
    before = events_in(app)
    for url, body in posts(group, measure, point).items():
        assert client.post(url, data=body).status_code == 404, url
    assert events_in(app) == before


def test_a_point_of_another_measure_is_not_found_under_this_one(
    client: FlaskClient, app: Flask, group: UUID, measured: tuple[str, str]
) -> None:
    measure, point = measured
    other = define(client, group, COUNTED)
    moved = point.replace(measure, other)
    assert client.get(moved).status_code == 404
    before = events_in(app)
    assert client.post(f"{moved}/notes", data={"note_form-text": "T"}).status_code == 404
    assert events_in(app) == before


def test_a_hostile_unit_is_shown_escaped(client: FlaskClient, group: UUID) -> None:
    measure = define(client, group, {**COUNTED, "unit": "<b>falls</b>"})
    client.post(
        f"{measure}/points", data={"point_form-day": "2024-01-01", "point_form-value": "3"}
    )
    for page in (measure, f"/groups/{group}/measures"):
        shown = client.get(page).text
        assert "&lt;b&gt;falls&lt;/b&gt;" in shown
        assert "<b>falls" not in shown
