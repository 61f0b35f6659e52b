"""Geometry for the server-rendered trend charts: plain data in, plain numbers and strings out.

A chart is a line per partner over a run of weeks, drawn as inline SVG by
``templates/checkins/_chart.html`` with no JavaScript. This module does the arithmetic; the
template only places what it is given.

* Weeks are spaced evenly by position, not by date: the first week sits on the left edge of the
  plot, the last on the right edge, and a single week in the middle.
* ``None`` is "no value that week": it breaks the line into runs (one SVG path each) and is never
  drawn as zero. A run of one week is a dot with no line.
* Week labels are thinned to at most ``max_labels`` (8) so they never crowd; the most recent week
  is always labelled. Every week still gets a tick mark and a row in the data table.
* Coordinates are rounded to one decimal place, and path strings are written without float noise
  (``"M40 12.5L100 30"``), so output is deterministic. Render coordinates inside
  ``{% localize off %}``: a German locale would otherwise write ``12,5``.

Importing needs no configured settings; building a chart translates labels in the active language.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Literal

from django.template.defaultfilters import date as date_filter
from django.utils import dateformat
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext, pgettext

from checkins.catalog import Closeness

Position = Literal["a", "b"]
POSITIONS: tuple[Position, ...] = ("a", "b")

DEFAULT_WIDTH = 640
DEFAULT_HEIGHT = 240
MAX_LABELS = 8

# Text metrics for the label margins, in SVG user units (charts.css sets 12px text).
_CHAR_WIDTH = 7
_LABEL_GAP = 8
_MARGIN_TOP = 12
_MARGIN_RIGHT = 28
_MARGIN_BOTTOM = 30
_MIN_MARGIN_LEFT = 36
_TICK_LENGTH = 4
_X_LABEL_OFFSET = 18

# Marker sizes by the room between weeks: (minimum spacing, circle radius, diamond side).
_MARKER_SIZES: tuple[tuple[float, float, float], ...] = ((24, 4.5, 7), (12, 3.5, 5.4), (0, 2.5, 4))

BALANCE_TICKS: tuple[float, ...] = (0, 25, 50, 75, 100)
BALANCE_REFERENCE = 50.0


@dataclass(frozen=True)
class Series:
    """One partner's values, one per week (``None`` where there is nothing that week)."""

    label: str
    position: Position
    values: tuple[float | None, ...]

    def __post_init__(self) -> None:
        if self.position not in POSITIONS:
            raise ValueError(f"position must be 'a' or 'b', not {self.position!r}")


@dataclass(frozen=True)
class PlotArea:
    """The rectangle the data is drawn in, inside the labels' margins."""

    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class XTick:
    """A week on the x axis; ``labelled`` is False for weeks thinned out of the labels."""

    x: float
    week: date
    label: str
    labelled: bool


@dataclass(frozen=True)
class YTick:
    """A horizontal gridline; ``reference`` marks a line to draw dashed (the 50% of balance)."""

    y: float
    value: float
    label: str
    reference: bool = False


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: float
    text: str
    week: date
    week_label: str


@dataclass(frozen=True)
class SeriesGeometry:
    label: str
    position: Position
    paths: tuple[str, ...]
    """SVG path ``d`` strings, one per unbroken run of two or more weeks."""
    points: tuple[Point, ...]

    @property
    def css_class(self) -> str:
        return f"chart-{self.position}"


@dataclass(frozen=True)
class Row:
    """One week of the data table: a cell per series, ``None`` where there is no value."""

    week: date
    label: str
    cells: tuple[str | None, ...]


@dataclass(frozen=True)
class Markers:
    """Marker sizes, smaller when weeks are close together so the lines stay visible.

    Partner a's circles have ``radius``; partner b's diamonds are squares of ``side`` placed at
    ``offset`` (minus half the side) and rotated 45 degrees about the point.
    """

    radius: float
    side: float

    @property
    def offset(self) -> float:
        return -self.side / 2


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    plot: PlotArea
    x_ticks: tuple[XTick, ...]
    y_ticks: tuple[YTick, ...]
    series: tuple[SeriesGeometry, ...]
    rows: tuple[Row, ...]
    y_label_x: float
    """Right edge of the y labels (draw them with ``text-anchor="end"``)."""
    x_label_y: float
    """Baseline of the week labels."""
    tick_end_y: float
    """Lower end of the week tick marks, which start at ``plot.bottom``."""
    markers: Markers
    reference_label: str = ""
    """What the dashed reference line means, for the legend ("Even split")."""

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    @property
    def has_reference(self) -> bool:
        return any(tick.reference for tick in self.y_ticks)

    @property
    def drawn_series(self) -> tuple[tuple[SeriesGeometry, SafeString], ...]:
        """Each series with its markers' SVG, written here rather than by a template loop
        per point (the chart's most repeated markup: a marker and its tooltip per week)."""
        return tuple((one, _markers_svg(one, self.markers)) for one in self.series)

    @property
    def x_axis_svg(self) -> SafeString:
        """A tick mark per week and the labels of the weeks that get one."""
        bottom, end, label_y = (
            _svg_number(v) for v in (self.plot.bottom, self.tick_end_y, self.x_label_y)
        )
        parts = []
        for tick in self.x_ticks:
            x = _svg_number(tick.x)
            parts.append(
                format_html(
                    '<line class="chart-tick" x1="{}" y1="{}" x2="{}" y2="{}"/>', x, bottom, x, end
                )
            )
            if tick.labelled:
                parts.append(
                    format_html(
                        '<text class="chart-label chart-label-x" x="{}" y="{}" '
                        'text-anchor="middle">{}</text>',
                        x,
                        label_y,
                        tick.label,
                    )
                )
        return SafeString("\n".join(parts))

    @property
    def rows_html(self) -> SafeString:
        """The data table's body rows, one per week, the chart's text alternative."""
        return _rows_html(self.rows)


def _svg_number(number: float) -> str:
    """A number as the chart template writes it with localization off."""
    return str(localize(number, use_l10n=False))


def _markers_svg(series: SeriesGeometry, markers: Markers) -> SafeString:
    """A marker per point (circles for partner a, diamonds for partner b), each with its
    tooltip, "Alex, week of 3 Nov: 4 (Close)" (the msgid of the former template)."""
    css = series.css_class
    titles = [
        gettext("%(name)s, week of %(week)s: %(value)s")
        % {"name": series.label, "week": point.week_label, "value": point.text}
        for point in series.points
    ]
    if series.position == "b":
        offset, side = _svg_number(markers.offset), _svg_number(markers.side)
        return format_html_join(
            "\n",
            '<rect class="chart-marker {}" x="{}" y="{}" width="{}" height="{}" '
            'transform="translate({} {}) rotate(45)"><title>{}</title></rect>',
            (
                (css, offset, offset, side, side, _svg_number(p.x), _svg_number(p.y), title)
                for p, title in zip(series.points, titles, strict=True)
            ),
        )
    radius = _svg_number(markers.radius)
    return format_html_join(
        "\n",
        '<circle class="chart-marker {}" cx="{}" cy="{}" r="{}"><title>{}</title></circle>',
        (
            (css, _svg_number(p.x), _svg_number(p.y), radius, title)
            for p, title in zip(series.points, titles, strict=True)
        ),
    )


def _rows_html(rows: Sequence[Row]) -> SafeString:
    missing = format_html(
        '<td><span aria-hidden="true">—</span><span class="visually-hidden">{}</span></td>',
        gettext("No value"),
    )
    return format_html_join(
        "\n",
        '<tr>\n<th scope="row"><time datetime="{}">{}</time></th>\n{}\n</tr>',
        (
            (
                row.week.isoformat(),
                date_filter(row.week),
                SafeString(
                    "\n".join(
                        missing if cell is None else format_html("<td>{}</td>", cell)
                        for cell in row.cells
                    )
                ),
            )
            for row in rows
        ),
    )


def fmt(number: float) -> str:
    """A coordinate for SVG output: one decimal place at most, no float noise, no ``-0``."""
    rounded = round(number, 1)
    if rounded == int(rounded):
        return str(int(rounded))
    return f"{rounded:.1f}"


def week_label(week: date) -> str:
    """A short label such as "3 Nov", in the active language's preferred order."""
    return dateformat.format(week, pgettext("short week label on a chart axis", "j M"))


def label_indices(count: int, max_labels: int = MAX_LABELS) -> frozenset[int]:
    """Evenly spaced indices to label, at most ``max_labels``, always including the last."""
    if count <= 0:
        return frozenset()
    if max_labels < 1:
        raise ValueError("max_labels must be at least 1")
    step = (count - 1) // max_labels + 1
    return frozenset(range(count - 1, -1, -step))


def line_chart(
    *,
    weeks: Sequence[date],
    series: Sequence[Series],
    y_min: float,
    y_max: float,
    y_ticks: Sequence[tuple[float, str]],
    reference: float | None = None,
    reference_label: str = "",
    value_text: Callable[[float], str] = fmt,
    width: int = DEFAULT_WIDTH,
    height: int = DEFAULT_HEIGHT,
    max_labels: int = MAX_LABELS,
) -> LineChart:
    """Lay out one line per series over ``weeks`` (oldest first, at least one).

    ``reference``, if given, must be one of the ``y_ticks`` values: that gridline is flagged to be
    drawn dashed, and ``reference_label`` names it in the legend. ``value_text`` writes a value
    for the data table and the point tooltips. Raises ``ValueError`` for a value outside ``y_min..y_max`` or a series of the wrong length.
    """
    _check_inputs(weeks, series, y_min, y_max, y_ticks, reference)
    plot = _plot_area(width, height, [label for _, label in y_ticks])
    label_format = pgettext("short week label on a chart axis", "j M")
    labels = [dateformat.format(week, label_format) for week in weeks]
    # The same few values recur on every week (ratings 1 to 5): word each one once.
    value_text = functools.cache(value_text)
    xs = _x_positions(len(weeks), plot)
    shown = label_indices(len(weeks), max_labels)

    def y_of(value: float) -> float:
        return round(plot.bottom - (value - y_min) / (y_max - y_min) * plot.height, 1)

    x_ticks = tuple(
        XTick(x=x, week=week, label=label, labelled=index in shown)
        for index, (x, week, label) in enumerate(zip(xs, weeks, labels, strict=True))
    )
    ticks = tuple(
        YTick(y=y_of(value), value=value, label=str(label), reference=value == reference)
        for value, label in sorted(y_ticks, key=lambda tick: tick[0])
    )
    geometry = tuple(_series_geometry(one, xs, weeks, labels, y_of, value_text) for one in series)
    rows = tuple(
        Row(
            week=week,
            label=label,
            cells=tuple(_cell(one.values[index], value_text) for one in series),
        )
        for index, (week, label) in enumerate(zip(weeks, labels, strict=True))
    )
    return LineChart(
        width=width,
        height=height,
        plot=plot,
        x_ticks=x_ticks,
        y_ticks=ticks,
        series=geometry,
        rows=rows,
        y_label_x=plot.left - _LABEL_GAP,
        x_label_y=plot.bottom + _X_LABEL_OFFSET,
        tick_end_y=plot.bottom + _TICK_LENGTH,
        markers=_markers(xs),
        reference_label=reference_label if reference is not None else "",
    )


def rating_chart(
    weeks: Sequence[date],
    series: Sequence[Series],
    *,
    width: int = DEFAULT_WIDTH,
    height: int = DEFAULT_HEIGHT,
) -> LineChart:
    """Closeness ratings on the 1 to 5 scale, gridlines labelled "Far apart" ... "Very close"."""
    return line_chart(
        weeks=weeks,
        series=series,
        y_min=Closeness.FAR_APART.value,
        y_max=Closeness.VERY_CLOSE.value,
        y_ticks=[(choice.value, str(choice.label)) for choice in Closeness],
        value_text=rating_text,
        width=width,
        height=height,
    )


def balance_chart(
    weeks: Sequence[date],
    shares_a: Sequence[float | None],
    *,
    label_a: str,
    label_b: str,
    **options: int,
) -> LineChart:
    """Each partner's share (0 to 100) of the week's written words; partner b's is 100 - a's.

    A week with ``None`` (neither of you wrote anything) is a gap for both lines. The 50% line is
    flagged as the reference: two lines meeting on it means the sharing was even.
    """
    values_a = tuple(shares_a)
    values_b = tuple(None if share is None else 100 - share for share in values_a)
    return line_chart(
        weeks=weeks,
        series=[
            Series(label=label_a, position="a", values=values_a),
            Series(label=label_b, position="b", values=values_b),
        ],
        y_min=0,
        y_max=100,
        y_ticks=[(tick, percent_text(tick)) for tick in BALANCE_TICKS],
        reference=BALANCE_REFERENCE,
        reference_label=gettext("Even split"),
        value_text=percent_text,
        **options,
    )


def rating_text(value: float) -> str:
    """ "4 (Close)" for a whole rating; the plain number for anything else (an average)."""
    if value == int(value) and int(value) in Closeness.values:
        return gettext("%(value)s (%(label)s)") % {
            "value": int(value),
            "label": Closeness(int(value)).label,
        }
    return fmt(value)


def percent_text(value: float) -> str:
    """A share as a whole percentage, halves rounded up: "50%"."""
    return gettext("%(percent)s%%") % {"percent": math.floor(value + 0.5)}


def _check_inputs(
    weeks: Sequence[date],
    series: Sequence[Series],
    y_min: float,
    y_max: float,
    y_ticks: Sequence[tuple[float, str]],
    reference: float | None,
) -> None:
    if not weeks:
        raise ValueError("a chart needs at least one week")
    if any(later <= earlier for earlier, later in pairwise(weeks)):
        raise ValueError("weeks must be in increasing order, without repeats")
    if not (math.isfinite(y_min) and math.isfinite(y_max) and y_min < y_max):
        raise ValueError(f"need finite y_min < y_max, got {y_min!r} and {y_max!r}")
    for value, _label in y_ticks:
        _check_in_range(value, y_min, y_max, "tick")
    if reference is not None and reference not in {value for value, _ in y_ticks}:
        raise ValueError(f"reference {reference!r} must be one of the y_ticks values")
    for one in series:
        if len(one.values) != len(weeks):
            raise ValueError(
                f"series {one.label!r} has {len(one.values)} values for {len(weeks)} weeks"
            )
        for point in one.values:
            if point is not None:
                _check_in_range(point, y_min, y_max, f"value in {one.label!r}")


def _check_in_range(value: float, y_min: float, y_max: float, what: str) -> None:
    if not (math.isfinite(value) and y_min <= value <= y_max):
        raise ValueError(f"{what} {value!r} is outside {y_min!r}..{y_max!r}")


def _plot_area(width: int, height: int, y_labels: Sequence[str]) -> PlotArea:
    longest = max((len(label) for label in y_labels), default=0)
    left = min(max(longest * _CHAR_WIDTH + 2 * _LABEL_GAP, _MIN_MARGIN_LEFT), width // 3)
    plot = PlotArea(
        left=left,
        top=_MARGIN_TOP,
        right=width - _MARGIN_RIGHT,
        bottom=height - _MARGIN_BOTTOM,
    )
    if plot.width <= 0 or plot.height <= 0:
        raise ValueError(f"a {width}x{height} chart leaves no room to plot")
    return plot


def _x_positions(count: int, plot: PlotArea) -> tuple[float, ...]:
    if count == 1:
        return (round(plot.left + plot.width / 2, 1),)
    step = plot.width / (count - 1)
    return tuple(round(plot.left + index * step, 1) for index in range(count))


def _markers(xs: Sequence[float]) -> Markers:
    spacing = min((b - a for a, b in pairwise(xs)), default=math.inf)
    for minimum, radius, side in _MARKER_SIZES:
        if spacing >= minimum:
            return Markers(radius=radius, side=side)
    raise AssertionError("unreachable: the last size has no minimum")


def _series_geometry(
    series: Series,
    xs: Sequence[float],
    weeks: Sequence[date],
    labels: Sequence[str],
    y_of: Callable[[float], float],
    value_text: Callable[[float], str],
) -> SeriesGeometry:
    points: list[Point] = []
    runs: list[list[Point]] = [[]]
    for x, week, label, value in zip(xs, weeks, labels, series.values, strict=True):
        if value is None:
            runs.append([])
            continue
        point = Point(
            x=x, y=y_of(value), value=value, text=value_text(value), week=week, week_label=label
        )
        points.append(point)
        runs[-1].append(point)
    return SeriesGeometry(
        label=series.label,
        position=series.position,
        paths=tuple(_path(run) for run in runs if len(run) >= 2),
        points=tuple(points),
    )


def _path(run: Sequence[Point]) -> str:
    first, *rest = run
    return f"M{fmt(first.x)} {fmt(first.y)}" + "".join(
        f"L{fmt(point.x)} {fmt(point.y)}" for point in rest
    )


def _cell(value: float | None, value_text: Callable[[float], str]) -> str | None:
    return None if value is None else value_text(value)


# --------------------------------------------------------------------------------------------
# Compact variant: a sparkline per part, for the counsellor's summary
# --------------------------------------------------------------------------------------------

SPARK_WIDTH = 160
SPARK_HEIGHT = 40
_SPARK_PAD = 5


@dataclass(frozen=True)
class Sparkline:
    """A small chart with no axes or labels: both partners' lines over the same weeks, a
    faint top and bottom guide (the scale's ends) and the data rows for a text equivalent.
    Drawn by ``templates/counselling/_summary_sparks.html``."""

    width: int
    height: int
    plot: PlotArea
    series: tuple[SeriesGeometry, ...]
    rows: tuple[Row, ...]
    markers: Markers

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def sparkline(
    weeks: Sequence[date],
    series: Sequence[Series],
    *,
    y_min: float = Closeness.FAR_APART.value,
    y_max: float = Closeness.VERY_CLOSE.value,
    value_text: Callable[[float], str] = fmt,
    width: int = SPARK_WIDTH,
    height: int = SPARK_HEIGHT,
) -> Sparkline:
    """Lay out a sparkline over ``weeks`` (oldest first, at least one); the same checks and
    the same ``None`` gaps as ``line_chart``, on a plot with only a small padding."""
    _check_inputs(weeks, series, y_min, y_max, (), None)
    plot = PlotArea(
        left=_SPARK_PAD, top=_SPARK_PAD, right=width - _SPARK_PAD, bottom=height - _SPARK_PAD
    )
    if plot.width <= 0 or plot.height <= 0:
        raise ValueError(f"a {width}x{height} sparkline leaves no room to plot")
    label_format = pgettext("short week label on a chart axis", "j M")
    labels = [dateformat.format(week, label_format) for week in weeks]
    # The same few values recur on every week (ratings 1 to 5): word each one once.
    value_text = functools.cache(value_text)
    xs = _x_positions(len(weeks), plot)

    def y_of(value: float) -> float:
        return round(plot.bottom - (value - y_min) / (y_max - y_min) * plot.height, 1)

    geometry = tuple(_series_geometry(one, xs, weeks, labels, y_of, value_text) for one in series)
    rows = tuple(
        Row(
            week=week,
            label=label,
            cells=tuple(_cell(one.values[index], value_text) for one in series),
        )
        for index, (week, label) in enumerate(zip(weeks, labels, strict=True))
    )
    markers = _markers(xs)
    return Sparkline(
        width=width,
        height=height,
        plot=plot,
        series=geometry,
        rows=rows,
        markers=Markers(radius=min(markers.radius, 2.5), side=min(markers.side, 4)),
    )
