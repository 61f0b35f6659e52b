"""The private note is the writer's alone: it counts in no flag, no chart and no sharing
balance, and the partner never sees it."""

import pytest
from django.urls import reverse

from accounts.scoping import couple_for
from checkins import comparison, flags
from checkins.models import PRIVATE_NOTE_MAX, Answer, CheckIn, Week
from tests.checkin_helpers import history, leaked, plant_markers, write_text

pytestmark = pytest.mark.django_db

# As many words as the note holds: far more than everything else written that week.
HUGE = ("note " * (PRIVATE_NOTE_MAX // 5)).strip()


@pytest.fixture
def balanced_week(couple):
    """One revealed week where both partners wrote the same few words everywhere."""
    week = history(couple, 1)[0]
    write_text(Answer.objects.filter(checkin__week=week), reflection="we went walking", need="")
    write_text(CheckIn.objects.filter(week=week), appreciation="thank you", private_note="")
    return week


def _read(ctx, week):
    """Everything the comparison computes from a week: the rule inputs, the flags, the
    charts and the sharing balance (the share of words that was Alex's)."""
    fresh = Week.objects.with_checkins().get(pk=week.pk)
    cw = comparison.couple_week(ctx, fresh)
    return {
        "inputs": cw,
        "rule flags": flags.flags_for([cw], comparison.thresholds()),
        "shown flags": comparison.flags_for_week(ctx, [fresh]),
        "trends": comparison.trends(ctx, [fresh], 1),
        "sharing": (
            flags.sharing_measure(cw.a, cw.dimensions),
            flags.sharing_measure(cw.b, cw.dimensions),
        ),
    }


def test_a_huge_private_note_changes_no_flag_chart_or_balance(couple, partner_a, balanced_week):
    """Catches the note fed into the comparison (as part of the appreciation, a reflection,
    or any word count): it would make Alex's week look one-sided."""
    ctx = couple_for(partner_a)
    before = _read(ctx, balanced_week)
    write_text(CheckIn.objects.filter(week=balanced_week, membership__seat=1), private_note=HUGE)
    after = _read(ctx, balanced_week)
    for part in before:
        assert after[part] == before[part], part
    assert before["sharing"][0] == before["sharing"][1]
    assert all(HUGE not in str(value) for value in vars(after["inputs"].a).values())


def test_the_same_words_outside_the_note_do_change_the_flags(couple, partner_a, balanced_week):
    """The control for the test above: the week is sensitive to word counts, so a note that
    counted would have shown."""
    ctx = couple_for(partner_a)
    before = _read(ctx, balanced_week)
    write_text(CheckIn.objects.filter(week=balanced_week, membership__seat=1), appreciation=HUGE)
    after = _read(ctx, balanced_week)
    assert "one_sided_week" in [f.kind for f in after["shown flags"]]
    assert after["sharing"] != before["sharing"]
    assert after["trends"].balance != before["trends"].balance


def test_the_partner_never_sees_my_private_note_on_any_page(client, couple, partner_b):
    """Catches a template or fragment that shows the partner's note (week page, its htmx
    fragment, home, history, trends)."""
    week = history(couple, 1)[0]
    alex = plant_markers(CheckIn.objects.get(week=week, membership__seat=1), "alex")
    note = [m for m in alex if "private-note" in m]
    url = reverse("checkins:week", args=[week.starts_on.isoformat()])
    client.force_login(partner_b)
    pages = {
        "week": client.get(url).content.decode(),
        "fragment": client.get(url, headers={"HX-Request": "true"}).content.decode(),
        "home": client.get(reverse("home")).content.decode(),
        "history": client.get(reverse("checkins:history")).content.decode(),
        "trends": client.get(reverse("checkins:trends")).content.decode(),
    }
    shown = [m for m in alex if m not in note]
    assert leaked(shown, pages["week"]) == shown  # the rest of Alex's week is shown…
    for page, html in pages.items():
        assert leaked(note, html) == [], page  # …the note never
