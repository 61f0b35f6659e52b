"""Trends data: each partner's own ratings in their own series, names on both sides, the
plain-words lines, the share of words, and rows for every part either of you answered."""

from __future__ import annotations

import pytest

from accounts.scoping import couple_for
from checkins import comparison
from checkins.comparison import ReactionSlot, Trends, _share_a, dimension_rows
from checkins.models import Answer, CheckIn, Week
from tests.checkin_helpers import history, write_text

pytestmark = pytest.mark.django_db


def _trends(couple, partner_a) -> Trends:
    weeks = list(Week.objects.filter(couple=couple).with_checkins().order_by("-starts_on"))
    return comparison.trends(couple_for(partner_a), weeks, len(weeks))


def test_each_partner_has_their_own_series_name_and_line(couple, partner_a):
    weeks = sorted(history(couple, 5), key=lambda w: w.starts_on)
    for i, week in enumerate(weeks):  # Alex rises from 1 to 5, Sam stays at 3
        Answer.objects.filter(checkin__week=week, checkin__membership__seat=1).update(rating=i + 1)
        Answer.objects.filter(checkin__week=week, checkin__membership__seat=2).update(rating=3)
    found = _trends(couple, partner_a)
    dim, _label, chart = found.rating_charts[0]
    assert dim == "emotional"
    assert [s.label for s in chart.series] == ["Alex", "Sam"]
    assert [tuple(c.split()[0] for c in row.cells) for row in chart.rows] == [
        (f"{i + 1}", "3") for i in range(5)
    ]
    assert found.names == {"a": "Alex", "b": "Sam"}
    assert [s.label for s in found.balance.series] == ["Alex", "Sam"]
    assert found.lines["emotional"].text.startswith("Feeling close has risen for one of you")
    assert found.enough
    assert found.still_needed == 0


def test_the_share_of_words_is_exact_to_a_tenth_and_none_without_words():
    assert _share_a(0, 0) is None
    assert _share_a(1, 2) == 33.3
    assert _share_a(3, 0) == 100.0


def test_a_reaction_slot_without_a_reaction_has_no_label():
    assert ReactionSlot(part="appreciation", reacted="", editable=True).reacted_label == ""


def test_rows_cover_every_part_answered_even_after_one_nobody_answered(couple):
    (week,) = history(couple, 1)
    Answer.objects.filter(checkin__week=week, dimension="experiential").delete()
    mine, theirs = CheckIn.objects.filter(week=week).order_by("membership__seat")
    rows = dimension_rows(mine, theirs)  # no ctx: no reaction slots, still every row
    assert [r.dimension for r in rows] == ["emotional", "intellectual"]


def test_flags_and_bright_spots_keep_their_kind_and_words(couple, partner_a):
    (week,) = history(couple, 1)
    CheckIn.objects.filter(week=week, membership__seat=2).update(appreciation="")
    write_text(
        Answer.objects.filter(checkin__week=week, checkin__membership__seat=2),
        reflection="ok",
        need="",
    )
    recent = list(Week.objects.filter(pk=week.pk).with_checkins())
    ctx = couple_for(partner_a)
    shown = comparison.flags_for_week(ctx, recent)
    assert shown
    assert all(f.explanation and f.explanation != "None" for f in shown)
    spots = comparison.bright_spots_for_week(ctx, recent)
    assert all(isinstance(s.kind, str) and s.kind != "None" for s in spots)
    assert spots
