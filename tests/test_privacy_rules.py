"""The partners' privacy rules around a week: a draft is not a submission, last week's
wishes show only once revealed, closed weeks take nothing, and sharing is mine to change."""

from datetime import timedelta

import pytest
from django.urls import reverse

from checkins.models import Answer, CheckIn, Week
from checkins.selectors import clock_for
from tests.checkin_helpers import (
    DIMS,
    checkin_for,
    history,
    leaked,
    marked_form,
    marker,
    markers_in,
)

pytestmark = pytest.mark.django_db


def _week_url(name, starts_on):
    return reverse(name, args=[starts_on.isoformat()])


def _pages(client, user, starts_on) -> dict[str, str]:
    """Every page where a partner's week could show: the week page (whole and as the htmx
    fragment), home, history and trends."""
    client.force_login(user)
    week = _week_url("checkins:week", starts_on)
    return {
        "week": client.get(week).content.decode(),
        "week fragment": client.get(week, headers={"HX-Request": "true"}).content.decode(),
        "home": client.get(reverse("home")).content.decode(),
        "history": client.get(reverse("checkins:history")).content.decode(),
        "trends": client.get(reverse("checkins:trends")).content.decode(),
    }


# --- A draft never counts as submitted ----------------------------------------------------


@pytest.mark.parametrize(
    "draft_first", [True, False], ids=["draft-then-submit", "submit-then-draft"]
)
def test_a_partners_draft_does_not_reveal_the_week_or_show_to_the_other(
    client, couple, partner_a, partner_b, draft_first
):
    """Catches a draft counted as submitted: the reveal check or the "has checked in" status
    reading "has a check-in" instead of "has a submitted one"."""
    current = clock_for(couple).current
    sam_draft = marked_form("sam-draft")
    alex = marked_form("alex-submitted")

    def sam_saves():
        client.force_login(partner_b)
        client.post(_week_url("checkins:checkin", current), sam_draft | {"action": "save"})

    def alex_submits():
        client.force_login(partner_a)
        client.post(_week_url("checkins:checkin", current), alex | {"action": "submit"})

    for step in (sam_saves, alex_submits) if draft_first else (alex_submits, sam_saves):
        step()

    week = Week.objects.get(couple=couple, starts_on=current)
    assert week.revealed_at is None
    assert CheckIn.objects.get(week=week, membership__user=partner_b).submitted_at is None

    alex_pages = _pages(client, partner_a, current)
    for page, html in alex_pages.items():
        assert leaked(markers_in(sam_draft), html) == [], page
        assert "You have both checked in" not in html, page
    assert "Sam: <strong>not yet</strong>" in alex_pages["home"]
    assert "Sam: not checked in yet" in alex_pages["week"]
    assert "See your week together" not in alex_pages["home"]
    assert "Private until you submit" not in alex_pages["history"]
    assert "See the week" not in alex_pages["history"]

    sam_pages = _pages(client, partner_b, current)
    for page, html in sam_pages.items():
        assert leaked(markers_in(alex), html) == [], page
    assert "You: not started" not in sam_pages["week"]
    assert "You: draft saved, not submitted" in sam_pages["week"]


def test_a_draft_alone_does_not_tell_the_partner_anything_was_submitted(
    client, couple, partner_a, partner_b
):
    """Catches the check-in page telling Alex "Sam has checked in" for a mere draft."""
    current = clock_for(couple).current
    client.force_login(partner_b)
    client.post(_week_url("checkins:checkin", current), marked_form("sam") | {"action": "save"})
    client.force_login(partner_a)
    html = client.get(_week_url("checkins:checkin", current)).content.decode()
    assert "Sam has checked in" not in html
    assert leaked(markers_in(marked_form("sam")), html) == []


# --- Last week's wishes only once last week was revealed --------------------------------


def _this_weeks_checkin(client, user, couple) -> str:
    client.force_login(user)
    return client.get(_week_url("checkins:checkin", clock_for(couple).current)).content.decode()


def test_last_weeks_wishes_show_on_this_weeks_checkin_once_last_week_was_revealed(
    client, couple, partner_a, partner_b
):
    """Catches the follow-up reading my own wishes instead of my partner's, or none."""
    history(couple, 1)
    alex_sees = _this_weeks_checkin(client, partner_a, couple)
    assert 'id="follow-up-heading"' in alex_sees
    for dim in DIMS:
        assert f"need {dim} «b1»" in alex_sees  # Sam's wishes…
        assert f"need {dim} «a1»" not in alex_sees  # …not my own
    sam_sees = _this_weeks_checkin(client, partner_b, couple)
    assert all(f"need {dim} «a1»" in sam_sees for dim in DIMS)


def test_last_weeks_wishes_stay_hidden_while_last_week_is_not_revealed(
    client, couple, partner_a, partner_b
):
    """Catches the follow-up ignoring the reveal: Alex submitted last week, Sam only has a
    draft, so neither may read the other's wishes yet."""
    history(couple, 1, revealed=False)
    for user in (partner_a, partner_b):
        html = _this_weeks_checkin(client, user, couple)
        assert 'id="follow-up-heading"' not in html
        assert "«a1»" not in html
        assert "«b1»" not in html
        assert 'name="follow_through"' not in html


# --- Autosave to a closed or future week changes nothing --------------------------------


@pytest.fixture
def long_couple(couple):
    couple.created_at -= timedelta(weeks=10)
    couple.save(update_fields=["created_at"])
    return couple


def _everything():
    """Every check-in row and value, to compare before and after."""
    return (
        list(Week.objects.order_by("pk").values()),
        list(CheckIn.objects.order_by("pk").values()),
        list(Answer.objects.order_by("pk").values()),
    )


@pytest.mark.parametrize(
    "weeks_from_now", [-2, -5, 1, 2], ids=["closed", "long-closed", "next", "later"]
)
def test_autosave_to_a_closed_or_future_week_changes_nothing_and_says_so(
    client, long_couple, partner_a, weeks_from_now
):
    """Catches a save path that skips the open-week check (the autosave relies on the
    service's check alone, unlike the full form)."""
    starts_on = clock_for(long_couple).current + timedelta(weeks=weeks_from_now)
    if weeks_from_now < 0:
        # A draft begun while the week was open.
        week = Week.objects.create(couple=long_couple, starts_on=starts_on, prompts={})
        checkin_for(week, long_couple.memberships.get(seat=1), submitted=False, text="«early»")
    before = _everything()
    client.force_login(partner_a)
    response = client.post(
        _week_url("checkins:autosave", starts_on),
        marked_form("late-autosave"),
        headers={"HX-Request": "true"},
    )
    if weeks_from_now > 1:
        # After next week is no week of the couple's yet: 404 (tests/test_week_dates.py).
        assert response.status_code == 404
    else:
        assert response.status_code == 409
        assert response.content.decode() == "This week is closed: nothing more was saved."
    assert _everything() == before


# --- Sharing with the counsellor: my own answers only ----------------------------------


def _share(client, user, starts_on, **data):
    client.force_login(user)
    return client.post(_week_url("checkins:share", starts_on), data)


def _sharing(week):
    return dict(
        Answer.objects.filter(checkin__week=week).values_list("pk", "share_with_counsellor")
    )


def test_i_cannot_share_my_partners_answer_when_i_have_none(client, long_couple, partner_a):
    """Catches the toggle finding the answer by week and dimension without "mine": Sam
    checked in last week, Alex did not, so every one of Alex's toggles must 404."""
    starts_on = clock_for(long_couple).previous
    week = Week.objects.create(couple=long_couple, starts_on=starts_on, prompts={})
    sams = checkin_for(week, long_couple.memberships.get(seat=2), text="«sam-only»")
    before = _sharing(week)
    for answer in sams.answers.all():
        response = _share(
            client, partner_a, starts_on, dimension=answer.dimension, share="on", answer=answer.pk
        )
        assert response.status_code == 404
    assert _sharing(week) == before


def test_sharing_my_answer_never_changes_my_partners(client, long_couple, partner_a):
    """Catches the toggle changing the first matching answer of the week, whoever wrote it
    (Sam's check-in is created first, so Sam's answers come first)."""
    starts_on = clock_for(long_couple).previous
    week = Week.objects.create(couple=long_couple, starts_on=starts_on, prompts={})
    sams = checkin_for(week, long_couple.memberships.get(seat=2), text="«sam»")
    alexs = checkin_for(week, long_couple.memberships.get(seat=1), text="«alex»")
    sams_before = {a.pk: a.share_with_counsellor for a in sams.answers.all()}

    response = _share(client, partner_a, starts_on, dimension="emotional", share="on")
    assert response.status_code == 302
    sharing = _sharing(week)
    assert sharing[alexs.answers.get(dimension="emotional").pk] is True
    assert {pk: sharing[pk] for pk in sams_before} == sams_before

    # And back off again: still only mine.
    Answer.objects.filter(checkin=sams).update(share_with_counsellor=True)
    _share(client, partner_a, starts_on, dimension="emotional")
    sharing = _sharing(week)
    assert sharing[alexs.answers.get(dimension="emotional").pk] is False
    assert all(sharing[pk] for pk in sams_before)


def test_sharing_an_answer_is_only_for_a_week_of_my_own_couple(
    client, long_couple, partner_a, outsider
):
    """Catches the toggle finding answers by date without the couple: another couple has an
    answer on the same week, and Alex (who has none there) must get 404."""
    starts_on = clock_for(long_couple).previous
    theirs = outsider.memberships.get().couple
    theirs.created_at = long_couple.created_at
    theirs.save(update_fields=["created_at"])
    week = Week.objects.create(couple=theirs, starts_on=starts_on, prompts={})
    checkin_for(week, theirs.memberships.get(seat=1), text=marker("theirs"))
    before = _sharing(week)
    response = _share(client, partner_a, starts_on, dimension="emotional", share="on")
    assert response.status_code == 404
    assert _sharing(week) == before
