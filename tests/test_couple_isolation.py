"""Couples never touch each other: not through a week on the same date, not through each
other's counsellors or access logs."""

import pytest
from django.urls import reverse

from accounts.scoping import couple_for
from checkins import services
from checkins.forms import AnswerData, CheckInData
from checkins.models import Week
from checkins.selectors import clock_for
from counselling import services as counselling_services
from counselling.state import consent_state
from tests.checkin_helpers import DIMS, history
from tests.counselling_helpers import connect, make_counsellor
from tests.factories import UserFactory, make_couple

pytestmark = pytest.mark.django_db


@pytest.fixture
def theirs(outsider):
    return outsider.memberships.get().couple


def _week_page(client, user, starts_on):
    client.force_login(user)
    return client.get(reverse("checkins:week", args=[starts_on.isoformat()])).content.decode()


def _home(client, user):
    client.force_login(user)
    return client.get(reverse("home")).content.decode()


# --- A week on the same start date ------------------------------------------------------


def test_another_couples_revealed_week_on_the_same_date_does_not_reveal_ours(
    client, couple, theirs, partner_a, partner_b
):
    """Catches a week looked up by date without its couple: theirs is created first, so a
    lookup that ignores the couple finds their revealed week instead of ours."""
    [their_week] = history(theirs, 1, label="other")
    [our_week] = history(couple, 1, revealed=False)  # Alex submitted, Sam has a draft
    assert their_week.starts_on == our_week.starts_on
    for user, status in (
        (partner_a, "Waiting for Sam's check-in"),
        (partner_b, "Your check-in is open whenever you're ready"),
    ):
        html = _week_page(client, user, our_week.starts_on)
        assert status in html
        assert "«other-" not in html
        home = _home(client, user)
        assert "See last week" not in home
        assert "«other-" not in home
    assert "«a1»" not in _week_page(client, partner_b, our_week.starts_on)
    our_week.refresh_from_db()
    assert our_week.revealed_at is None


def test_our_revealed_week_stays_revealed_beside_another_couples_hidden_one(
    client, couple, theirs, partner_a, partner_b
):
    """Catches the same lookup the other way round: their unrevealed week would hide ours."""
    [their_week] = history(theirs, 1, revealed=False, label="other")
    [our_week] = history(couple, 1)
    for user in (partner_a, partner_b):
        html = _week_page(client, user, our_week.starts_on)
        assert "What you appreciated about each other" in html
        assert "emotional «a1»" in html
        assert "emotional «b1»" in html
        assert "«other-" not in html
        assert "See last week" in _home(client, user)
    their_week.refresh_from_db()
    assert their_week.revealed_at is None


def test_submitting_beside_another_couples_finished_week_reveals_nothing(
    couple, theirs, partner_a, outsider
):
    """Catches the reveal counting another couple's submitted check-ins on the same date."""
    current = clock_for(couple).current
    data = CheckInData(
        answers={d: AnswerData(3, f"«{d}»", "") for d in DIMS},
        appreciation="",
        private_note="",
        signs=[],
        follow_through="",
    )
    other = theirs.memberships.exclude(user=outsider).get().user
    for person in (outsider, other):
        services.checkin_submit(ctx=couple_for(person), starts_on=current, data=data)
    assert Week.objects.get(couple=theirs, starts_on=current).revealed_at is not None

    result = services.checkin_submit(ctx=couple_for(partner_a), starts_on=current, data=data)
    assert result.revealed is False
    assert Week.objects.get(couple=couple, starts_on=current).revealed_at is None


# --- Each couple's counselling page shows its own counsellors and log only ------------


@pytest.fixture
def two_counselled_couples(couple, partner_a, partner_b, counsellor):
    """Our couple with Dr. Rivera, another with their own counsellor; both counsellors have
    looked at their couple's summary and dashboard, so each log has entries."""
    x = UserFactory(display_name="Xavier Quillfeather", email="xavier@example.com")
    y = UserFactory(display_name="Yvonne Marchbanks", email="yvonne@example.com")
    other_couple = make_couple(x, y)
    other = make_counsellor(display_name="Dr. Zebedee Applethwaite", email="zeb@elsewhere.org")
    ours = connect(couple, counsellor, partner_a, partner_b)
    theirs = connect(other_couple, other, x, y)
    for access in (ours, theirs):
        state = consent_state(access)
        counselling_services.log_view(state=state, page="summary")
        counselling_services.log_view(state=state, page="dashboard")
    return {"x": x, "other": other}


def test_our_counselling_page_lists_neither_their_counsellor_nor_their_log(
    client, partner_a, two_counselled_couples
):
    """Catches the counsellor list or the access log read without the couple filter."""
    client.force_login(partner_a)
    html = client.get(reverse("couple:counsellors")).content.decode()
    assert "Dr. Rivera" in html
    assert "rivera@example.com" in html
    assert html.count("Dr. Rivera viewed") == 2
    assert "Applethwaite" not in html
    assert "zeb@elsewhere.org" not in html
    assert "Quillfeather" not in html
    assert "Marchbanks" not in html


def test_their_counselling_page_lists_neither_our_counsellor_nor_our_log(
    client, two_counselled_couples
):
    """The same, seen from the other couple."""
    client.force_login(two_counselled_couples["x"])
    html = client.get(reverse("couple:counsellors")).content.decode()
    assert html.count("Applethwaite viewed") == 2
    assert "Dr. Rivera" not in html
    assert "rivera@example.com" not in html
