"""Mutual reveal: nothing of a partner's week shows until both have submitted."""

import pytest
from django.core import mail
from django.urls import reverse

from checkins.models import Week
from checkins.selectors import clock_for
from tests.checkin_helpers import history
from tests.test_checkin import answers, url

pytestmark = pytest.mark.django_db


def submit(client, user, couple, **overrides):
    client.force_login(user)
    return client.post(url(couple), answers(action="submit", **overrides))


def test_before_both_submit_the_partner_sees_only_that_i_checked_in(
    client, partner_a, partner_b, couple
):
    submit(client, partner_a, couple, **{"emotional-reflection": "ALEX-SECRET-REFLECTION"})
    client.force_login(partner_b)
    for page in (
        url(couple),
        url(couple, "checkins:week"),
        reverse("home"),
        reverse("checkins:history"),
    ):
        html = client.get(page).content.decode()
        assert "ALEX-SECRET-REFLECTION" not in html
        assert "You made me tea" not in html
    assert (
        "Alex has checked in. If you'd like to check in too"
        in client.get(url(couple)).content.decode()
    )


def test_once_both_submit_each_sees_the_other_but_never_the_private_note(
    client, partner_a, partner_b, couple, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(
            client,
            partner_a,
            couple,
            private_note="ALEX-PRIVATE",
            **{"emotional-reflection": "From Alex"},
        )
        submit(
            client,
            partner_b,
            couple,
            private_note="SAM-PRIVATE",
            **{"emotional-reflection": "From Sam"},
        )
    week = Week.objects.get()
    assert week.revealed_at is not None
    for user, own_note, other_note in (
        (partner_a, "ALEX-PRIVATE", "SAM-PRIVATE"),
        (partner_b, "SAM-PRIVATE", "ALEX-PRIVATE"),
    ):
        client.force_login(user)
        html = client.get(url(couple, "checkins:week")).content.decode()
        assert "From Alex" in html
        assert "From Sam" in html
        assert own_note in html
        assert other_note not in html
    # Sam was told Alex checked in; at the reveal both were told the week is ready.
    assert [m.to for m in mail.outbox] == [
        ["sam@example.com"],
        ["alex@example.com"],
        ["sam@example.com"],
    ]
    assert all("your week is ready" in m.subject for m in mail.outbox[1:])


def test_reflections_with_html_render_as_text(client, partner_a, partner_b, couple):
    submit(
        client, partner_a, couple, **{"emotional-reflection": "<script>alert(1)</script>\nline two"}
    )
    submit(client, partner_b, couple)
    html = client.get(url(couple, "checkins:week")).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;\nline two" in html


def test_history_lists_each_week_with_both_statuses(client, partner_a, couple):
    history(couple, 3)
    client.force_login(partner_a)
    html = client.get(reverse("checkins:history")).content.decode()
    assert html.count("Read the whole week") == 3
    current = clock_for(couple).current
    assert f"Week of {current.strftime('%-d %B %Y')}" in html


def test_an_unrevealed_week_is_private_in_history(client, partner_a, partner_b, couple):
    history(couple, 1, revealed=False)  # Alex submitted, Sam did not
    client.force_login(partner_b)
    html = client.get(reverse("checkins:history")).content.decode()
    assert "Read the whole week" not in html
    client.force_login(partner_a)
    week = Week.objects.get()
    html = client.get(url(couple, "checkins:week", week.starts_on)).content.decode()
    assert "«b1»" not in html
    assert "emotional «a1»" in html  # my own answers, shown to me


def test_the_home_page_shows_this_weeks_status_and_last_weeks_reveal(
    client, partner_a, partner_b, couple
):
    history(couple, 1)
    submit(client, partner_b, couple)
    client.force_login(partner_a)
    html = client.get(reverse("home")).content.decode()
    assert "Sam has checked in. If you'd like to check in too" in html
    assert "See last week&#x27;s reveal" in html or "See last week's reveal" in html


def test_after_unpairing_each_keeps_only_their_own_answers(client, partner_a, partner_b, couple):
    history(couple, 2)
    client.force_login(partner_a)
    client.post(reverse("couple:unpair"), {"confirm": "on"})
    html = client.get(reverse("checkins:history"), follow=True).content.decode()
    assert "emotional «a1»" in html
    assert "«secret-a-1»" in html
    assert "«b1»" not in html
    assert "«secret-b-" not in html
    assert client.get(url(couple, "checkins:week", clock_for(couple).previous)).status_code == 404


def test_after_pairing_again_my_earlier_answers_are_still_mine(
    client, partner_a, partner_b, couple
):
    history(couple, 1)
    client.force_login(partner_a)
    client.post(reverse("couple:unpair"), {"confirm": "on"})
    from tests.factories import UserFactory, make_couple

    make_couple(partner_a, UserFactory(display_name="Robin"))
    html = client.get(reverse("checkins:history")).content.decode()
    assert reverse("checkins:past") in html
    past = client.get(reverse("checkins:past")).content.decode()
    assert "emotional «a1»" in past
    assert "«b1»" not in past
