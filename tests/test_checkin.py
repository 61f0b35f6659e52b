"""The weekly check-in page: drafts, submitting, validation, closed weeks."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from checkins.models import Answer, CheckIn, Week
from checkins.selectors import clock_for

pytestmark = pytest.mark.django_db

DIMS = ("emotional", "experiential", "intellectual")


def answers(**overrides):
    data = {"appreciation": "You made me tea every morning.", "signs": ["distant"]}
    for i, dim in enumerate(DIMS):
        data |= {
            f"{dim}-rating": str(3 + i % 2),
            f"{dim}-reflection": f"About {dim}.",
            f"{dim}-need": "",
        }
    return data | overrides


def url(couple, name="checkins:checkin", week=None):
    week = week or clock_for(couple).current
    return reverse(name, args=[week.isoformat()])


def test_anonymous_goes_to_login(client, couple):
    response = client.get(url(couple))
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("who", ["loner", "outsider"])
def test_people_outside_the_couple_see_nothing(client, couple, who, request, partner_a):
    client.force_login(request.getfixturevalue(who))
    target = url(couple)
    # The outsider's own couple may share a week date, but never our content.
    response = client.post(target, answers(action="submit"))
    if who == "loner":
        assert response.status_code == 404
    assert not CheckIn.objects.filter(membership__user=partner_a).exists()


def test_wrong_method_is_refused(client, partner_a, couple):
    client.force_login(partner_a)
    assert client.delete(url(couple)).status_code == 405


def test_it_shows_every_section_with_the_week_prompts(client, partner_a, couple):
    """Step 1 has every rating; each part's step its question; the last the rest."""
    client.force_login(partner_a)
    html = client.get(url(couple)).content.decode()
    for dim in DIMS:
        assert f'name="{dim}-rating"' in html
    assert 'name="physical-rating"' not in html
    assert "Far apart" in html
    assert "Very close" in html
    for number, dim in enumerate(DIMS, start=2):
        assert (
            f'name="{dim}-reflection"'
            in client.get(f"{url(couple)}?step={number}").content.decode()
        )
    last = client.get(f"{url(couple)}?step=5").content.decode()
    assert "Feeling like the only one who shares" in last
    assert "Never shown to anyone else" in last


def test_the_physical_section_appears_when_both_partners_chose_it(client, partner_a, couple):
    couple.memberships.update(wants_physical=True)
    client.force_login(partner_a)
    assert 'name="physical-rating"' in client.get(url(couple)).content.decode()


def test_both_partners_get_the_same_prompts(client, partner_a, partner_b, couple):
    client.force_login(partner_a)
    a = client.get(url(couple)).context["parts"]
    client.force_login(partner_b)
    b = client.get(url(couple)).context["parts"]
    assert [s["prompt"].key for s in a] == [s["prompt"].key for s in b]


def test_save_draft_keeps_everything_and_survives_a_new_session(client, partner_a, couple):
    client.force_login(partner_a)
    text = "Line one\n\n  indented 👋 مرحبا"
    response = client.post(url(couple), answers(**{"emotional-reflection": text, "action": "save"}))
    assert response.status_code == 302
    client.logout()
    client.force_login(partner_a)
    html = client.get(f"{url(couple)}?step=2").content.decode()
    assert "Line one\n\n  indented 👋 مرحبا</textarea>" in html
    checkin = CheckIn.objects.get(membership__user=partner_a)
    assert checkin.submitted_at is None
    assert Answer.objects.get(checkin=checkin, dimension="emotional").reflection == text


def test_submit_needs_every_rating_and_keeps_what_was_typed(client, partner_a, couple):
    client.force_login(partner_a)
    data = answers(action="submit", **{"experiential-reflection": "Kept <b>safe</b>"})
    del data["experiential-rating"]
    response = client.post(url(couple), data)
    html = response.content.decode()
    assert response.status_code == 422
    assert "Please choose how close you felt" in html
    assert "How close did you feel: Doing things together</a>" in html
    kept = client.get(f"{url(couple)}?step=3").content.decode()
    assert "Kept &lt;b&gt;safe&lt;/b&gt;</textarea>" in kept
    assert (
        'value="4" id="id_experiential-rating_3" checked'
        not in client.get(url(couple)).content.decode()
    )
    checkin = CheckIn.objects.get(membership__user=partner_a)
    assert checkin.submitted_at is None  # not submitted…
    assert (
        checkin.answers.get(dimension="experiential").reflection == "Kept <b>safe</b>"
    )  # …but saved


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("emotional-rating", "6", "Choose one of the five steps"),
        ("emotional-rating", "very", "Choose one of the five steps"),
        ("emotional-reflection", "x" * 2001, "2000 characters or fewer"),
        ("emotional-need", "x" * 501, "500 characters or fewer"),
    ],
)
def test_bad_input_is_explained_and_nothing_saved_changes(
    client, partner_a, couple, field, value, message
):
    client.force_login(partner_a)
    client.post(url(couple), answers(action="save"))
    before = Answer.objects.get(dimension="emotional").reflection
    response = client.post(url(couple), answers(action="save", **{field: value}))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert Answer.objects.get(dimension="emotional").reflection == before


def test_submitting_shows_the_partner_status_and_emails_once(
    client, partner_a, partner_b, couple, django_capture_on_commit_callbacks
):
    client.force_login(partner_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(couple), answers(action="submit"), follow=True)
    assert "Sam will see your answers once they have checked in too" in response.content.decode()
    assert [m.to for m in mail.outbox] == [["sam@example.com"]]
    assert "Alex has checked in" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url(couple), answers(action="submit"), follow=True)
    # Submitting again before Sam checks in saves the changes and tells nobody.
    assert "Your changes are saved" in again.content.decode()
    assert len(mail.outbox) == 1


def test_a_submitted_checkin_is_final_once_the_week_is_revealed(
    client, partner_a, partner_b, couple
):
    client.force_login(partner_b)
    client.post(url(couple), answers(action="submit"))
    client.force_login(partner_a)
    client.post(url(couple), answers(action="submit"))
    response = client.post(
        url(couple), answers(action="save", **{"emotional-reflection": "changed"})
    )
    assert response.status_code == 409
    assert "your answers are final now" in response.content.decode()
    mine = Answer.objects.get(dimension="emotional", checkin__membership__user=partner_a)
    assert mine.reflection == "About emotional."
    assert client.get(url(couple))["Location"] == url(couple, "checkins:week")


def test_last_week_is_still_open_but_older_weeks_are_closed(client, partner_a, couple):
    couple.created_at -= timedelta(weeks=10)
    couple.save()
    client.force_login(partner_a)
    current = clock_for(couple).current
    last, older, future = (current - timedelta(days=d) for d in (7, 14, -7))
    assert client.post(url(couple, week=last), answers(action="save")).status_code == 302
    for week in (older, future):
        response = client.post(url(couple, week=week), answers(action="save"))
        assert response.status_code == 409
        assert "is closed" in response.content.decode()
        assert client.get(url(couple, week=week)).status_code == 200
    assert not Week.objects.filter(starts_on__in=[older, future]).exists()


@pytest.mark.parametrize("week", ["2026-13-01", "yesterday", "tuesday", "before-we-began"])
def test_a_date_that_is_no_week_of_ours_is_404(client, partner_a, couple, week):
    current = clock_for(couple).current
    value = {
        "tuesday": (current + timedelta(days=1)).isoformat(),  # weeks start on Mondays
        "before-we-began": (current - timedelta(weeks=5)).isoformat(),
    }.get(week, week)
    client.force_login(partner_a)
    assert client.get(reverse("checkins:checkin", args=[value])).status_code == 404


def test_a_missing_csrf_token_is_refused_and_changes_nothing(partner_a, couple):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(partner_a)
    assert client.post(url(couple), answers(action="save")).status_code == 403
    assert not CheckIn.objects.exists()


class TestAutosave:
    def test_it_saves_a_draft_and_answers_with_the_status_only(self, client, partner_a, couple):
        client.force_login(partner_a)
        response = client.post(
            url(couple, "checkins:autosave"), answers(), headers={"HX-Request": "true"}
        )
        assert response.status_code == 200
        assert response.content.decode().startswith("Saved at ")
        assert CheckIn.objects.get().answers.count() == 3

    def test_over_the_limit_is_not_saved_and_says_so(self, client, partner_a, couple):
        client.force_login(partner_a)
        response = client.post(
            url(couple, "checkins:autosave"),
            answers(appreciation="x" * 1001),
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 422
        assert "Not saved yet" in response.content.decode()
        assert not CheckIn.objects.exists()

    def test_after_the_reveal_autosave_changes_nothing(self, client, partner_a, partner_b, couple):
        for person in (partner_b, partner_a):
            client.force_login(person)
            client.post(url(couple), answers(action="submit"))
        response = client.post(url(couple, "checkins:autosave"), answers(appreciation="later"))
        assert response.status_code == 409
        assert "final" in response.content.decode()
        mine = CheckIn.objects.get(membership__user=partner_a)
        assert mine.appreciation == "You made me tea every morning."

    def test_get_is_refused(self, client, partner_a, couple):
        client.force_login(partner_a)
        assert client.get(url(couple, "checkins:autosave")).status_code == 405
