"""The comparison page of a revealed week, week navigation, flags and trends."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from checkins.apps import CheckinsConfig
from checkins.comparison import thresholds
from checkins.models import Answer, CheckIn
from checkins.selectors import clock_for
from tests.checkin_helpers import history, write_text

pytestmark = pytest.mark.django_db


def week_url(week):
    return reverse("checkins:week", args=[week.starts_on.isoformat()])


@pytest.fixture
def one_sided_week(couple):
    """A revealed week where Alex opened up and Sam wrote almost nothing."""
    week = history(couple, 1)[0]
    alex, sam = (CheckIn.objects.get(week=week, membership__seat=s) for s in (1, 2))
    write_text(
        Answer.objects.filter(checkin=alex, dimension="emotional"),
        reflection=" ".join(["I felt"] * 30),
        rating=5,
    )
    Answer.objects.filter(checkin=sam).update(reflection="", need="")
    Answer.objects.filter(checkin=sam, dimension="emotional").update(rating=2)
    CheckIn.objects.filter(pk=sam.pk).update(appreciation="", signs=["distant"])
    return week


def test_anonymous_goes_to_login(client, one_sided_week):
    assert client.get(week_url(one_sided_week))["Location"].startswith(reverse("account_login"))


def test_someone_without_a_couple_gets_404(client, loner, one_sided_week):
    client.force_login(loner)
    assert client.get(week_url(one_sided_week)).status_code == 404
    trends = client.get(reverse("checkins:trends"))
    assert "Trends appear once you and your partner" in trends.content.decode()


def test_a_partner_of_another_couple_never_sees_our_week(client, outsider, one_sided_week):
    client.force_login(outsider)
    response = client.get(week_url(one_sided_week))
    # Week URLs name a date within your own couple; theirs began after this week: 404.
    assert response.status_code == 404
    assert "I felt" not in response.content.decode()


def test_post_is_refused(client, partner_a, one_sided_week):
    client.force_login(partner_a)
    assert client.post(week_url(one_sided_week)).status_code == 405


def test_it_shows_both_sides_with_words_gaps_and_shared_signs(client, partner_a, one_sided_week):
    client.force_login(partner_a)
    html = client.get(week_url(one_sided_week)).content.decode()
    assert "5 / 5</span> Very close" in html
    assert "2 / 5</span> A bit distant" in html
    assert "3 steps apart" in html
    assert "both of you" in html  # both ticked "distant"
    assert "Feeling distant from each other" in html
    assert "No reflection written." in html


def test_it_flags_one_sided_sharing_with_an_explanation_and_a_suggestion(
    client, partner_a, one_sided_week
):
    client.force_login(partner_a)
    response = client.get(week_url(one_sided_week))
    kinds = [flag.kind for flag in response.context["flags"]]
    assert "one_sided_week" in kinds
    assert "rating_gap" in kinds
    assert "shared_sign" in kinds
    html = response.content.decode()
    assert "One of you had more to say this week" in html
    assert "Try this:" in html
    assert reverse("checkins:flag_rules") in html


def test_both_partners_see_the_same_flags(client, partner_a, partner_b, one_sided_week):
    client.force_login(partner_a)
    a = [(f.kind, f.explanation) for f in client.get(week_url(one_sided_week)).context["flags"]]
    client.force_login(partner_b)
    b = [(f.kind, f.explanation) for f in client.get(week_url(one_sided_week)).context["flags"]]
    assert a == b


def test_htmx_navigation_swaps_only_the_week(client, partner_a, couple):
    weeks = history(couple, 2)
    client.force_login(partner_a)
    response = client.get(week_url(weeks[1]), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith("<title>Week of ")  # htmx updates the tab title
    assert '<div id="week"' in html
    assert "HX-Request" in response.headers["Vary"]
    assert 'hx-push-url="true"' in html
    assert f'href="{week_url(weeks[0])}"' in html  # a real link for JavaScript-off


def test_a_history_restore_gets_the_whole_page(client, partner_a, couple):
    week = history(couple, 1)[0]
    client.force_login(partner_a)
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    assert "<html" in client.get(week_url(week), headers=headers).content.decode()


def test_an_unrevealed_week_never_leaks_content_even_in_fragments(client, partner_b, couple):
    week = history(couple, 1, revealed=False)[0]  # Alex submitted, Sam has not
    client.force_login(partner_b)
    for headers in ({}, {"HX-Request": "true"}):
        html = client.get(week_url(week), headers=headers).content.decode()
        assert "«a1»" not in html
        assert "«secret-a-" not in html
        assert "Your check-in is open whenever you're ready" in html  # Alex is in; Sam is awaited


def test_the_week_picker_goes_to_the_chosen_week(client, partner_a, couple):
    week = history(couple, 1)[0]
    client.force_login(partner_a)
    response = client.get(reverse("checkins:week_pick"), {"week": week.starts_on.isoformat()})
    assert response["Location"] == week_url(week)
    assert client.get(reverse("checkins:week_pick"), {"week": "nonsense"}).status_code == 404


def test_a_week_before_the_couple_began_is_404(client, partner_a, couple):
    client.force_login(partner_a)
    long_ago = clock_for(couple).current - timedelta(weeks=30)
    assert client.get(reverse("checkins:week", args=[long_ago.isoformat()])).status_code == 404


def test_the_home_page_summarises_the_latest_flags(client, partner_a, one_sided_week):
    client.force_login(partner_a)
    html = client.get(reverse("home")).content.decode()
    assert "One thing worth a gentle look: One of you had more to say this week" in html


class TestTrends:
    def test_it_draws_a_chart_per_dimension_and_the_sharing_balance(
        self, client, partner_a, couple
    ):
        history(couple, 5)
        client.force_login(partner_a)
        html = client.get(reverse("checkins:trends")).content.decode()
        assert html.count('role="img"') == 3  # one chart per part
        assert html.count('class="chart-scroll" tabindex="0" role="region"') == 3
        assert "Feeling close, week by week" in html
        assert "Sharing balance" in html
        assert re.search(r'<meter id="balance-meter" [^>]*value="\d+">', html)
        assert "Show the numbers" in html
        assert "You both checked in 5 of the last 5 weeks." in html
        assert "style=" not in html

    def test_completion_counts_weeks_not_checked_in(self, client, partner_a, couple):
        history(couple, 14)
        history_weeks = couple.weeks.order_by("-starts_on")
        history_weeks[0].checkins.filter(membership__seat=2).update(submitted_at=None)
        history_weeks.filter(pk=history_weeks[0].pk).update(revealed_at=None)
        client.force_login(partner_a)
        html = client.get(reverse("checkins:trends")).content.decode()
        assert "You both checked in 11 of the last 12 weeks." in html
        html = client.get(reverse("checkins:trends"), {"span": "all"}).content.decode()
        assert "You both checked in 13 of the last 14 weeks." in html

    @pytest.mark.parametrize(
        ("revealed", "left"), [(0, "3 more weeks"), (1, "2 more weeks"), (2, "one more week")]
    )
    def test_until_three_revealed_weeks_it_encourages_instead_of_drawing(
        self, client, partner_a, couple, revealed, left
    ):
        if revealed:
            history(couple, revealed)
        client.force_login(partner_a)
        html = client.get(reverse("checkins:trends")).content.decode()
        assert "Your trends grow with you" in html
        assert f"After {left} you have both checked in" in html
        assert 'role="img"' not in html
        assert "<meter" not in html

    def test_from_three_revealed_weeks_it_draws(self, client, partner_a, couple):
        history(couple, 3)
        client.force_login(partner_a)
        html = client.get(reverse("checkins:trends")).content.decode()
        assert "Your trends grow with you" not in html
        assert html.count('role="img"') == 3


def test_flag_rules_page_states_the_thresholds(client, partner_a, couple):
    client.force_login(partner_a)
    html = client.get(reverse("checkins:flag_rules")).content.decode()
    assert "fewer than 40% of the other" in html
    assert "differ by 2 steps or more" in html


def test_bad_flag_thresholds_stop_the_app_at_start(settings):
    settings.TWOWAY_FLAGS = {"RATING_GAP": 9}
    with pytest.raises(
        ImproperlyConfigured, match=r"TWOWAY_FLAGS\['RATING_GAP'\] must be an integer from 1 to 4"
    ):
        CheckinsConfig.ready(CheckinsConfig.create("checkins"))
    settings.TWOWAY_FLAGS = {"RATING_GAP": 3}
    assert thresholds().rating_gap == 3
