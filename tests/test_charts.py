from __future__ import annotations

import re
from datetime import date, timedelta
from html.parser import HTMLParser
from itertools import pairwise

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from checkins.charts import (
    LineChart,
    Series,
    balance_chart,
    fmt,
    label_indices,
    line_chart,
    rating_chart,
)

START = date(2025, 11, 3)  # a Monday


def weeks(count: int, start: date = START) -> list[date]:
    return [start + timedelta(weeks=index) for index in range(count)]


def pair(values_a: list[float | None], values_b: list[float | None]) -> list[Series]:
    return [
        Series(label="Alex", position="a", values=tuple(values_a)),
        Series(label="Sam", position="b", values=tuple(values_b)),
    ]


def path_points(d: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r"[ML](-?[\d.]+) (-?[\d.]+)", d)]


# --- geometry -------------------------------------------------------------------------------


def test_first_and_last_week_sit_on_the_plot_edges():
    chart = rating_chart(weeks(12), pair([3] * 12, [4] * 12))

    assert chart.x_ticks[0].x == chart.plot.left
    assert chart.x_ticks[-1].x == chart.plot.right
    xs = [tick.x for tick in chart.x_ticks]
    assert xs == sorted(xs)
    assert len(set(xs)) == 12


def test_five_is_at_the_top_and_one_at_the_bottom():
    chart = rating_chart(weeks(2), pair([5, 1], [1, 5]))

    alex, sam = chart.series
    assert [point.y for point in alex.points] == [chart.plot.top, chart.plot.bottom]
    assert [point.y for point in sam.points] == [chart.plot.bottom, chart.plot.top]


def test_rating_gridlines_carry_the_closeness_words():
    chart = rating_chart(weeks(3), pair([1, 2, 3], [3, 4, 5]))

    assert [(tick.value, tick.label) for tick in chart.y_ticks] == [
        (1, "Far apart"),
        (2, "A bit distant"),
        (3, "Okay"),
        (4, "Close"),
        (5, "Very close"),
    ]
    assert chart.y_ticks[0].y == chart.plot.bottom
    assert chart.y_ticks[-1].y == chart.plot.top
    assert not chart.has_reference


def test_the_left_margin_fits_the_longest_tick_label():
    ratings = rating_chart(weeks(2), pair([1, 2], [3, 4]))
    balance = balance_chart(weeks(2), [40, 60], label_a="Alex", label_b="Sam")

    assert ratings.plot.left > balance.plot.left
    assert ratings.y_label_x < ratings.plot.left


def test_a_path_runs_through_every_point_in_order():
    chart = rating_chart(weeks(4), pair([1, 2, 3, 4], [5, 5, 5, 5]))

    alex = chart.series[0]
    assert len(alex.paths) == 1
    assert path_points(alex.paths[0]) == [(point.x, point.y) for point in alex.points]
    assert alex.paths[0].startswith("M")
    assert alex.paths[0].count("L") == 3


def test_gaps_split_the_line_into_runs():
    chart = rating_chart(
        weeks(7), pair([1, 2, None, 4, 5, None, 3], [None, None, None, None, None, None, 2])
    )

    alex, sam = chart.series
    assert len(alex.paths) == 2
    assert [len(path_points(d)) for d in alex.paths] == [2, 2]
    # The lone last value is a dot without a line, never a zero.
    assert len(alex.points) == 5
    assert sam.paths == ()
    assert [point.value for point in sam.points] == [2]
    assert [point.week for point in sam.points] == [weeks(7)[6]]


def test_a_gap_is_not_drawn_as_the_minimum():
    chart = rating_chart(weeks(3), pair([3, None, 3], [None, None, None]))

    alex = chart.series[0]
    assert all(point.value == 3 for point in alex.points)
    assert alex.paths == ()
    assert chart.rows[1].cells == (None, None)


def test_a_single_week_is_a_dot_in_the_middle():
    chart = rating_chart(weeks(1), pair([4], [2]))

    (tick,) = chart.x_ticks
    assert tick.labelled
    assert tick.x == round((chart.plot.left + chart.plot.right) / 2, 1)
    for series in chart.series:
        assert series.paths == ()
        assert len(series.points) == 1
        assert series.points[0].x == tick.x
    assert len(chart.rows) == 1


def test_week_labels_are_short_dates():
    chart = rating_chart([date(2025, 11, 3), date(2025, 11, 10)], pair([3, 3], [3, 3]))

    assert [tick.label for tick in chart.x_ticks] == ["3 Nov", "10 Nov"]
    assert chart.series[0].points[0].week_label == "3 Nov"


def test_fifty_two_weeks_thin_the_labels_out():
    chart = rating_chart(weeks(52), pair([3] * 52, [None] * 52))

    labelled = [tick for tick in chart.x_ticks if tick.labelled]
    assert 2 <= len(labelled) <= 8
    assert chart.x_ticks[-1].labelled  # the most recent week is always named
    assert len(chart.x_ticks) == 52  # every week keeps its tick mark
    assert len(chart.rows) == 52
    gaps = {b.x - a.x for a, b in pairwise(labelled)}
    assert max(gaps) - min(gaps) < 1  # evenly spaced
    assert min(gaps) >= 60  # room for "30 Nov" at 12px


def test_markers_shrink_when_weeks_crowd_together():
    few = rating_chart(weeks(12), pair([3] * 12, [4] * 12)).markers
    many = rating_chart(weeks(52), pair([3] * 52, [4] * 52)).markers
    one = rating_chart(weeks(1), pair([3], [4])).markers

    assert many.radius < few.radius == one.radius
    assert many.side < few.side
    assert few.offset == -few.side / 2


@pytest.mark.parametrize("count", [1, 2, 7, 8, 9, 12, 15, 16, 17, 26, 52, 104, 520])
def test_label_indices_never_exceed_eight_and_keep_the_last(count):
    shown = label_indices(count)

    assert 1 <= len(shown) <= 8
    assert count - 1 in shown
    if count <= 8:
        assert shown == frozenset(range(count))


def test_label_indices_use_most_of_the_budget():
    assert len(label_indices(16)) == 8
    assert len(label_indices(52)) == 8
    assert label_indices(0) == frozenset()


def test_balance_chart_complements_partner_a():
    chart = balance_chart(weeks(4), [25, None, 60.5, 100], label_a="Alex", label_b="Sam")

    alex, sam = chart.series
    assert (alex.position, sam.position) == ("a", "b")
    assert [point.value for point in alex.points] == [25, 60.5, 100]
    assert [point.value for point in sam.points] == [75, 39.5, 0]
    for a, b in zip(alex.points, sam.points, strict=True):
        # Mirror images around the 50% line.
        middle = (chart.plot.top + chart.plot.bottom) / 2
        assert a.y - middle == pytest.approx(middle - b.y, abs=0.1)
    assert [row.cells for row in chart.rows] == [
        ("25%", "75%"),
        (None, None),
        ("61%", "40%"),
        ("100%", "0%"),
    ]


def test_balance_chart_flags_the_fifty_percent_reference():
    chart = balance_chart(weeks(2), [50, 50], label_a="Alex", label_b="Sam")

    references = [tick for tick in chart.y_ticks if tick.reference]
    assert [(tick.value, tick.label) for tick in references] == [(50, "50%")]
    assert references[0].y == (chart.plot.top + chart.plot.bottom) / 2
    assert chart.has_reference
    assert chart.reference_label == "Even split"
    assert [tick.label for tick in chart.y_ticks] == ["0%", "25%", "50%", "75%", "100%"]


def test_rating_cells_name_the_words():
    chart = rating_chart(weeks(2), pair([4, 3.5], [None, 1]))

    assert chart.rows[0].cells == ("4 (Close)", None)
    assert chart.rows[1].cells == ("3.5", "1 (Far apart)")
    assert chart.series[0].points[0].text == "4 (Close)"


def test_output_strings_carry_no_float_noise():
    chart = line_chart(
        weeks=weeks(7),
        series=[Series(label="x", position="a", values=(0.1, 0.2, 0.3, 1 / 3, 2 / 3, 0.7, 0.9))],
        y_min=0,
        y_max=1,
        y_ticks=[(0, "0"), (1, "1")],
        width=601,
        height=203,
    )

    for d in chart.series[0].paths:
        for number in re.findall(r"-?\d+(?:\.\d+)?", d):
            assert re.fullmatch(r"-?\d+(\.\d)?", number), number
            assert not number.endswith(".0")
    for point in chart.series[0].points:
        assert point.x == round(point.x, 1)
        assert point.y == round(point.y, 1)
    assert chart.view_box == "0 0 601 203"


@pytest.mark.parametrize(
    ("number", "text"),
    [(12.000000001, "12"), (0.1 + 0.2, "0.3"), (-0.04, "0"), (7.25, "7.2"), (99.96, "100")],
)
def test_fmt(number, text):
    assert fmt(number) == text


def test_charts_are_deterministic():
    def build() -> LineChart:
        return rating_chart(weeks(12), pair([1, 2, None, 4] * 3, [5, None, 3, 2] * 3))

    assert build() == build()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"weeks": []}, "at least one week"),
        ({"weeks": [START, START]}, "increasing order"),
        ({"series": [Series(label="x", position="a", values=(3,))]}, "1 values for 2 weeks"),
        ({"series": [Series(label="x", position="a", values=(3, 6))]}, "outside"),
        ({"series": [Series(label="x", position="a", values=(3, float("nan")))]}, "outside"),
        ({"y_min": 5, "y_max": 1}, "y_min < y_max"),
        ({"reference": 2.5}, "reference"),
        ({"width": 40}, "no room"),
    ],
)
def test_bad_input_is_refused(kwargs, message):
    arguments = {
        "weeks": weeks(2),
        "series": [],
        "y_min": 1,
        "y_max": 5,
        "y_ticks": [(1, "low"), (5, "high")],
        **kwargs,
    }
    with pytest.raises(ValueError, match=message):
        line_chart(**arguments)


def test_a_series_needs_a_known_position():
    with pytest.raises(ValueError, match="position"):
        Series(label="x", position="c", values=())  # type: ignore[arg-type]


def test_balance_shares_outside_zero_to_hundred_are_refused():
    with pytest.raises(ValueError, match="outside"):
        balance_chart(weeks(1), [120], label_a="Alex", label_b="Sam")


values = st.one_of(st.none(), st.floats(min_value=1, max_value=5, allow_nan=False))


@given(
    data=st.data(),
    count=st.integers(min_value=1, max_value=60),
    width=st.integers(min_value=240, max_value=1200),
    height=st.integers(min_value=120, max_value=600),
)
def test_every_point_lies_inside_the_plot(data, count, width, height):
    series = [
        Series(
            label=label,
            position=position,
            values=tuple(data.draw(st.lists(values, min_size=count, max_size=count))),
        )
        for label, position in (("Alex", "a"), ("Sam", "b"))
    ]

    chart = rating_chart(weeks(count), series, width=width, height=height)

    plot = chart.plot
    assert 0 <= plot.left < plot.right <= width
    assert 0 <= plot.top < plot.bottom <= height
    for one in chart.series:
        coordinates = [(point.x, point.y) for point in one.points]
        coordinates += [xy for d in one.paths for xy in path_points(d)]
        for x, y in coordinates:
            assert plot.left <= x <= plot.right
            assert plot.top <= y <= plot.bottom
        assert len(one.points) == sum(
            value is not None for value in series[0 if one.position == "a" else 1].values
        )
    assert 1 <= sum(tick.labelled for tick in chart.x_ticks) <= 8


@given(shares=st.lists(st.one_of(st.none(), st.floats(0, 100)), min_size=1, max_size=30))
def test_balance_lines_always_add_up_to_a_hundred(shares):
    chart = balance_chart(weeks(len(shares)), shares, label_a="Alex", label_b="Sam")

    alex, sam = chart.series
    assert len(alex.points) == len(sam.points)
    for a, b in zip(alex.points, sam.points, strict=True):
        assert a.value + b.value == pytest.approx(100)
        assert a.x == b.x


# --- the template ---------------------------------------------------------------------------


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside <tbody> rows."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def find(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def render(chart: LineChart, **context: object) -> str:
    return render_to_string(
        "checkins/_chart.html",
        {
            "chart": chart,
            "title": "Emotional closeness",
            "description": "Both of you felt closer over the last weeks.",
            "table_caption": "Emotional closeness ratings by week",
            "id_prefix": "chart-emotional",
            **context,
        },
    )


def parse(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    return parser


def test_the_svg_is_a_labelled_image():
    html = render(rating_chart(weeks(5), pair([1, 2, None, 4, 5], [3, 3, 3, None, 2])))

    elements = parse(html)
    (svg,) = [attrs for attrs in elements.find("svg") if attrs.get("role") == "img"]
    ids = {attrs["id"] for _, attrs in elements.tags if attrs.get("id")}
    labelled_by = (svg["aria-labelledby"] or "").split()
    assert labelled_by == ["chart-emotional-title", "chart-emotional-desc"]
    assert set(labelled_by) <= ids
    assert svg["viewbox"] == "0 0 640 240"
    assert '<title id="chart-emotional-title">Emotional closeness</title>' in html
    assert "Both of you felt closer" in html


def test_without_a_description_only_the_title_labels_the_svg():
    html = render(rating_chart(weeks(2), pair([1, 2], [3, 3])), description="")

    (svg,) = [attrs for attrs in parse(html).find("svg") if attrs.get("role") == "img"]
    assert svg["aria-labelledby"] == "chart-emotional-title"
    assert "<desc" not in html


def test_the_template_draws_runs_points_and_gridlines():
    chart = rating_chart(weeks(5), pair([1, 2, None, 4, 5], [3, 3, 3, None, 2]))
    elements = parse(render(chart))

    paths = elements.find("path")
    assert [p["d"] for p in paths if "chart-a" in (p["class"] or "")] == list(chart.series[0].paths)
    assert [p["d"] for p in paths if "chart-b" in (p["class"] or "")] == list(chart.series[1].paths)
    assert all(p["fill"] == "none" for p in paths)
    # Partner a: circles; partner b: dashed line and diamonds (not colour alone).
    data_circles = [c for c in elements.find("circle") if c.get("cx") != "16"]
    assert len(data_circles) == 4
    diamonds = [r for r in elements.find("rect") if "translate(16 6)" not in (r["transform"] or "")]
    assert len(diamonds) == 4
    assert all("rotate(45)" in (r["transform"] or "") for r in diamonds)
    assert all(p.get("stroke-dasharray") for p in paths if "chart-b" in (p["class"] or ""))
    assert not any(p.get("stroke-dasharray") for p in paths if "chart-a" in (p["class"] or ""))
    grid = [line for line in elements.find("line") if line["class"] == "chart-grid"]
    assert len(grid) == 5


def test_the_template_has_no_inline_styles():
    html = render(balance_chart(weeks(3), [20, None, 50], label_a="Alex", label_b="Sam"))

    assert "style=" not in html
    assert "<style" not in html
    assert "<script" not in html


def test_the_balance_reference_line_is_dashed_and_in_the_legend():
    html = render(balance_chart(weeks(3), [20, None, 50], label_a="Alex", label_b="Sam"))

    references = [line for line in parse(html).find("line") if line["class"] == "chart-ref"]
    assert len(references) == 2  # the 50% gridline and its legend swatch
    assert "Even split" in html


def test_the_table_has_a_row_per_week_and_a_column_per_partner():
    chart = rating_chart(weeks(6), pair([1, None, 3, 4, 5, 2], [2, 2, None, 4, 4, 4]))
    html = render(chart)

    table = html[html.index("<details") : html.index("</details>")]
    assert "<summary>Show the numbers</summary>" in table
    assert "<caption>Emotional closeness ratings by week</caption>" in table
    body = table[table.index("<tbody>") : table.index("</tbody>")]
    assert body.count("<tr>") == 6
    assert body.count('<th scope="row">') == 6
    assert table.count('<th scope="col">') == 3
    assert body.count("—") == 2
    assert '<time datetime="2025-11-03">' in body
    assert "3 (Okay)" in body


def test_the_legend_is_html():
    html = render(rating_chart(weeks(2), pair([1, 2], [3, 3])))

    legend = html[html.index('<ul class="chart-legend">') : html.index("</ul>")]
    assert "<span>Alex</span>" in legend
    assert "<span>Sam</span>" in legend


def test_labels_are_escaped():
    series = [
        Series(label="<script>alert(1)</script>", position="a", values=(3, 4)),
        Series(label="Sam & Co", position="b", values=(2, None)),
    ]
    html = render(rating_chart(weeks(2), series), title="<b>Title</b>")

    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>Title</b>" not in html
    assert "Sam &amp; Co" in html


def test_ids_are_unique_per_chart_on_a_page():
    chart = rating_chart(weeks(2), pair([1, 2], [3, 3]))
    page = render(chart, id_prefix="chart-emotional") + render(chart, id_prefix="chart-physical")

    ids = [attrs["id"] for _, attrs in parse(page).tags if attrs.get("id")]
    assert len(ids) == len(set(ids)) == 6


def test_coordinates_stay_dotted_under_a_decimal_comma_locale():
    chart = balance_chart(
        weeks(7), [12.34, 40, 33.3, None, 66.6, 50, 71.1], label_a="A", label_b="B"
    )

    with translation.override("de"):
        html = render(chart)

    elements = parse(html)
    svg = html[
        html.index('<svg class="chart-svg"') : html.index("</svg>", html.index('role="img"'))
    ]
    assert re.search(r'="\d+,\d', svg) is None
    for circle in elements.find("circle"):
        float(circle["cx"] or "")
        float(circle["cy"] or "")


def test_each_marker_sits_on_its_point_with_its_week_and_value_as_tooltip():
    chart = rating_chart(weeks(4), pair([1, None, 3, 4], [2, 2, None, 5]))
    html = render(chart)

    a, b = chart.series
    circles = [c for c in parse(html).find("circle") if c.get("cx") != "16"]
    assert [(c["cx"], c["cy"]) for c in circles] == [(str(p.x), str(p.y)) for p in a.points]
    diamonds = [r for r in parse(html).find("rect") if "translate(16 6)" not in r["transform"]]
    assert [r["transform"] for r in diamonds] == [
        f"translate({p.x} {p.y}) rotate(45)" for p in b.points
    ]
    for series in chart.series:
        for point in series.points:
            title = f"<title>{series.label}, week of {point.week_label}: {point.text}</title>"
            assert title in html
    ticks = [line for line in parse(html).find("line") if line["class"] == "chart-tick"]
    assert [t["x1"] for t in ticks] == [str(t.x) for t in chart.x_ticks]
    labels = re.findall(r'<text class="chart-label chart-label-x"[^>]*>([^<]*)</text>', html)
    assert labels == [t.label for t in chart.x_ticks if t.labelled]
