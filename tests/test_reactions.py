"""Reactions: each of you can answer the other's revealed answers with "Thank you", "Me too",
"Let's talk about this" and, on a wish, "I'll do that"; one per answer, changeable and
removable; the other sees it; "Let's talk" and "I'll do that" come back next week."""

from __future__ import annotations

import pytest
from django.urls import reverse

from checkins.models import Answer, CheckIn, Reaction, Week
from checkins.selectors import clock_for
from tests.checkin_helpers import history, write_text
from tests.counselling_helpers import connect

pytestmark = pytest.mark.django_db


def react_url(week) -> str:
    return reverse("checkins:react", args=[week.starts_on.isoformat()])


def week_url(week) -> str:
    return reverse("checkins:week", args=[week.starts_on.isoformat()])


def react(client, week, part: str, kind: str, **headers):
    return client.post(react_url(week), {"part": part, "kind": kind}, headers=headers)


def _html(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


@pytest.fixture
def revealed(couple):
    """Last week, revealed: Alex (seat 1) and Sam (seat 2) wrote «a1» and «b1» texts."""
    return history(couple, 1)[0]


def _sams(week) -> CheckIn:
    return CheckIn.objects.get(week=week, membership__seat=2)


# --------------------------------------------------------------------------------------------
# Set, change, remove; who sees what
# --------------------------------------------------------------------------------------------


def test_it_sets_a_reaction_without_javascript_and_comes_back_to_the_answer(
    client, partner_a, revealed
):
    client.force_login(partner_a)
    response = react(client, revealed, "reflection:emotional", "thanks")
    assert response.status_code == 302
    assert response["Location"] == week_url(revealed) + "#react-reflection-emotional"
    (reaction,) = Reaction.objects.all()
    assert (reaction.checkin, reaction.part, reaction.kind) == (
        _sams(revealed),
        "reflection:emotional",
        "thanks",
    )
    assert reaction.by.user == partner_a
    html = _html(client.get(response["Location"]))
    assert "You reacted: Thank you." in html  # the flash, after the redirect
    assert 'id="react-reflection-emotional-thanks" class="reaction" aria-pressed="true"' in html
    assert 'id="react-reflection-emotional-me_too" class="reaction" aria-pressed="false"' in html


def test_with_htmx_it_answers_with_the_reaction_buttons_only(client, partner_a, revealed):
    client.force_login(partner_a)
    response = react(client, revealed, "need:experiential", "will_do", HX_Request="true")
    assert response.status_code == 200
    html = _html(response)
    assert "<html" not in html
    assert html.startswith('<form method="post"')
    assert 'id="react-need-experiential"' in html
    assert 'hx-post="' + react_url(revealed) + '"' in html
    assert 'name="kind" value="" id="react-need-experiential-will_do"' in html  # pressed
    assert 'aria-pressed="true">I\'ll do that</button>' in html
    assert "You replied “I'll do that”. Press it again to take it back." in html
    assert 'aria-label="Your reaction to Sam\'s wish for Doing things together"' in html


def test_a_reaction_can_be_changed_and_removed(client, partner_a, revealed):
    client.force_login(partner_a)
    react(client, revealed, "appreciation", "thanks")
    react(client, revealed, "appreciation", "me_too")
    assert list(Reaction.objects.values_list("part", "kind")) == [("appreciation", "me_too")]
    response = react(client, revealed, "appreciation", "")
    assert response.status_code == 302
    assert not Reaction.objects.exists()
    assert "Your reaction is removed." in _html(client.get(response["Location"]))
    assert react(client, revealed, "appreciation", "").status_code == 302  # nothing to remove


def test_one_reaction_per_answer_per_person_but_each_answer_its_own(client, partner_a, revealed):
    client.force_login(partner_a)
    for part in ("reflection:emotional", "need:emotional", "reflection:intellectual"):
        react(client, revealed, part, "talk")
        react(client, revealed, part, "talk")  # twice: still one
    assert Reaction.objects.count() == 3


def test_the_other_partner_sees_the_reaction_and_the_reactor_their_own(
    client, partner_a, partner_b, revealed
):
    client.force_login(partner_a)
    react(client, revealed, "need:emotional", "will_do")
    react(client, revealed, "appreciation", "thanks")
    client.force_login(partner_b)
    html = _html(client.get(week_url(revealed)))
    assert html.count("Alex replied:") == 2
    wish = html.split("need emotional «b1»")[1].split("</div>")[0]
    assert '<p class="reaction-received" id="reacted-need-emotional">' in wish
    assert "Alex replied: “I'll do that”" in wish
    assert "Alex replied: “Thank you”" in html.split('id="appreciation-heading"')[1]
    # Sam sees no buttons pressed on Alex's answers: those are Sam's own reactions, none yet.
    assert 'aria-pressed="true"' not in html
    client.force_login(partner_a)
    html = _html(client.get(week_url(revealed)))
    assert html.count('aria-pressed="true"') == 2
    assert "replied:" not in html  # Sam has not reacted to anything of Alex's


def test_a_blank_answer_has_nothing_to_react_to(client, partner_a, revealed):
    write_text(
        Answer.objects.filter(checkin=_sams(revealed), dimension="intellectual"),
        reflection="  ",
        need="",
    )
    client.force_login(partner_a)
    html = client.get(week_url(revealed)).content.decode()
    assert 'id="react-reflection-intellectual"' not in html
    assert 'id="react-need-intellectual"' not in html
    assert react(client, revealed, "reflection:intellectual", "thanks").status_code == 404
    assert not Reaction.objects.exists()


# --------------------------------------------------------------------------------------------
# Refusals
# --------------------------------------------------------------------------------------------


def test_an_unrevealed_week_refuses_reactions(client, partner_a, partner_b, couple):
    """Alex submitted, Sam has a draft: nobody may react, to the draft or to Alex."""
    [week] = history(couple, 1, revealed=False)
    for user in (partner_a, partner_b):
        client.force_login(user)
        for part in ("reflection:emotional", "appreciation"):
            assert react(client, week, part, "thanks").status_code == 404
    assert not Reaction.objects.exists()


def test_nobody_reacts_to_their_own_answers(client, partner_a, revealed):
    """There is no way to name one's own answer: a reaction always goes on the partner's
    check-in, and where the partner's answer is blank, it is refused."""
    CheckIn.objects.filter(pk=_sams(revealed).pk).update(appreciation="")
    client.force_login(partner_a)
    assert react(client, revealed, "appreciation", "thanks").status_code == 404
    react(client, revealed, "reflection:emotional", "thanks")
    assert set(Reaction.objects.values_list("checkin__membership__seat", "by__seat")) == {(2, 1)}


def test_another_couple_cannot_react_to_our_week(client, outsider, partner_a, revealed):
    client.force_login(outsider)
    assert react(client, revealed, "reflection:emotional", "thanks").status_code == 404
    # Their own couple on the same date has no revealed week either.
    assert not Reaction.objects.exists()


def test_a_revealed_week_of_another_couple_on_the_same_date_is_not_ours(
    client, couple, outsider, partner_a
):
    """Catches the check-in looked up by date without the couple: their week is revealed,
    ours (same date) is not, so Alex gets a 404 and their answers get nothing."""
    theirs = outsider.memberships.get().couple
    [their_week] = history(theirs, 1, label="other")
    history(couple, 1, revealed=False)
    client.force_login(partner_a)
    assert react(client, their_week, "reflection:emotional", "thanks").status_code == 404
    assert not Reaction.objects.exists()


@pytest.mark.parametrize(
    ("part", "kind", "status"),
    [
        ("reflection:emotional", "will_do", 400),  # "I'll do that" is for wishes only
        ("appreciation", "will_do", 400),
        ("need:emotional", "hug", 400),
        ("reflection:nonsense", "thanks", 404),
        ("private_note", "thanks", 404),
        ("", "thanks", 404),
        ("need:", "thanks", 404),
    ],
)
def test_bad_input_is_refused(client, partner_a, revealed, part, kind, status):
    client.force_login(partner_a)
    assert react(client, revealed, part, kind).status_code == status
    assert not Reaction.objects.exists()


def test_after_unpairing_nobody_can_react(client, partner_a, revealed):
    client.force_login(partner_a)
    client.post(reverse("couple:unpair"), {"confirm": "on"})
    assert react(client, revealed, "reflection:emotional", "thanks").status_code == 404


# --------------------------------------------------------------------------------------------
# Next week: "Let's talk" and "I'll do that" come back beside the wishes
# --------------------------------------------------------------------------------------------


def _this_weeks_checkin(client, user, couple) -> str:
    client.force_login(user)
    url = reverse("checkins:checkin", args=[clock_for(couple).current.isoformat()])
    return _html(client.get(url))


def test_lets_talk_and_ill_do_that_come_back_at_the_top_of_next_weeks_checkin(
    client, couple, partner_a, partner_b, revealed
):
    client.force_login(partner_a)
    react(client, revealed, "need:emotional", "will_do")
    react(client, revealed, "need:experiential", "talk")
    react(client, revealed, "need:intellectual", "thanks")  # a thank-you does not come back
    react(client, revealed, "reflection:intellectual", "talk")
    client.force_login(partner_b)
    react(client, revealed, "appreciation", "talk")

    alex = _this_weeks_checkin(client, partner_a, couple)
    card = alex.split('id="follow-up-heading"')[1].split("</section>")[0]
    wishes = card.split('<ul class="wishes">')[1].split("</ul>")[0]
    assert (
        'need emotional «b1»</span> <span class="badge badge-ok follow-up-reaction">You said: I\'ll do that'
        in wishes
    )
    assert (
        'need experiential «b1»</span> <span class="badge follow-up-reaction">You said: let\'s talk about this'
        in wishes
    )
    assert wishes.split("need intellectual «b1»</span>")[1].startswith("</li>")
    talks = card.split('<ul class="talks">')[1].split("</ul>")[0]
    assert "You asked to talk about Sam's answer on Sharing ideas: <span" in talks
    assert "intellectual «b1»" in talks
    assert "Sam would like to talk about what you appreciated: <span" in talks
    assert "Thanks «a1»" in talks
    assert 'name="follow_through"' in card
    assert card.index('<ul class="wishes">') < card.index('name="follow_through"')

    sam = _this_weeks_checkin(client, partner_b, couple)
    card = sam.split('id="follow-up-heading"')[1].split("</section>")[0]
    assert "You said:" not in card  # Sam reacted to no wish of Alex's
    assert "Alex would like to talk about your answer on Sharing ideas:" in card
    assert "You asked to talk about what Alex appreciated:" in card


def test_talk_requests_alone_still_bring_the_card_back(client, couple, partner_a, revealed):
    Answer.objects.filter(checkin=_sams(revealed)).update(need="")
    client.force_login(partner_a)
    react(client, revealed, "reflection:emotional", "talk")
    html = _this_weeks_checkin(client, partner_a, couple)
    card = html.split('id="follow-up-heading"')[1].split("</section>")[0]
    assert "You asked to talk about Sam's answer on Feeling close:" in card
    assert 'name="follow_through"' not in card  # no wishes, so no "did we manage it?"


def test_reactions_of_a_week_not_revealed_never_come_back(client, couple, partner_a, revealed):
    client.force_login(partner_a)
    react(client, revealed, "need:emotional", "will_do")
    Week.objects.filter(pk=revealed.pk).update(revealed_at=None)
    html = _this_weeks_checkin(client, partner_a, couple)
    assert 'id="follow-up-heading"' not in html
    assert "You said:" not in html


# --------------------------------------------------------------------------------------------
# Never the counsellor's
# --------------------------------------------------------------------------------------------


def test_only_follow_up_reactions_reach_the_counsellor_and_only_their_kind(
    client, couple, counsellor, partner_a, partner_b, revealed
):
    """The summary says "Alex: “Let's talk about this” on Sam's answer about Feeling
    close"; a "Thank you" or "Me too" stays between the two of them, and the dashboard
    says nothing of reactions."""
    Answer.objects.filter(checkin__week=revealed).update(share_with_counsellor=True)
    access = connect(couple, counsellor, partner_a, partner_b)
    client.force_login(partner_a)
    # With htmx, so no flash message waits in this client's cookies for the next page.
    react(client, revealed, "reflection:emotional", "talk", HX_Request="true")
    react(client, revealed, "need:emotional", "will_do", HX_Request="true")
    react(client, revealed, "reflection:experiential", "thanks", HX_Request="true")
    react(client, revealed, "reflection:intellectual", "me_too", HX_Request="true")
    assert Reaction.objects.count() == 4
    client.force_login(counsellor)
    summary = _html(client.get(reverse("counsellor:summary", args=[access.pk])))
    assert "emotional «b1»" in summary
    assert "Alex: “Let's talk about this” on Sam's answer about Feeling close" in summary
    assert "Alex: “I'll do that” on Sam's wish for Feeling close" in summary
    for words in ("Thank you", "Me too", "replied"):
        assert words not in summary, words
    dashboard = _html(client.get(reverse("counsellor:dashboard")))
    for words in ("Let's talk about this", "I'll do that", "Thank you", "Me too", "reaction"):
        assert words not in dashboard, words


# --------------------------------------------------------------------------------------------
# Prefetched: reactions on every answer cost no query of their own
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("weeks", [1, 12])
def test_reactions_on_every_answer_keep_the_pages_within_their_budgets(
    client, couple, partner_a, django_assert_num_queries, weeks
):
    """Catches a reaction looked up per answer (an N+1 hidden in the template): every
    answer of every week carries a reaction from the other partner."""
    from tests.test_query_budgets import BUDGETS

    made = history(couple, weeks)
    for week in made:
        for checkin in CheckIn.objects.filter(week=week).select_related("membership"):
            other = couple.memberships.exclude(pk=checkin.membership_id).get()
            parts = [
                f"{f}:{a.dimension}" for a in checkin.answers.all() for f in ("reflection", "need")
            ]
            for part in [*parts, "appreciation"]:
                kind = "will_do" if part.startswith("need:") else "talk"
                Reaction.objects.create(checkin=checkin, part=part, by=other, kind=kind)
    client.force_login(partner_a)
    with django_assert_num_queries(BUDGETS["week"]):
        html = _html(client.get(week_url(made[0])))
    assert html.count("Sam replied:") == 7
    assert html.count('aria-pressed="true"') == 7
    checkin_url = reverse("checkins:checkin", args=[clock_for(couple).current.isoformat()])
    with django_assert_num_queries(BUDGETS["checkin"]):
        html = _html(client.get(checkin_url))
    assert html.count("You said: I'll do that") == 3
