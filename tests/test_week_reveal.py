"""The revealed week's page, in the order it is read: what you appreciated about each other,
what went well, your answers side by side with the questions they answer, then at most one
thing worth a gentle look, with any others behind "More to look at". And the headings of a
week that is not revealed: who is awaited, or who didn't check in."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from accounts.models import Membership
from checkins.models import Answer, CheckIn, Week
from checkins.prompts import BANK, prompt_by_key
from checkins.selectors import clock_for
from tests.checkin_helpers import checkin_for, history, write_text
from tests.counselling_helpers import connect

pytestmark = pytest.mark.django_db

FLAG_KINDS = {
    "one_sided_week",
    "one_sided_pattern",
    "silent_dimension",
    "rating_gap",
    "shared_sign",
    "drifting",
}
PER_PERSON_COUNT = re.compile(r"\d+\s+words?\b")


def page(client, user, week) -> tuple[str, object]:
    client.force_login(user)
    response = client.get(reverse("checkins:week", args=[week.starts_on.isoformat()]))
    assert response.status_code == 200
    return response.content.decode(), response.context


def _unescape(html: str) -> str:
    return html.replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")


def _checkins(week: Week) -> tuple[CheckIn, CheckIn]:
    alex, sam = (CheckIn.objects.get(week=week, membership__seat=s) for s in (1, 2))
    return alex, sam


@pytest.fixture
def every_flag(couple):
    """Four revealed weeks that raise every kind of flag in the newest: Alex writes a lot
    and Sam a little every week (one-sided, and a pattern), Sam leaves two parts blank,
    they rate "Feeling close" 5 and 2, both tick "distant", and "Doing things together"
    slides from 5 to 2 over the four weeks. The partners are shown as «Alex» and «Sam»."""
    weeks = history(couple, 4)  # newest first
    Membership.objects.filter(couple=couple, seat=1).update(shown_name="«Alex»")
    Membership.objects.filter(couple=couple, seat=2).update(shown_name="«Sam»")
    for age, week in enumerate(weeks):  # age 0 is the newest
        alex, sam = _checkins(week)
        write_text(Answer.objects.filter(checkin=alex), reflection=" ".join(["close"] * 40))
        Answer.objects.filter(checkin=sam).update(reflection="", need="")
        write_text(Answer.objects.filter(checkin=sam, dimension="emotional"), reflection="fine")
        CheckIn.objects.filter(pk=sam.pk).update(appreciation="")
        slide = 2 if age < 2 else 5
        Answer.objects.filter(checkin__week=week, dimension="experiential").update(rating=slide)
        Answer.objects.filter(checkin__week=week, dimension="intellectual").update(rating=3)
        Answer.objects.filter(checkin__week=week, dimension="emotional").update(rating=3)
    newest = weeks[0]
    alex, sam = _checkins(newest)
    Answer.objects.filter(checkin=alex, dimension="emotional").update(rating=5)
    Answer.objects.filter(checkin=sam, dimension="emotional").update(rating=2)
    return newest


def test_the_page_reads_good_things_first_then_answers_then_one_gentle_look(
    client, partner_a, every_flag
):
    """Catches the flags put back above the answers, more than one flag shown in the open,
    and the appreciation moved below the answers."""
    html, context = page(client, partner_a, every_flag)
    assert {f.kind for f in context["flags"]} == FLAG_KINDS
    order = [
        html.index('class="lead moment-line"'),
        html.index('id="appreciation-heading"'),
        html.index('id="bright-heading"'),
        html.index('id="compare-heading"'),
        html.index('id="cmp-emotional"'),
        html.index('id="flags-heading"'),
    ]
    assert order == sorted(order)
    before_details, details = html.split('<details class="more-flags">')
    details = details.split("</details>")[0]
    assert before_details.count('<article class="card flag') == 1
    assert details.count('<article class="card flag') == len(context["flags"]) - 1
    assert "More to look at (5)" in details
    first = context["flags"][0]
    assert f"flag-{first.kind}" in before_details
    assert before_details.count("Try this:") == 1


def test_no_flag_names_a_partner_or_gives_their_word_count(
    client, partner_a, partner_b, counsellor, every_flag, couple
):
    """Catches a flag that says who wrote more, who left a part blank or who rated higher,
    or prints "«Alex» wrote 120 words and «Sam» 1", on every page the couple reads flags on.
    (The counsellor's summary names them on purpose, issue 12: tests/test_counsellor_voice.py
    checks that it names the right person; here it must only find the same flags.)"""
    access = connect(couple, counsellor, partner_a, partner_b)
    shown = []
    for user in (partner_a, partner_b):
        _html, context = page(client, user, every_flag)
        shown += [(f.title, f.explanation, f.suggestion) for f in context["flags"]]
        client.force_login(user)
        shown.append((client.get(reverse("home")).context["latest_flags"][0].title,))
    client.force_login(counsellor)
    summary = client.get(reverse("counsellor:summary", args=[access.pk])).content.decode()
    flag_items = re.findall(r'<ul class="flag-list">(.*?)</ul>', summary, re.S)
    assert flag_items
    for texts in shown:
        for text in texts:
            for name in ("«Alex»", "«Sam»", "Alex", "Sam"):
                assert name not in text, text
            assert not PER_PERSON_COUNT.search(text), text


def test_both_partners_see_the_same_flags_in_the_same_words(
    client, partner_a, partner_b, every_flag
):
    _html, seen_by_alex = page(client, partner_a, every_flag)
    _html, seen_by_sam = page(client, partner_b, every_flag)
    assert seen_by_alex["flags"] == seen_by_sam["flags"]


def test_the_moment_is_marked_with_the_appreciation_quoted(client, partner_a, partner_b, couple):
    """Catches the reveal opening with anything but what you appreciated about each other."""
    week, older = history(couple, 2)
    html, _context = page(client, partner_a, week)
    moment = html.index("You've both checked in. Before anything else")
    quoted = html.index('<blockquote class="written" dir="auto">Thanks «b1»</blockquote>')
    assert moment < quoted < html.index("emotional «b1»")
    assert "Sam, about you" in html
    assert "You, about Sam" in html
    # An older week, no longer open, says it in the past.
    html, _context = page(client, partner_b, older)
    assert "You both checked in that week. Before anything else" in html


def test_a_week_with_no_flags_still_has_something_warm_to_say(client, partner_a, couple):
    [week] = history(couple, 1)
    CheckIn.objects.filter(week=week).update(signs=[])
    Answer.objects.filter(checkin__week=week).update(rating=4)
    html, context = page(client, partner_a, week)
    assert context["flags"] == []
    assert 'id="flags-heading"' not in html
    assert "What went well" in html
    assert "You both made time for this." in html
    assert "Close for both of you:" in html


def test_each_answer_is_shown_with_the_question_it_answers(client, partner_a, couple):
    """The week's stored prompts, not this week's rotation: catches the question recomputed
    from the planned rotation, or missing beside a part."""
    [week] = history(couple, 1)
    asked = {d: next(p for p in BANK[d] if p.key != k).key for d, k in week.prompts.items()}
    Week.objects.filter(pk=week.pk).update(prompts=asked)
    html = _unescape(page(client, partner_a, week)[0])
    for dim in ("emotional", "experiential", "intellectual"):
        section = html.split(f'id="cmp-{dim}"')[1].split('<section class="card compare"')[0]
        assert str(prompt_by_key(asked[dim]).text) in section, dim
        assert str(prompt_by_key(week.prompts[dim]).text) not in html, dim
        assert section.index("The question:") < section.index(f"{dim} «a1»")


def test_the_counsellor_sees_the_question_beside_each_shared_answer(
    client, couple, counsellor, partner_a, partner_b
):
    [week] = history(couple, 1)
    Answer.objects.filter(
        checkin__week=week, checkin__membership__seat=1, dimension="intellectual"
    ).update(share_with_counsellor=True)
    access = connect(couple, counsellor, partner_a, partner_b)
    client.force_login(counsellor)
    html = _unescape(client.get(reverse("counsellor:summary", args=[access.pk])).content.decode())
    question = str(prompt_by_key(week.prompts["intellectual"]).text)
    shared = html.split("Shared answers")[1]
    assert shared.index(question) < shared.index("intellectual «a1»")
    assert shared.count("The question:") == 1  # only the shared answer


# --------------------------------------------------------------------------------------------
# A week that is not revealed: who is awaited, or who didn't check in
# --------------------------------------------------------------------------------------------


def _one_sided(couple, weeks_ago: int, *, alex: bool, sam: bool) -> Week:
    couple.created_at -= timedelta(weeks=weeks_ago + 1)
    couple.save(update_fields=["created_at"])
    week = Week.objects.create(
        couple=couple, starts_on=clock_for(couple).current - timedelta(weeks=weeks_ago)
    )
    a, b = couple.memberships.order_by("seat")
    if alex:
        checkin_for(week, a, text="«a»")
    if sam:
        checkin_for(week, b, text="«b»")
    return week


@pytest.mark.parametrize(
    ("weeks_ago", "alex", "sam", "alex_reads", "sam_reads"),
    [
        (2, True, False, "Sam didn't check in that week", "You didn't check in that week"),
        (2, False, True, "You didn't check in that week", "Alex didn't check in that week"),
        (2, False, False, "Neither of you checked in that week", None),
        (
            1,
            True,
            False,
            "Waiting for Sam's check-in",
            "Your check-in is open whenever you're ready",
        ),
        (
            0,
            False,
            True,
            "Your check-in is open whenever you're ready",
            "Waiting for Alex's check-in",
        ),
        (0, False, False, "Waiting for both of you", "Waiting for both of you"),
    ],
    ids=["closed-sam-skipped", "closed-alex-skipped", "closed-nobody", "late", "open", "new"],
)
def test_the_heading_names_who_is_awaited_or_who_skipped(
    client, couple, partner_a, partner_b, weeks_ago, alex, sam, alex_reads, sam_reads
):
    """Catches "Waiting for both of you" on a week that has closed, and a heading that
    does not say whom the week is waiting for."""
    week = _one_sided(couple, weeks_ago, alex=alex, sam=sam)
    for user, expected in ((partner_a, alex_reads), (partner_b, sam_reads or alex_reads)):
        html = _unescape(page(client, user, week)[0])
        heading = re.search(r'<h2 id="status-heading">(.*?)</h2>', html).group(1)
        assert heading == expected
        if weeks_ago == 2:
            assert "Waiting for" not in html
            assert "That week is closed." in html
    if weeks_ago == 2 and alex and not sam:
        html = page(client, partner_b, week)[0]
        assert "«a»" not in html  # a skipped week keeps Alex's words private


def test_the_home_page_names_bright_spots_first_and_counts_the_rest(client, partner_a, every_flag):
    client.force_login(partner_a)
    html = _unescape(client.get(reverse("home")).content.decode())
    latest = html.split('id="latest-heading"')[1]
    assert latest.index('<p class="bright">') < latest.index("One thing worth a gentle look")
    assert "One of you had more to say this week, and 5 more to look at together." in latest
    assert "Open your week together" in latest
