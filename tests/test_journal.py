"""History as a shared journal: one card per week, newest first, showing only what each
partner may see of it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils.html import escape
from hypothesis import assume, given
from hypothesis import strategies as st

from accounts.scoping import couple_for
from checkins import selectors
from checkins.catalog import Closeness
from checkins.models import CheckIn, Week
from checkins.selectors import (
    JOURNAL_PAGE_WEEKS,
    JournalStatus,
    clock_for,
    dimensions_for,
    journal_status,
    prompts_of,
)
from tests.checkin_helpers import DIMS, history
from tests.test_reveal import submit

pytestmark = pytest.mark.django_db


def _journal(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("checkins:history")).content.decode()


def _cards(html: str) -> list[str]:
    return re.findall(r'<article class="card journal-card.*?</article>', html, re.S)


def test_cards_are_newest_first_one_per_week(client, partner_a, couple):
    weeks = history(couple, 3)
    cards = _cards(_journal(client, partner_a))
    current = clock_for(couple).current
    expected = [current, *(w.starts_on for w in weeks)]  # history() makes last week first
    assert [re.search(r'datetime="([\d-]+)"', c)[1] for c in cards] == [
        d.isoformat() for d in expected
    ]


def test_a_revealed_card_shows_questions_ratings_in_words_quotes_and_wishes(
    client, partner_a, couple
):
    (week,) = history(couple, 1)
    card = _cards(_journal(client, partner_a))[1]
    prompts = prompts_of(week, couple, week.starts_on)
    asked = [prompts[d] for d in DIMS if prompts[d] is not None]
    assert asked
    for prompt in asked:
        assert escape(str(prompt.text)) in card
    # Both ratings of every part, each in the scale's words (not colour alone).
    for checkin in CheckIn.objects.filter(week=week):
        for answer in checkin.answers.all():
            assert f" {Closeness(answer.rating).label} " in card
            assert f"({answer.rating} out of 5)" in card
    for marker in ("Thanks «a1»", "Thanks «b1»", "need emotional «a1»", "need emotional «b1»"):
        assert marker in card
    assert "Read the whole week" in card


def test_the_journal_never_shows_reflections_or_private_notes(client, partner_a, couple):
    history(couple, 2)
    html = _journal(client, partner_a)
    assert "«secret" not in html
    # Reflections read "emotional «a1»"; wishes read "need emotional «a1»".
    assert not re.search(r"(?<!need )(emotional|experiential|intellectual) «[ab]\d»", html)


def test_an_unrevealed_week_shows_only_statuses(client, partner_a, partner_b, couple):
    # Alex submitted, Sam has only a draft; the week before last has closed (last week
    # still takes late check-ins).
    history(couple, 2, revealed=False)
    alex = _cards(_journal(client, partner_a))[2]
    assert "Sam didn't check in that week." in alex
    assert "«" not in alex  # neither partner's words, not even my own wishes
    assert "Waiting for Sam." in _cards(_journal(client, partner_a))[1]
    sam = _cards(_journal(client, partner_b))[2]
    assert "You didn't check in that week, so Alex's answers stay private." in sam
    assert "«" not in sam


def test_an_open_week_names_who_is_awaited(client, partner_a, partner_b, couple):
    submit(client, partner_a, couple)
    alex = _cards(_journal(client, partner_a))[0]
    assert "Waiting for Sam." in alex
    sam = _cards(_journal(client, partner_b))[0]
    assert "Alex has checked in. Yours is open whenever you're ready." in sam
    assert "Waiting for both" not in alex + sam


def test_a_week_never_started_lists_its_planned_questions(client, partner_a, couple):
    history(couple, 1)
    current = clock_for(couple).current
    card = _cards(_journal(client, partner_a))[0]
    prompts = prompts_of(None, couple, current)
    planned = [prompts[d] for d in dimensions_for(couple_for(partner_a)) if prompts[d] is not None]
    assert planned
    for prompt in planned:
        assert escape(str(prompt.text)) in card


def test_whether_a_wish_was_met_comes_from_the_following_week(client, partner_a, couple):
    last, _before = history(couple, 2)
    sam_next = CheckIn.objects.get(week=last, membership__seat=2)
    sam_next.follow_through = "partly"
    sam_next.save(update_fields=["follow_through"])
    card = _cards(_journal(client, partner_a))[2]  # the week before last
    assert "Sam said the week after: <strong>Partly</strong>" in card
    newer = _cards(_journal(client, partner_a))[1]
    assert "said the week after" not in newer  # nobody answered for last week yet


def test_an_unrevealed_following_week_hides_the_partners_answer(client, partner_a, couple):
    last, _before = history(couple, 2)
    Week.objects.filter(pk=last.pk).update(revealed_at=None)
    CheckIn.objects.filter(week=last, membership__seat=2).update(
        follow_through="yes", submitted_at=None
    )
    card = _cards(_journal(client, partner_a))[2]
    assert "said the week after" not in card


@given(revealed=st.booleans(), open_=st.booleans(), mine=st.booleans(), theirs=st.booleans())
def test_journal_status_words_match_who_submitted(revealed, open_, mine, theirs):
    assume(revealed or not (mine and theirs))  # the second submit reveals the week at once
    status = journal_status(revealed=revealed, open_=open_, mine=mine, theirs=theirs)
    if revealed:
        assert status == JournalStatus.BOTH
    elif open_:
        assert status.startswith("waiting")
        assert (status == JournalStatus.WAITING_FOR_PARTNER) == mine
    else:
        assert not status.startswith("waiting")
        assert (status == JournalStatus.PARTNER_SKIPPED) == (mine and not theirs)
        assert (status == JournalStatus.YOU_SKIPPED) == (theirs and not mine)


def test_a_revealed_card_lists_both_partners_reactions_by_answer(
    client, partner_a, partner_b, couple
):
    from checkins.models import Reaction

    (week,) = history(couple, 1)
    alexs, sams = (CheckIn.objects.get(week=week, membership__seat=s) for s in (1, 2))
    alex, sam = alexs.membership, sams.membership
    Reaction.objects.create(checkin=sams, by=alex, part="need:emotional", kind="will_do")
    Reaction.objects.create(checkin=alexs, by=sam, part="appreciation", kind="thanks")
    Reaction.objects.create(checkin=alexs, by=sam, part="reflection:intellectual", kind="talk")
    card = _cards(_journal(client, partner_a))[1].replace("&#x27;", "'")
    assert "Your replies to each other" in card
    items = re.findall(
        r"<li class=\"side-[ab]\"><strong>(.*?)</strong> <span[^>]*>(.*?)</span>", card
    )
    assert items == [
        ("Thank you", "Sam, on yours"),
        ("Let's talk about this", "Sam, on your answer about Sharing ideas"),
        ("I'll do that", "You, on Sam's wish for Feeling close"),
    ]
    sams_card = _cards(_journal(client, partner_b))[1].replace("&#x27;", "'")
    assert "Alex, on your wish for Feeling close" in sams_card
    assert "You, on Alex's appreciation" in sams_card


def test_reactions_of_a_week_not_revealed_never_reach_the_card(client, partner_a, couple):
    """A reaction row on a week that is not revealed (it cannot be made through the app; a
    restored backup could hold one) is never read."""
    from checkins.models import Reaction

    (week,) = history(couple, 1, revealed=False)
    alexs, sams = CheckIn.objects.filter(week=week).order_by("membership__seat")
    Reaction.objects.create(checkin=sams, by=alexs.membership, part="appreciation", kind="thanks")
    assert "Your replies to each other" not in _journal(client, partner_a)


def test_a_card_without_reactions_has_no_reactions_heading(client, partner_a, couple):
    history(couple, 1)
    assert "Your replies to each other" not in _journal(client, partner_a)


def _dates(html: str) -> list[str]:
    return [re.search(r'datetime="([\d-]+)"', c)[1] for c in _cards(html)]


def _page_link(html: str, rel: str) -> str | None:
    found = re.search(rf'<a href="([^"]+)" rel="{rel}">', html)
    return found[1].replace("&amp;", "&") if found else None


def test_the_journal_shows_a_season_at_a_time_and_older_weeks_by_plain_links(
    client, partner_a, couple
):
    history(couple, 52)
    client.force_login(partner_a)
    every = [d.isoformat() for d in selectors.couple_weeks(clock_for(couple))]
    assert len(every) == 53
    html = client.get(reverse("checkins:history")).content.decode()
    assert _dates(html) == every[:JOURNAL_PAGE_WEEKS]
    assert _page_link(html, "prev") is None  # the latest weeks: nothing newer
    seen, pages, url = [], [], reverse("checkins:history")
    while url is not None:
        html = client.get(url).content.decode()
        assert 'aria-label="More weeks of your journal"' in html
        pages.append(_dates(html))
        seen += pages[-1]
        older = _page_link(html, "next")
        if older is not None:
            assert older == f"{reverse('checkins:history')}?before={pages[-1][-1]}"
            # Newer, from the page it leads to, comes back to exactly this page.
            back = _page_link(client.get(older).content.decode(), "prev")
            assert back == url
        url = older
    assert seen == every  # each week once, newest first, none lost between pages
    assert [len(p) for p in pages] == [13, 13, 13, 13, 1]
    assert "Older weeks" not in html  # the last page: the couple's first week


def test_the_newest_card_of_an_older_page_still_says_whether_a_wish_was_met(
    client, partner_a, couple
):
    made = history(couple, 20)
    first_of_page_two = made[JOURNAL_PAGE_WEEKS - 1]  # the current week is card one of page one
    following = made[JOURNAL_PAGE_WEEKS - 2]
    sam = CheckIn.objects.get(week=following, membership__seat=2)
    sam.follow_through = "partly"
    sam.save(update_fields=["follow_through"])
    client.force_login(partner_a)
    before = made[JOURNAL_PAGE_WEEKS - 2].starts_on.isoformat()
    html = client.get(reverse("checkins:history") + f"?before={before}").content.decode()
    cards = _cards(html)
    assert _dates(html)[0] == first_of_page_two.starts_on.isoformat()
    assert "Sam said the week after: <strong>Partly</strong>" in cards[0]


@pytest.mark.parametrize(
    "before", ["nope", "2026-13-01", "9999-12-27", "1999-01-04", "first", "odd"]
)
def test_a_page_of_no_weeks_of_the_couple_is_not_found(client, partner_a, couple, before):
    history(couple, 3)
    first = clock_for(couple).first
    before = {"first": first.isoformat(), "odd": (first + timedelta(days=1)).isoformat()}.get(
        before, before
    )
    client.force_login(partner_a)
    response = client.get(reverse("checkins:history"), {"before": before})
    assert response.status_code == 404


def test_an_older_page_shows_another_couple_nothing(client, partner_a, couple, outsider):
    history(couple, 20)
    client.force_login(outsider)
    before = clock_for(couple).current.isoformat()
    response = client.get(reverse("checkins:history"), {"before": before})
    # Their own couple began this week: no older page of theirs, and never ours.
    assert response.status_code == 404
    assert "«a" not in response.content.decode()
    assert "«b" not in response.content.decode()


def test_an_unrevealed_week_s_answers_and_reactions_are_never_read(couple, partner_a):
    """The journal's reads leave out an unrevealed week's wishes, ratings, appreciation and
    reactions in the query itself, not only when the card is drawn: nothing of the
    partner's draft is in memory to leak through a later template change."""
    from checkins.models import Reaction

    (week,) = history(couple, 1, revealed=False)
    alexs, sams = CheckIn.objects.filter(week=week).order_by("membership__seat")
    Reaction.objects.create(checkin=sams, by=alexs.membership, part="appreciation", kind="thanks")
    read = selectors._journal_weeks(couple, [week.starts_on])[week.starts_on]
    assert len(read.journal_checkins) == 2
    for checkin in read.journal_checkins:
        assert checkin.shown_answers == []
        assert checkin.shown_reactions == []
        assert checkin.shown_appreciation == ""
