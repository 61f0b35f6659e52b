"""The one-line summaries under the trend charts and the one-bar sharing balance."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from checkins.trend_words import Move, balance_bar, move, rating_line

START = date(2026, 9, 7)
ratings = st.lists(st.one_of(st.none(), st.integers(1, 5)), min_size=0, max_size=14)


def _dates(n: int) -> list[date]:
    return [START + timedelta(weeks=i) for i in range(n)]


@given(ratings)
def test_reversing_the_scale_turns_a_rise_into_a_dip(values):
    flipped = [None if v is None else 6 - v for v in values]
    found, opposite = move(values), move(flipped)
    assert (found is None) is (opposite is None)
    if found is not None:
        assert opposite == Move(-found)


@given(st.integers(1, 5), st.integers(3, 14))
def test_the_same_rating_every_week_is_steady(value, weeks):
    assert move([value] * weeks) is Move.STEADY


def test_fewer_than_three_ratings_say_nothing():
    assert move([None, 4, None, 2]) is None
    assert rating_line(part="Feeling close", dates=_dates(2), a=[3, 4], b=[2, 5]) is None


def test_the_lines_read_as_the_two_of_you():
    d = _dates(5)
    up, down, flat = [2, 2, 2, 4, 4], [4, 4, 4, 2, 2], [3, 3, 3, 3, 3]
    line = rating_line(part="Feeling close", dates=d, a=up, b=up)
    assert line.text == "Feeling close has risen for both of you since 28 September."
    assert line.since == d[3]
    assert rating_line(part="Sharing ideas", dates=d, a=down, b=down).text == (
        "Sharing ideas has dipped for both of you since 28 September."
    )
    assert rating_line(part="Affection", dates=d, a=flat, b=down).text == (
        "Affection has dipped for one of you since 28 September."
    )
    assert "different directions" in rating_line(part="X", dates=d, a=up, b=down).text
    assert rating_line(part="X", dates=d, a=flat, b=flat).text == "X has held steady lately."


@given(st.data())
def test_a_line_links_to_one_of_the_weeks_and_never_names_a_side(data):
    n = data.draw(st.integers(0, 14))
    a = data.draw(st.lists(st.one_of(st.none(), st.integers(1, 5)), min_size=n, max_size=n))
    b = data.draw(st.lists(st.one_of(st.none(), st.integers(1, 5)), min_size=n, max_size=n))
    line = rating_line(part="Feeling close", dates=_dates(n), a=a, b=b)
    if line is None:
        return
    assert line.since in _dates(n)
    assert line.text.startswith("Feeling close has ")
    for word in ("you rated", "your partner", "lower", "higher", "Alex", "Sam"):
        assert word not in line.text


@given(st.lists(st.tuples(st.integers(0, 500), st.integers(0, 500)), max_size=14))
def test_the_balance_bar_adds_up_and_swapping_sides_mirrors_it(words):
    bar, swapped = balance_bar(words), balance_bar([(b, a) for a, b in words])
    if sum(a + b for a, b in words) == 0:
        assert bar is None
        assert swapped is None
        return
    assert 0 <= bar.share_a <= 100
    assert bar.share_a + bar.share_b == 100
    assert abs(swapped.share_a - bar.share_b) <= 1  # rounding of an exact half
    assert bar.text == swapped.text


def test_the_balance_reads_about_equal_within_ten_points():
    assert "about equally" in balance_bar([(60, 40)]).text
    assert "one of you had more to say" in balance_bar([(61, 39)]).text
