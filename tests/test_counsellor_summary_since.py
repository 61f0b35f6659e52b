"""'Since your last visit' at the top of the counsellor's summary: the weeks checked in,
rating changes, signs both ticked, shared wishes and whether they were met, follow-up
reactions (kind and part only) and the flags, all within the shared window."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from checkins import charts
from checkins.models import Answer, CheckIn, Reaction, Week
from counselling import summary as summaries
from counselling.models import AccessLogEntry, CounsellorAccess
from counselling.state import consent_state
from tests.checkin_helpers import history, write_text
from tests.counselling_helpers import connect

pytestmark = pytest.mark.django_db


def _summary(access):
    return summaries.summary(consent_state(CounsellorAccess.objects.get(pk=access.pk)))


def _visit(access, counsellor, when):
    return AccessLogEntry.objects.create(
        access=access, counsellor=counsellor, page="summary", viewed_at=when
    )


def test_a_first_visit_covers_everything_shared(couple, counsellor, partner_a, partner_b):
    history(couple, 6)
    access = connect(couple, counsellor, partner_a, partner_b, span="4")
    since = _summary(access).since
    assert since.first_visit
    assert [w.starts_on for w in since.weeks] == summaries.window(
        consent_state(CounsellorAccess.objects.get(pk=access.pk))
    )
    assert since.counts == {"both": 4, "one": 0, "none": 1}  # this week: nobody yet


def test_the_page_reads_the_previous_visit_before_logging_this_one(
    client, couple, counsellor, partner_a, partner_b
):
    history(couple, 3)
    access = connect(couple, counsellor, partner_a, partner_b)
    client.force_login(counsellor)
    url = reverse("counsellor:summary", args=[access.pk])
    first = client.get(url).content.decode()
    assert "Since sharing started" in first
    second = client.get(url).content.decode()
    assert "Since your last visit" in second
    # Only the print view's own visits never count as the previous summary visit.
    client.get(reverse("counsellor:summary_print", args=[access.pk]))
    assert AccessLogEntry.objects.filter(access=access, page="summary").count() == 2


def test_a_later_visit_shows_only_the_weeks_since_and_the_rating_changes(
    couple, counsellor, partner_a, partner_b
):
    made = history(couple, 6)  # made[0] is last week
    access = connect(couple, counsellor, partner_a, partner_b)
    # The counsellor last looked during the week of made[2]: made[1], made[0] and this week
    # have come since. made[3] was the newest revealed week before the visit.
    _visit(access, counsellor, timezone.now() - timedelta(weeks=2, days=-1))
    Week.objects.filter(pk__in=[w.pk for w in made[3:]]).update(
        revealed_at=timezone.now() - timedelta(weeks=3)
    )
    Week.objects.filter(pk__in=[w.pk for w in made[:3]]).update(
        revealed_at=timezone.now() - timedelta(days=1)
    )
    Answer.objects.filter(checkin__week=made[3], dimension="emotional").update(rating=2)
    Answer.objects.filter(
        checkin__week=made[0], checkin__membership__seat=1, dimension="emotional"
    ).update(rating=5)
    since = _summary(access).since
    assert not since.first_visit
    # made[2] was revealed after the visit (a late check-in); made[3] and older before it.
    assert [w.starts_on for w in since.weeks][-1] == made[2].starts_on
    assert made[0].starts_on in {w.starts_on for w in since.weeks}
    assert since.compared_from == made[3].starts_on
    assert since.compared_to == made[0].starts_on
    alex = [c for c in since.changes if c.name == "Alex" and c.part == "Feeling close"]
    assert [c.text for c in alex] == ["up from 2 (A bit distant) to 5 (Very close)"]


def test_signs_both_ticked_are_counted(couple, counsellor, partner_a, partner_b):
    made = history(couple, 3)  # both tick "distant" every week
    CheckIn.objects.filter(week=made[1], membership__seat=2).update(signs=[])
    access = connect(couple, counsellor, partner_a, partner_b)
    assert _summary(access).since.signs == [("Feeling distant from each other", 2)]


def test_only_shared_wishes_appear_with_whether_they_were_met(
    client, couple, counsellor, partner_a, partner_b
):
    made = history(couple, 3)
    write_text(
        Answer.objects.filter(
            checkin__week=made[1], checkin__membership__seat=1, dimension="emotional"
        ),
        need="«wish-shared»",
        share_with_counsellor=True,
    )
    write_text(
        Answer.objects.filter(
            checkin__week=made[1], checkin__membership__seat=2, dimension="emotional"
        ),
        need="«wish-private»",
    )
    # The week after, Sam answered "did we manage it?" about Alex's wishes.
    CheckIn.objects.filter(week=made[0], membership__seat=2).update(follow_through="partly")
    access = connect(couple, counsellor, partner_a, partner_b)
    wishes = _summary(access).since.wishes
    assert [(w.name, w.part, w.need, w.met_text) for w in wishes] == [
        ("Alex", "Feeling close", "«wish-shared»", "Partly")
    ]
    client.force_login(counsellor)
    html = client.get(reverse("counsellor:summary", args=[access.pk])).content.decode()
    assert "«wish-shared»" in html
    assert "«wish-private»" not in html


def test_a_wish_of_last_week_is_not_asked_about_yet(couple, counsellor, partner_a, partner_b):
    made = history(couple, 2)
    Answer.objects.filter(checkin__week=made[0], checkin__membership__seat=2).update(
        share_with_counsellor=True
    )
    access = connect(couple, counsellor, partner_a, partner_b)
    wishes = _summary(access).since.wishes
    assert wishes
    assert {w.met for w in wishes if w.starts_on == made[0].starts_on} == {"pending"}


def test_follow_up_reactions_show_their_kind_and_part_never_text(
    client, couple, counsellor, partner_a, partner_b
):
    made = history(couple, 2)
    alex, sam = couple.memberships.order_by("seat")
    alex_checkin = made[0].checkins.get(membership=alex)
    write_text(
        Answer.objects.filter(checkin=alex_checkin, dimension="emotional"),
        need="«unshared-wish»",
    )
    Reaction.objects.create(checkin=alex_checkin, part="need:emotional", by=sam, kind="talk")
    Reaction.objects.create(
        checkin=alex_checkin, part="reflection:experiential", by=sam, kind="thanks"
    )
    access = connect(couple, counsellor, partner_a, partner_b)
    notes = _summary(access).since.reactions
    assert [(n.by, n.text) for n in notes] == [
        ("Sam", "“Let's talk about this” on Alex's wish for Feeling close")
    ]
    client.force_login(counsellor)
    html = client.get(reverse("counsellor:summary", args=[access.pk])).content.decode()
    assert "on Alex&#x27;s wish for Feeling close" in html
    assert "«unshared-wish»" not in html
    assert "Thank you" not in html


def test_nothing_outside_the_window_reaches_since(couple, counsellor, partner_a, partner_b):
    made = history(couple, 8)
    Answer.objects.filter(checkin__week__in=made).update(share_with_counsellor=True)
    access = connect(couple, counsellor, partner_a, partner_b, span="4")
    data = _summary(access)
    first = data.weeks_from
    assert all(w.starts_on >= first for w in data.since.weeks)
    assert all(w.starts_on >= first for w in data.since.wishes)
    assert all(d >= first for d, _flags in data.since.flags)


# ---- compact charts ------------------------------------------------------------------------


def test_a_sparkline_per_part_with_both_lines_and_words(
    client, couple, counsellor, partner_a, partner_b
):
    history(couple, 5)
    access = connect(couple, counsellor, partner_a, partner_b)
    data = _summary(access)
    assert [c.label for c in data.charts] == [
        "Feeling close",
        "Doing things together",
        "Sharing ideas",
    ]
    chart = data.charts[0]
    assert [s.position for s in chart.spark.series] == ["a", "b"]
    assert len(chart.spark.rows) == 5
    assert chart.text.startswith("Alex: from ")
    assert "; Sam: from " in chart.text
    client.force_login(counsellor)
    html = client.get(reverse("counsellor:summary", args=[access.pk])).content.decode()
    assert html.count('class="spark-svg"') == 3
    assert "Feeling close, week by week" not in html  # no more large charts


def test_sparkline_geometry_stays_inside_and_breaks_on_gaps():
    weeks = [timezone.now().date() - timedelta(weeks=n) for n in range(4, 0, -1)]
    spark = charts.sparkline(
        weeks,
        [
            charts.Series("Alex", "a", (1, 5, None, 3)),
            charts.Series("Sam", "b", (2, 2, 2, 2)),
        ],
    )
    a, b = spark.series
    assert len(a.paths) == 1  # 1 -> 5, then a gap, then a lone dot
    assert len(a.points) == 3
    assert len(b.paths) == 1
    for point in (*a.points, *b.points):
        assert 0 <= point.x <= spark.width
        assert 0 <= point.y <= spark.height
    assert spark.view_box == "0 0 160 40"
    with pytest.raises(ValueError, match="outside"):
        charts.sparkline(weeks[:1], [charts.Series("Alex", "a", (6,))])


def test_a_long_gap_keeps_the_top_short(client, couple, counsellor, partner_a, partner_b):
    made = history(couple, 30)
    Answer.objects.filter(checkin__week__in=made).update(share_with_counsellor=True)
    access = connect(couple, counsellor, partner_a, partner_b)
    since = _summary(access).since
    assert len(since.wishes) > summaries.SINCE_ITEMS
    assert len(since.wishes_shown) == summaries.SINCE_ITEMS
    assert since.more_wishes == len(since.wishes) - summaries.SINCE_ITEMS
    assert since.wishes_shown[0].starts_on == made[0].starts_on  # newest first
    client.force_login(counsellor)
    html = client.get(reverse("counsellor:summary", args=[access.pk])).content.decode()
    assert f"{since.more_wishes} earlier wishes are under “Week by week”." in html
