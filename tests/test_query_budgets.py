"""Each page renders in a fixed number of queries, whatever the history length."""

import pytest
from django.urls import reverse

from checkins.selectors import clock_for
from tests.checkin_helpers import history

pytestmark = pytest.mark.django_db

# Session, user (with its roles, for the navigation: intimacy.roles), couple, and the page's
# own queries. Equal at 1 and 52 weeks is the point.
BUDGETS = {
    "home": 6,
    # + this week and last week with their check-ins and answers (read together), + the
    # reactions to them ("let's talk", "I'll do that" come back beside last week's wishes),
    # + whether a counsellor may see shared answers (checkins.sharing)
    "checkin": 8,
    # A later step: step 1's queries less last week's wishes ("did we manage it?"), which
    # only step 1 shows; the finish's look back reuses the answers already fetched.
    "checkin_part": 5,
    "checkin_finish": 5,
    # + the same, for the share toggles, + the reactions to both check-ins' answers
    "week": 8,
    "history": 8,
    "history_older": 8,  # an older page: the same queries (the week after its newest is in)
    "questions": 5,
    "questions_by_part": 5,
    "trends": 6,
    "trends_all": 6,
}


def _pages(couple):
    current = clock_for(couple).current.isoformat()
    previous = clock_for(couple).previous.isoformat()
    return {
        "home": reverse("home"),
        "checkin": reverse("checkins:checkin", args=[current]),
        "checkin_part": reverse("checkins:checkin", args=[current]) + "?step=2",
        "checkin_finish": reverse("checkins:checkin", args=[current]) + "?step=5",
        "week": reverse("checkins:week", args=[previous]),
        "history": reverse("checkins:history"),
        "history_older": reverse("checkins:history") + f"?before={current}",
        "questions": reverse("checkins:questions"),
        "questions_by_part": reverse("checkins:questions") + "?by=part",
        "trends": reverse("checkins:trends"),
        "trends_all": reverse("checkins:trends") + "?span=all",
    }


@pytest.mark.parametrize("weeks", [1, 52])
@pytest.mark.parametrize("page_name", sorted(BUDGETS))
def test_page_query_budget(client, partner_a, couple, django_assert_num_queries, weeks, page_name):
    history(couple, weeks)
    client.force_login(partner_a)
    target = _pages(couple)[page_name]
    with django_assert_num_queries(BUDGETS[page_name]):
        response = client.get(target)
    assert response.status_code == 200


# The couple's other pages and the counsellor's, with a counsellor both partners consented
# to for all of their history, so the summary covers every week.
OTHER_BUDGETS = {
    "settings": 4,
    "counsellors": 8,
    # Lock, access with consents and partners, two-factor check, the previous visit, the
    # window's weeks with the FLAG_LOOKBACK - 1 stored weeks before them (one query, then
    # check-ins and answers), shared answers, the follow-up reactions, the log entry: per
    # couple, never per week.
    "counsellor_summary": 17,
    "counsellor_summary_print": 17,
    "counsellor_dashboard": 13,
}


@pytest.mark.parametrize("weeks", [1, 52])
@pytest.mark.parametrize("page_name", sorted(OTHER_BUDGETS))
def test_other_page_query_budget(
    client, partner_a, partner_b, couple, counsellor, django_assert_num_queries, weeks, page_name
):
    from tests.counselling_helpers import connect

    history(couple, weeks)
    access = connect(couple, counsellor, partner_a, partner_b, span="all")
    viewer, url = {
        "settings": (partner_a, reverse("couple:settings")),
        "counsellors": (partner_a, reverse("couple:counsellors")),
        "counsellor_summary": (counsellor, reverse("counsellor:summary", args=[access.pk])),
        "counsellor_summary_print": (
            counsellor,
            reverse("counsellor:summary_print", args=[access.pk]),
        ),
        "counsellor_dashboard": (counsellor, reverse("counsellor:dashboard")),
    }[page_name]
    client.force_login(viewer)
    with django_assert_num_queries(OTHER_BUDGETS[page_name]):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("weeks", [1, 52])
def test_summary_query_budget_on_a_later_visit(
    client, partner_a, partner_b, couple, counsellor, django_assert_num_queries, weeks
):
    """With a previous visit to compare against, and reactions to read, the same budget."""
    from datetime import timedelta

    from django.utils import timezone

    from checkins.models import Answer, Reaction
    from counselling.models import AccessLogEntry
    from tests.counselling_helpers import connect

    made = history(couple, weeks)
    access = connect(couple, counsellor, partner_a, partner_b, span="all")
    Answer.objects.filter(checkin__week__in=made).update(share_with_counsellor=True)
    for week in made:
        checkin = week.checkins.get(membership__seat=1)
        Reaction.objects.create(
            checkin=checkin,
            part="need:emotional",
            by=couple.memberships.get(seat=2),
            kind="talk",
        )
    client.force_login(counsellor)
    url = reverse("counsellor:summary", args=[access.pk])
    # A visit before all of the history, so every week is "since your last visit".
    AccessLogEntry.objects.create(
        access=access,
        counsellor=counsellor,
        page="summary",
        viewed_at=timezone.now() - timedelta(weeks=weeks + 2),
    )
    with django_assert_num_queries(OTHER_BUDGETS["counsellor_summary"]):
        response = client.get(url)
    assert response.status_code == 200


# While waiting for the partner (I have checked in this week, they haven't): the same pages
# also ask whether the partner was nudged this week (their preferences come with the seats).
WAITING_BUDGETS = {"home": BUDGETS["home"] + 1, "week": BUDGETS["week"] + 1, "emails": 4}


@pytest.mark.parametrize("weeks", [1, 52])
@pytest.mark.parametrize("page_name", sorted(WAITING_BUDGETS))
def test_waiting_page_query_budget(
    client, partner_a, couple, django_assert_num_queries, weeks, page_name
):
    from checkins.models import Week
    from tests.checkin_helpers import checkin_for

    history(couple, weeks)
    current = clock_for(couple).current
    week = Week.objects.create(couple=couple, starts_on=current, prompts={})
    checkin_for(week, couple.memberships.get(seat=1))
    client.force_login(partner_a)
    url = {
        "home": reverse("home"),
        "week": reverse("checkins:week", args=[current.isoformat()]),
        "emails": reverse("notifications:settings"),
    }[page_name]
    with django_assert_num_queries(WAITING_BUDGETS[page_name]):
        response = client.get(url)
    assert response.status_code == 200
    if page_name != "emails":
        assert b"Nudge Sam" in response.content


# The htmx fragments: each answers an ``HX-Request`` with part of a page, in a fixed number
# of queries, equal at 1 and 52 weeks like the pages they belong to.
HX = {"HX-Request": "true"}
FRAGMENT_BUDGETS = {
    # The step alone (checkin.html#step): the same reads as the whole page.
    "checkin_step": BUDGETS["checkin"],
    "checkin_part_step": BUDGETS["checkin_part"],
    # Next, the first save of the week: the week and the draft looked for under a lock,
    # then created (with their savepoints), the step's three answers written, then the next
    # step's reads.
    "checkin_next": 31,
    # The first autosave of the week, the same save for one answer, then the status line
    # alone (checkin.html#save_status): no page reads.
    "autosave": 25,
    # Every autosave after that (most of them): the week and the draft found locked at
    # once, the answer updated.
    "autosave_again": 13,
    # week.html#week: the same reads as the whole page.
    "week": BUDGETS["week"],
    # The toggle (_share_toggle.html): whether paused, the answer, its update.
    "share": 8,
    # One reaction (week.html#reaction): whether paused, the partner's check-in and answers,
    # the existing reaction, the insert (and their savepoints).
    "react": 14,
}


def _fragment(couple, name):
    """(method, url, data) of each fragment."""
    current = clock_for(couple).current.isoformat()
    previous = clock_for(couple).previous.isoformat()
    checkin = reverse("checkins:checkin", args=[current])
    return {
        "checkin_step": ("get", checkin, None),
        "checkin_part_step": ("get", checkin + "?step=2", None),
        "checkin_next": ("post", checkin, {"step": "ratings", "emotional-rating": "3", "go": "2"}),
        "autosave": (
            "post",
            reverse("checkins:autosave", args=[current]),
            {"step": "emotional", "emotional-reflection": "«draft»", "emotional-need": ""},
        ),
        "autosave_again": (
            "post",
            reverse("checkins:autosave", args=[current]),
            {"step": "emotional", "emotional-reflection": "«draft, again»", "emotional-need": ""},
        ),
        "week": ("get", reverse("checkins:week", args=[previous]), None),
        "share": (
            "post",
            reverse("checkins:share", args=[previous]),
            {"dimension": "emotional", "share": "on"},
        ),
        "react": (
            "post",
            reverse("checkins:react", args=[previous]),
            {"part": "reflection:emotional", "kind": "talk"},
        ),
    }[name]


@pytest.mark.parametrize("weeks", [1, 52])
@pytest.mark.parametrize("name", sorted(FRAGMENT_BUDGETS))
def test_fragment_query_budget(client, partner_a, couple, django_assert_num_queries, weeks, name):
    history(couple, weeks)
    client.force_login(partner_a)
    method, url, data = _fragment(couple, name)
    if name == "autosave_again":
        first = _fragment(couple, "autosave")
        assert client.post(first[1], first[2], headers=HX).status_code == 200
    with django_assert_num_queries(FRAGMENT_BUDGETS[name]):
        response = getattr(client, method)(url, data, headers=HX)
    assert response.status_code == 200, response.content[:500]
    assert b"<html" not in response.content  # a fragment, not the whole page


# The fragments of the other pages: the counsellor's summary polls its status every 30
# seconds while open; the settings' own choices and the invitation panel answer htmx posts.
# (A couple without a partner has no weeks: the invitation panel's budget is checked beside
# another couple's history only, for completeness.)
OTHER_FRAGMENT_BUDGETS = {
    # While access lasts: 204, no couple data read.
    "summary_status": 6,
    # The seat's own choice saved, then accounts/settings.html#choices_form.
    "settings_choices": 6,
    # A new invitation link, then home/pending.html#invite_panel.
    "invite_panel": 12,
}


@pytest.mark.parametrize("weeks", [1, 52])
@pytest.mark.parametrize("name", sorted(OTHER_FRAGMENT_BUDGETS))
def test_other_fragment_query_budget(
    client, partner_a, partner_b, couple, counsellor, loner, django_assert_num_queries, weeks, name
):
    from tests.counselling_helpers import connect
    from tests.factories import make_couple

    history(couple, weeks)
    access = connect(couple, counsellor, partner_a, partner_b, span="all")
    if name == "invite_panel":  # someone whose couple has no partner yet, with a history
        lonely = make_couple(loner)
        lonely.created_at = couple.created_at
        lonely.save(update_fields=["created_at"])
    viewer, method, url, data = {
        "summary_status": (
            counsellor,
            "get",
            reverse("counsellor:status", args=[access.pk]),
            None,
        ),
        "settings_choices": (
            partner_a,
            "post",
            reverse("couple:settings_choices"),
            {"wants_physical": "on"},
        ),
        "invite_panel": (loner, "post", reverse("couple:invite_new"), {}),
    }[name]
    client.force_login(viewer)
    with django_assert_num_queries(OTHER_FRAGMENT_BUDGETS[name]):
        response = getattr(client, method)(url, data, headers=HX)
    assert response.status_code in (200, 204), response.content[:300]
    assert b"<html" not in response.content
