"""The counsellor's summary counts the same flags as the couple's own pages, week by week:
the same rules over the same rows (that week and up to ``FLAG_LOOKBACK - 1`` stored weeks
before it, revealed or not, even before the shared window), at a cost linear in the weeks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from accounts.scoping import couple_for
from checkins import comparison, selectors
from checkins.flags import FlagKind
from checkins.models import Answer, CheckIn, Week
from counselling import summary as summaries
from counselling.models import CounsellorAccess
from counselling.state import consent_state
from tests.checkin_helpers import history, write_text
from tests.counselling_helpers import connect

pytestmark = pytest.mark.django_db

WEEKS = 20
UNREVEALED = (4, 9, 10)  # 1 = last week: seat 2 never submitted these


def _varied_history(couple):
    """Twenty weeks in which every kind of flag turns up somewhere: rating gaps, one partner
    writing far more, a part left blank, a sign only one ticked, falling ratings, and a few
    weeks only seat 1 submitted (which count for the one-sided pattern)."""
    made = history(couple, WEEKS)
    for n, week in enumerate(made, start=1):
        a = week.checkins.get(membership__seat=1)
        b = week.checkins.get(membership__seat=2)
        if n % 2 == 0:
            long = " ".join(["word"] * 60)
            write_text(Answer.objects.filter(checkin=a, dimension="emotional"), reflection=long)
        if n % 3 == 0:
            Answer.objects.filter(checkin=a, dimension="emotional").update(rating=5)
            Answer.objects.filter(checkin=b, dimension="emotional").update(rating=1)
        if n % 4 == 1:
            Answer.objects.filter(checkin=b, dimension="intellectual").update(
                reflection="", need=""
            )
        # Doing things together falls over the newest weeks, for both.
        falling = min(5, 1 + n // 2)
        Answer.objects.filter(checkin__week=week, dimension="experiential").update(rating=falling)
        if n % 5 == 0:
            CheckIn.objects.filter(pk=b.pk).update(signs=["not_listened"])
        if n in UNREVEALED:
            Week.objects.filter(pk=week.pk).update(revealed_at=None)
            CheckIn.objects.filter(pk=b.pk).update(submitted_at=None)
    return made


def _couples_kinds(ctx, starts_on):
    """What the couple's own week page shows for that week (same selector, same rows)."""
    recent = selectors.weeks_up_to(ctx, starts_on, reactions=True)
    return [f.kind for f in comparison.flags_for_week(ctx, recent)]


@pytest.mark.parametrize("span", ["all", "4", "12"])
def test_each_weeks_flags_are_the_couples_flags(couple, counsellor, partner_a, partner_b, span):
    _varied_history(couple)
    access = connect(couple, counsellor, partner_a, partner_b, span=span)
    state = consent_state(CounsellorAccess.objects.get(pk=access.pk))
    ctx = couple_for(partner_a)
    data = summaries.summary(state)
    assert data.weeks, "the window has revealed weeks"
    seen = set()
    for week in data.weeks:
        kinds = [f.kind for f in week.flags]
        assert kinds == _couples_kinds(ctx, week.starts_on), week.starts_on
        seen.update(kinds)
    if span == "all":
        # Not a vacuous comparison: every kind of flag was compared at least once.
        assert seen == {str(k) for k in FlagKind}


def test_a_flag_may_draw_on_weeks_before_the_shared_window(
    couple, counsellor, partner_a, partner_b
):
    """With four weeks shared, the oldest of them still has the flags the couple saw, drawn
    on the weeks before it (the one-sided pattern, falling ratings); the counsellor sees
    the conclusion, and no week before the window is listed."""
    _varied_history(couple)
    access = connect(couple, counsellor, partner_a, partner_b, span="4")
    state = consent_state(CounsellorAccess.objects.get(pk=access.pk))
    data = summaries.summary(state)
    ctx = couple_for(partner_a)
    oldest = data.weeks[-1]
    assert oldest.starts_on == summaries.window(state)[-2]  # the oldest (n=4) is unrevealed
    kinds = [f.kind for f in oldest.flags]
    assert kinds == _couples_kinds(ctx, oldest.starts_on)
    assert {"one_sided_pattern", "drifting"} <= set(kinds)
    assert all(w.starts_on >= summaries.window(state)[-1] for w in data.weeks)


def test_the_couples_week_page_shows_the_same_kinds(
    client, couple, counsellor, partner_a, partner_b
):
    made = _varied_history(couple)
    access = connect(couple, counsellor, partner_a, partner_b)
    data = summaries.summary(consent_state(CounsellorAccess.objects.get(pk=access.pk)))
    client.force_login(partner_b)
    for week in made[:6]:
        if week.starts_on not in {w.starts_on for w in data.weeks}:
            continue
        page = client.get(reverse("checkins:week", args=[week.starts_on.isoformat()]))
        (counsellors,) = [w for w in data.weeks if w.starts_on == week.starts_on]
        assert [f.kind for f in page.context["flags"]] == [f.kind for f in counsellors.flags]


def test_the_dashboard_counts_the_latest_weeks_flags_the_same_way(
    client, couple, counsellor, partner_a, partner_b
):
    _varied_history(couple)
    access = connect(couple, counsellor, partner_a, partner_b)
    row = summaries.overview(consent_state(CounsellorAccess.objects.get(pk=access.pk)))
    ctx = couple_for(partner_a)
    assert row.last_week == selectors.clock_for(couple).previous
    assert [f.kind for f in row.flags] == _couples_kinds(ctx, row.last_week)
    client.force_login(counsellor)
    html = client.get(reverse("counsellor:dashboard")).content.decode()
    assert f"{len(row.flags)} flags that week:" in html


def test_the_dashboard_finds_a_latest_week_older_than_the_lookback(
    couple, counsellor, partner_a, partner_b
):
    made = history(couple, 30)
    newest_revealed = made[15]
    for week in made[:15]:
        Week.objects.filter(pk=week.pk).update(revealed_at=None)
        CheckIn.objects.filter(week=week, membership__seat=2).update(submitted_at=None)
    access = connect(couple, counsellor, partner_a, partner_b)
    row = summaries.overview(consent_state(CounsellorAccess.objects.get(pk=access.pk)))
    assert row.last_week == newest_revealed.starts_on
    ctx = couple_for(partner_a)
    assert [f.kind for f in row.flags] == _couples_kinds(ctx, newest_revealed.starts_on)


def test_stored_weeks_are_the_window_and_the_lookback_before_it(
    couple, counsellor, partner_a, partner_b
):
    made = history(couple, 30)
    access = connect(couple, counsellor, partner_a, partner_b, span="4")
    state = consent_state(CounsellorAccess.objects.get(pk=access.pk))
    dates = summaries.window(state)
    stored = summaries.stored_weeks(couple, dates)
    expected = [w.starts_on for w in made if w.starts_on >= dates[-1]]
    older = [w.starts_on for w in made if w.starts_on < dates[-1]][: selectors.FLAG_LOOKBACK - 1]
    assert [w.starts_on for w in stored] == expected + older
    assert dates[-1] - timedelta(weeks=1) in older


def test_flags_by_week_equal_each_weeks_own_slice(couple, partner_a):
    _varied_history(couple)
    ctx = couple_for(partner_a)
    stored = selectors.weeks_up_to(ctx, selectors.clock_for(couple).current, limit=100)
    lookback = selectors.FLAG_LOOKBACK
    by_week = comparison.raw_flags_by_week(ctx, stored, lookback)
    revealed = [i for i, w in enumerate(stored) if w.is_revealed]
    assert list(by_week) == [stored[i].starts_on for i in revealed]
    for i in revealed:
        assert by_week[stored[i].starts_on] == comparison.raw_flags_for_week(
            ctx, stored[i : i + lookback]
        )
    only = {stored[revealed[0]].starts_on}
    assert list(comparison.raw_flags_by_week(ctx, stored, lookback, only=only)) == list(only)
