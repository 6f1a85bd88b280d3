"""Charts drawn as SVG on the server: the geometry, and the templates rendered by the app."""

import xml.etree.ElementTree as ET
from datetime import date

import pytest
from flask import Flask, render_template_string

from projections.spc import Baseline, Chart, Observation, Recalculation, analyse
from tests.spc.series import published, week, weekly
from web.charts import Annotation, PointDetail, draw, sparkline
from web.charts.geometry import date_ticks, nice_ticks

SVG = "{http://www.w3.org/2000/svg}"
CHART = '{% from "charts/_chart.html" import chart %}{{ chart(d) }}'
TABLE = '{% from "charts/_data_table.html" import data_table %}{{ data_table(d) }}'
SPARK = '{% from "charts/_sparkline.html" import sparkline %}{{ sparkline(s) }}'


def cdi() -> Chart:
    """The published series as a run chart on its 24-month baseline."""
    observations, _ = published()
    return analyse(
        observations, better="down", changes=[Baseline(observations[23].at)], kind="run"
    )


ANNOTATIONS = [
    Annotation(date(2014, 11, 1), "Cycle 2 opened", "/cycles/2", "cycle"),
    Annotation(date(2013, 6, 15), "Plan revised", "/revisions/7", "revision"),
    Annotation(date(2015, 5, 1), "Ward closed for cleaning", "", "team"),
]


def render(app: Flask, template: str, **context: object) -> str:
    """A template rendered as the app renders pages."""
    with app.test_request_context():
        return render_template_string(template, **context)


def svg_of(html: str) -> ET.Element:
    """The svg element of a rendered chart, parsed as XML."""
    start, end = html.index("<svg"), html.index("</svg>") + len("</svg>")
    return ET.fromstring(  # noqa: S314 - our own rendered markup
        html[start:end].replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"', 1)
    )


def test_the_chart_svg_parses_with_role_title_and_the_description(app: Flask) -> None:
    chart = cdi()
    html = render(
        app, CHART, d=draw(chart, title="C. difficile infections", annotations=ANNOTATIONS)
    )
    svg = svg_of(html)
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "chart-title chart-desc"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title is not None
    assert title.text == "C. difficile infections"
    assert desc is not None
    assert desc.get("id") == "chart-desc"
    assert "15 points in a row below the median" in (desc.text or "")


def test_every_point_is_drawn_and_signal_points_are_diamonds(app: Flask) -> None:
    svg = svg_of(render(app, CHART, d=draw(cdi(), title="CDI")))
    drawn = {p.get("class"): (p.get("d") or "") for p in svg.findall(f"{SVG}path")}
    # One path per kind of marker; each marker starts with a move (M).
    assert {css: d.count("M") for css, d in drawn.items()} == {
        "point": 21,
        "point signal improvement": 15,
    }
    assert drawn["point signal improvement"].count("l6 6l-6 6l-6 -6z") == 15


def test_an_excluded_point_is_a_hollow_ring(app: Flask) -> None:
    chart = analyse(weekly([1.0, 9.0] * 5, excluded=[4]))
    d = draw(chart, title="Rings")
    assert [m.shape for m in d.marks].count("ring") == 1
    svg = svg_of(render(app, CHART, d=d))
    assert [p.get("class") for p in svg.findall(f"{SVG}path")] == ["point", "point excluded"]


def test_each_annotation_is_a_numbered_marker_and_a_link_after_the_svg(app: Flask) -> None:
    html = render(app, CHART, d=draw(cdi(), title="CDI", annotations=ANNOTATIONS))
    svg = svg_of(html)
    numbers = [t.text for g in svg.findall(f"{SVG}g") if "annotation" in (g.get("class") or "")
               for t in g.findall(f"{SVG}text")]  # fmt: skip
    assert numbers == ["1", "2", "3"]
    after = html[html.index("</svg>") :]
    assert (
        '<li class="annotation-revision"><a href="/revisions/7">Plan revised</a>'
        " — 15 June 2013</li>" in after
    )
    assert '<a href="/cycles/2">Cycle 2 opened</a> — 1 November 2014' in after
    # The team's own note links to its point's row in the data table (May 2015 is index 30).
    assert '<a href="#chart-row-30">Ward closed for cleaning</a>' in after


def test_nothing_inside_the_image_is_a_link_or_focusable(app: Flask) -> None:
    html = render(app, CHART, d=draw(cdi(), title="CDI", annotations=ANNOTATIONS))
    inside = html[html.index("<svg") : html.index("</svg>")]
    assert "<a " not in inside
    assert "tabindex" not in inside


def test_user_text_is_escaped_and_nothing_is_styled_or_scripted_inline(app: Flask) -> None:
    hostile = "<script>alert(1)</script>\"'&"
    notes = [Annotation(date(2014, 1, 1), hostile, "/cycles/1", "cycle")]
    details = [PointDetail(note=hostile)] * 36
    d = draw(cdi(), title=hostile, annotations=notes, details=details)
    html = render(app, CHART, d=d) + render(app, TABLE, d=d)
    html += render(app, SPARK, s=sparkline(cdi(), title=hostile))
    assert "<script" not in html
    assert "style=" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    svg_of(render(app, CHART, d=d))  # still well-formed XML


@pytest.mark.parametrize(
    "text",
    ["<b>bold</b>", "]]>", "&amp; &lt;", '"><svg onload=alert(1)>', "{{ 7*7 }}", "Ward 9's ‮"],
)
def test_hostile_measure_names_keep_the_svg_well_formed(app: Flask, text: str) -> None:
    svg = svg_of(render(app, CHART, d=draw(cdi(), title=text)))
    title = svg.find(f"{SVG}title")
    assert title is not None
    assert title.text == text


def test_the_data_table_has_a_row_per_point_with_lines_notes_and_counts(app: Flask) -> None:
    values = [10.0, 12.0] * 8 + [17.0]
    chart = analyse(
        weekly(values, excluded=[3]), better="up", changes=[Baseline(week(15))], period="week"
    )
    details = [PointDetail(numerator=v, denominator=20) for v in values]
    details[3] = PointDetail(numerator=12, denominator=20, note="Audit missed a ward")
    notes = [Annotation(week(16), "New rota", "", "team")]
    html = render(app, TABLE, d=draw(chart, title="Audit", details=details, annotations=notes))
    table = ET.fromstring(html)  # noqa: S314 - our own rendered markup
    assert [th.text for th in table.iter("th")][:7] == [
        "Date", "Value", "Numerator", "Denominator", "Mean", "Lower limit", "Upper limit"
    ]  # fmt: skip
    body = table.find("tbody")
    assert body is not None
    rows = body.findall("tr")
    assert len(rows) == 17
    assert rows[3].get("class") == "excluded"
    assert "Excluded: Audit missed a ward" in ET.tostring(rows[3], encoding="unicode")
    last = ET.tostring(rows[16], encoding="unicode")
    assert rows[16].get("id") == "chart-row-16"
    assert "Signal 1: a point beyond a limit" in last
    assert "Annotation 1: New rota" in last


def test_the_sparkline_shows_the_variation_and_assurance_in_words(app: Flask) -> None:
    chart = analyse(
        weekly([10.0, 12.0] * 8 + [17.0]), better="up", target=5, changes=[Baseline(week(15))]
    )
    html = render(app, SPARK, s=sparkline(chart, title="Audit"))
    svg = svg_of(html)
    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}circle") is not None
    assert "Special cause: improvement" in html
    assert "Target always met" in html


def test_date_ticks_are_readable_month_starts_or_days() -> None:
    ticks = date_ticks(date(2012, 11, 1), date(2015, 10, 1))
    assert len(ticks) <= 8
    assert ticks[0][1] == "Jan 2013"
    assert all(at.day == 1 for at, _ in ticks)
    short = date_ticks(date(2025, 3, 3), date(2025, 3, 31))
    assert short[0] == (date(2025, 3, 3), "3 Mar")


def test_value_ticks_are_round_numbers_covering_the_data() -> None:
    assert nice_ticks(3, 27) == [0, 5, 10, 15, 20, 25, 30]
    assert nice_ticks(0.21, 0.38) == [0.2, 0.25, 0.3, 0.35, 0.4]


def test_a_chart_with_one_point_draws_without_error(app: Flask) -> None:
    chart = analyse([Observation(date(2025, 1, 1), 5)])
    svg_of(render(app, CHART, d=draw(chart, title="New measure")))


def test_a_chart_without_points_draws_an_empty_frame(app: Flask) -> None:
    chart = analyse([])
    svg_of(render(app, CHART, d=draw(chart, title="No data")))
    html = render(app, SPARK, s=sparkline(chart, title="No data"))
    assert "No data yet" in html


def test_upright_lines_mark_where_the_baseline_ends_and_a_new_phase_starts() -> None:
    observations, _ = published()
    chart = analyse(
        observations, changes=[Baseline(observations[11].at), Recalculation(observations[24].at)]
    )
    d = draw(chart, title="CDI")
    xs = [m.x for m in d.marks]
    assert d.boundaries == [round((xs[11] + xs[12]) / 2, 1), round((xs[23] + xs[24]) / 2, 1)]
    assert "where a baseline ends or the lines were recalculated" in d.key
