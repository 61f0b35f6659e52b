"""What a counsellor's summary may contain: only answers a partner chose to share, only of
revealed weeks, only within the narrower of the two consented spans; and the access log
records exactly that span."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from checkins.models import Answer, CheckIn, Week
from checkins.selectors import clock_for
from counselling import services as counselling_services
from counselling.models import AccessLogEntry
from tests.checkin_helpers import checkin_for, history, leaked, marked_form, marker, markers_in
from tests.counselling_helpers import connect

pytestmark = pytest.mark.django_db


def _summary(client, counsellor, access) -> str:
    """The summary page as the counsellor (two-factor on) sees it, every week in detail."""
    client.force_login(counsellor)
    response = client.get(reverse("counsellor:summary", args=[access.pk]) + "?weeks=all")
    assert response.status_code == 200
    return response.content.decode()


def _submit(client, user, couple, data):
    client.force_login(user)
    week = clock_for(couple).current.isoformat()
    response = client.post(reverse("checkins:checkin", args=[week]), data | {"action": "submit"})
    assert response.status_code == 302, response.content.decode()


# --- Nothing is shared unless the partner ticks the box ---------------------------------


@pytest.fixture
def both_submitted(client, couple, partner_a, partner_b, counsellor):
    """This week, both partners submitted through the check-in form with a marker in every
    text field and no sharing box ticked; a counsellor both consent to (all history)."""
    access = connect(couple, counsellor, partner_a, partner_b)
    alex, sam = marked_form("alex-unticked"), marked_form("sam-unticked")
    _submit(client, partner_a, couple, alex)
    _submit(client, partner_b, couple, sam)
    return {"access": access, "alex": markers_in(alex), "sam": markers_in(sam)}


def test_a_new_checkin_with_no_box_ticked_shows_no_text_to_the_counsellor(
    client, couple, counsellor, both_submitted
):
    """Catches sharing on by default (the model's or the form's default flipped to True)."""
    assert not Answer.objects.filter(share_with_counsellor=True).exists()
    html = _summary(client, counsellor, both_submitted["access"])
    assert f'id="sw-{clock_for(couple).current:%Y%m%d}"' in html  # the week itself is shown
    assert leaked(both_submitted["alex"] + both_submitted["sam"], html) == []


def test_ticking_one_box_shares_that_answer_and_nothing_else(
    client, couple, partner_a, partner_b, counsellor
):
    """Catches one ticked box sharing more than its own answer (other dimensions, the
    appreciation, the private note, or the other partner's answers)."""
    access = connect(couple, counsellor, partner_a, partner_b)
    alex = marked_form("alex-ticked", **{"emotional-share": "on"})
    sam = marked_form("sam-ticked")
    _submit(client, partner_a, couple, alex)
    _submit(client, partner_b, couple, sam)
    html = _summary(client, counsellor, access)
    shared = [
        marker("alex-ticked", "emotional", "reflection"),
        marker("alex-ticked", "emotional", "need"),
    ]
    assert leaked(shared, html) == shared
    assert leaked([m for m in markers_in(alex) + markers_in(sam) if m not in shared], html) == []


# --- Only revealed weeks, only within the narrower span --------------------------------

HISTORY_WEEKS = 14


@pytest.fixture
def every_answer_shared(couple):
    """Fourteen revealed weeks before this one, in which both partners shared every answer,
    each with a marker naming its week; except that two weeks ago Sam never submitted (the
    week is not revealed), though Alex's submitted answers there are marked shared too."""
    weeks = history(couple, HISTORY_WEEKS)
    for answer in Answer.objects.select_related("checkin__week", "checkin__membership"):
        tag = f"{answer.checkin.week.starts_on}-seat{answer.checkin.membership.seat}"
        answer.reflection = marker("shared", tag, answer.dimension)
        answer.share_with_counsellor = True
        answer.save()
    unrevealed = weeks[1]
    unrevealed.revealed_at = None
    unrevealed.save(update_fields=["revealed_at"])
    CheckIn.objects.filter(week=unrevealed, membership__seat=2).update(submitted_at=None)
    return {"weeks": {w.starts_on: w for w in weeks}, "unrevealed": unrevealed.starts_on}


def _shown_weeks(html: str, weeks) -> set:
    """The weeks whose section or any shared answer appears in the summary."""
    return {
        starts_on
        for starts_on in weeks
        if f'id="sw-{starts_on:%Y%m%d}"' in html or f"«shared-{starts_on}-" in html
    }


@pytest.mark.parametrize(
    ("span_a", "span_b", "narrower"),
    [
        ("4", "12", 4),
        ("12", "4", 4),
        ("all", "4", 4),
        ("4", "all", 4),
        ("12", "all", 12),
        ("all", "all", None),
    ],
)
def test_the_summary_shows_only_revealed_weeks_within_the_narrower_span(
    client, couple, partner_a, partner_b, counsellor, every_answer_shared, span_a, span_b, narrower
):
    """Catches the wider span winning, an off-by-one at either edge of the window, an
    unrevealed week shown, and a log entry that records another span than the one shown."""
    access = connect(couple, counsellor, partner_a, span=span_a)
    counselling_services.consent_grant(access=access, partner=partner_b, span=span_b)
    html = _summary(client, counsellor, access)

    current = clock_for(couple).current
    first = clock_for(couple).first
    oldest_shown = first if narrower is None else current - timedelta(weeks=narrower)
    weeks = every_answer_shared["weeks"]
    expected = {d for d in weeks if d >= oldest_shown} - {every_answer_shared["unrevealed"]}
    assert _shown_weeks(html, weeks) == expected
    if narrower is not None:
        assert oldest_shown in expected  # the last week inside the span is shown…
        assert oldest_shown - timedelta(weeks=1) in weeks  # …the first one outside exists…
        assert oldest_shown - timedelta(weeks=1) not in expected  # …and is not shown
    assert f"«shared-{every_answer_shared['unrevealed']}-" not in html
    # The charts and completion count the same weeks: those before this one in the span.
    completed = HISTORY_WEEKS if narrower is None else narrower
    assert f"They both checked in {completed - 1} of those {completed} weeks." in html

    entry = AccessLogEntry.objects.get(access=access, page="summary")
    assert (entry.weeks_from, entry.weeks_to) == (oldest_shown, current)


def test_the_completion_line_never_counts_more_weeks_than_it_counts_out_of(
    client, couple, partner_a, partner_b, counsellor
):
    """Catches the completion count and its total taken over different sets of weeks."""
    history(couple, 6)
    current = Week.objects.create(
        couple=couple,
        starts_on=clock_for(couple).current,
        prompts={},
        revealed_at=timezone.now(),
    )
    for membership in couple.memberships.all():
        checkin_for(current, membership)
    access = connect(couple, counsellor, partner_a, partner_b, span="4")
    html = _summary(client, counsellor, access)
    done, total = map(
        int, re.search(r"They both checked in (\d+) of those (\d+) weeks", html).groups()
    )
    assert done <= total


def test_the_summary_details_the_newest_weeks_and_links_to_all_of_them(
    client, couple, partner_a, partner_b, counsellor, every_answer_shared
):
    """By default the newest DETAIL_WEEKS revealed weeks get a block, with a plain link to
    every week; the charts and completion still count all of them, every view is logged,
    and the print view still prints every week."""
    from counselling.summary import DETAIL_WEEKS

    access = connect(couple, counsellor, partner_a, span="all")
    counselling_services.consent_grant(access=access, partner=partner_b, span="all")
    client.force_login(counsellor)
    url = reverse("counsellor:summary", args=[access.pk])
    html = client.get(url).content.decode()
    weeks = every_answer_shared["weeks"]
    revealed = sorted((d for d in weeks if d != every_answer_shared["unrevealed"]), reverse=True)
    assert _shown_weeks(html, weeks) == set(revealed[:DETAIL_WEEKS])
    hidden = len(revealed) - DETAIL_WEEKS
    assert hidden > 0
    assert f'href="?weeks=all#weeks-title">Show all weeks ({hidden} more)' in html
    assert f"They both checked in {HISTORY_WEEKS - 1} of those {HISTORY_WEEKS} weeks." in html
    everything = client.get(url + "?weeks=all").content.decode()
    assert _shown_weeks(everything, weeks) == set(revealed)
    assert "Show all weeks" not in everything
    assert f"«shared-{every_answer_shared['unrevealed']}-" not in everything
    assert AccessLogEntry.objects.filter(access=access, page="summary").count() == 2
    printed = client.get(reverse("counsellor:summary_print", args=[access.pk]))
    assert all(f"{d:%-d %b %Y}" in printed.content.decode() for d in revealed)
