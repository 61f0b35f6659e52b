"""No counsellor ever sees a byte more than both partners allowed."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from checkins.models import Answer, CheckIn, Week
from counselling import services as counselling_services
from tests.checkin_helpers import checkin_for, history
from tests.counselling_helpers import connect

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed(couple, counsellor, partner_a, partner_b):
    """Six revealed weeks; in the newest, Alex shares the emotional answer only, Sam
    shares nothing; everyone has private notes; and this week Alex has a draft."""
    weeks = history(couple, 6)
    newest = weeks[0]
    for checkin in CheckIn.objects.filter(week__in=weeks):
        seat = checkin.membership.seat
        for answer in checkin.answers.all():
            answer.reflection = f"REFLECTION-{seat}-{checkin.week.starts_on}-{answer.dimension}"
            answer.need = f"NEED-{seat}-{checkin.week.starts_on}-{answer.dimension}"
            answer.share_with_counsellor = False
            answer.save()
        checkin.private_note = f"PRIVATE-{seat}-{checkin.week.starts_on}"
        checkin.appreciation = f"APPRECIATION-{seat}-{checkin.week.starts_on}"
        checkin.save()
    Answer.objects.filter(
        checkin__week=newest, checkin__membership__seat=1, dimension="emotional"
    ).update(share_with_counsellor=True)
    # An old week, shared, but outside a 4-week span.
    Answer.objects.filter(checkin__week=weeks[5], checkin__membership__seat=1).update(
        share_with_counsellor=True
    )
    current = Week.objects.create(couple=couple, starts_on=newest.starts_on + timedelta(weeks=1))
    draft = checkin_for(current, couple.memberships.get(seat=1), submitted=False, text="DRAFT-TEXT")
    Answer.objects.filter(checkin=draft).update(share_with_counsellor=True)
    access = connect(couple, counsellor, partner_a)
    counselling_services.consent_grant(access=access, partner=partner_b, span="4")
    return {"access": access, "newest": newest, "oldest": weeks[5]}


def _counsellor_pages(client, counsellor, access):
    client.force_login(counsellor)
    pages = [
        reverse("counsellor:dashboard"),
        reverse("counsellor:summary", args=[access.pk]),
        reverse("counsellor:summary_print", args=[access.pk]),
    ]
    return [client.get(url).content.decode() for url in pages]


def test_only_marked_answers_within_the_narrower_span_appear(client, counsellor, mixed):
    dashboard, summary, printed = _counsellor_pages(client, counsellor, mixed["access"])
    newest = mixed["newest"].starts_on
    for html in (summary, printed):
        assert f"REFLECTION-1-{newest}-emotional" in html
        assert f"NEED-1-{newest}-emotional" in html
    for html in (dashboard, summary, printed):
        data = html is not dashboard
        assert html.count("REFLECTION-") == (1 if data else 0)
        # The shared wish is shown twice (since your last visit, and its week), no other.
        assert set(re.findall(r"NEED-[0-9-]+[a-z]+", html)) == (
            {f"NEED-1-{newest}-emotional"} if data else set()
        )
        assert "PRIVATE-" not in html
        assert "APPRECIATION-" not in html
        assert "DRAFT-TEXT" not in html
        assert f"REFLECTION-1-{mixed['oldest'].starts_on}" not in html


def test_ratings_flags_and_trends_are_shown(client, counsellor, mixed):
    _, summary, _printed = _counsellor_pages(client, counsellor, mixed["access"])
    assert "Ratings over the shared weeks" in summary
    assert '<figcaption class="spark-title">Feeling close</figcaption>' in summary
    assert "Shared with you: the last 4 weeks, plus this week." in summary
    assert "They both checked in" in summary


def test_stopping_sharing_an_answer_hides_it_at_once(client, counsellor, partner_a, mixed):
    newest = mixed["newest"].starts_on
    client.force_login(partner_a)
    client.post(reverse("checkins:share", args=[newest.isoformat()]), {"dimension": "emotional"})
    _, summary, printed = _counsellor_pages(client, counsellor, mixed["access"])
    assert "REFLECTION-" not in summary
    assert "REFLECTION-" not in printed
