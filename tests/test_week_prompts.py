"""A week's prompts are fixed when the week is created: the stored ones win over the planned
rotation; only a key no longer in the bank falls back to the planned prompt."""

import pytest
from django.urls import reverse

from checkins.models import Week
from checkins.prompts import BANK, prompt_by_key
from checkins.selectors import clock_for, planned_prompts, prompts_of

pytestmark = pytest.mark.django_db

RETIRED = "emotional-99"  # the shape of a key, but in no bank: a retired prompt


def _another(dimension: str, than: str) -> str:
    return next(p.key for p in BANK[dimension] if p.key != than)


@pytest.fixture
def stored_week(couple):
    """This week, stored with prompts that differ from the planned rotation, except for the
    emotional one, whose stored key was retired from the bank."""
    starts_on = clock_for(couple).current
    planned = planned_prompts(couple, starts_on)
    stored = {d: _another(d, than=k) for d, k in planned.items()} | {"emotional": RETIRED}
    week = Week.objects.create(couple=couple, starts_on=starts_on, prompts=stored)
    return {"week": week, "planned": planned, "stored": stored}


def test_stored_prompts_win_and_a_retired_key_falls_back_to_the_planned_one(couple, stored_week):
    """Catches the week's prompts recomputed from the rotation (ignoring what was stored),
    and a retired key shown as nothing."""
    assert prompt_by_key(RETIRED) is None
    week, planned, stored = stored_week["week"], stored_week["planned"], stored_week["stored"]
    shown = {d: p.key for d, p in prompts_of(week, couple, week.starts_on).items()}
    assert shown == stored | {"emotional": planned["emotional"]}
    assert all(shown[d] != planned[d] for d in planned if d != "emotional")


def test_before_the_week_exists_the_planned_prompts_are_shown(couple):
    starts_on = clock_for(couple).current
    shown = {d: p.key for d, p in prompts_of(None, couple, starts_on).items()}
    assert shown == planned_prompts(couple, starts_on)


def test_the_checkin_page_asks_the_stored_questions(client, couple, partner_a, stored_week):
    """Catches the check-in page asking the planned questions of a week that stored others."""
    client.force_login(partner_a)
    url = reverse("checkins:checkin", args=[stored_week["week"].starts_on.isoformat()])
    sections = {s["dimension"]: s["prompt"].key for s in client.get(url).context["sections"]}
    expected = stored_week["stored"] | {"emotional": stored_week["planned"]["emotional"]}
    assert sections == {d: expected[d] for d in sections}
    html = client.get(url).content.decode()
    for dimension, key in sections.items():
        text = str(prompt_by_key(key).text).replace("'", "&#x27;").replace('"', "&quot;")
        assert text in html, dimension
