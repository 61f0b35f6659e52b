"""The past-questions page: what the couple was asked, week by week and part by part."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from accounts.scoping import couple_for
from checkins.models import Week
from checkins.prompts import prompt_by_key
from checkins.selectors import clock_for, dimensions_for, prompts_of
from tests.checkin_helpers import DIMS, history

pytestmark = pytest.mark.django_db


def _page(client, user, query: str = "") -> str:
    client.force_login(user)
    return client.get(reverse("checkins:questions") + query).content.decode()


def test_every_week_is_listed_newest_first_with_its_stored_questions(client, partner_a, couple):
    weeks = history(couple, 3)
    html = _page(client, partner_a)
    listed = re.findall(r'<li class="card questions-week" id="week-([\d-]+)"', html)
    current = clock_for(couple).current
    assert listed == [d.isoformat() for d in [current, *(w.starts_on for w in weeks)]]
    for week in weeks:
        prompts = prompts_of(week, couple, week.starts_on)
        for dim in DIMS:
            assert escape(str(prompts[dim].text)) in html


def test_a_stored_question_wins_over_the_planned_one(client, partner_a, couple):
    (week,) = history(couple, 1)
    planned = week.prompts["emotional"]
    other = {
        "emotional": next(
            prompt_by_key(f"emotional-0{n}") for n in (1, 2) if f"emotional-0{n}" != planned
        )
    }
    assert other["emotional"] is not None
    stored = {**week.prompts, "emotional": other["emotional"].key}
    Week.objects.filter(pk=week.pk).update(prompts=stored)
    section = re.search(
        rf'id="week-{week.starts_on.isoformat()}".*?</li>', _page(client, partner_a), re.S
    )[0]
    assert escape(str(other["emotional"].text)) in section


def test_a_week_nobody_opened_lists_the_planned_questions_of_the_current_parts(
    client, partner_a, couple
):
    history(couple, 1)
    current = clock_for(couple).current
    section = re.search(
        rf'id="week-{current.isoformat()}".*?</li>', _page(client, partner_a), re.S
    )[0]
    prompts = prompts_of(None, couple, current)
    for dim in dimensions_for(couple_for(partner_a)):
        assert escape(str(prompts[dim].text)) in section
    assert "Read your answers" not in section  # nothing of mine that week yet


def test_part_by_part_lists_each_question_once_with_the_weeks_it_was_asked(
    client, partner_a, couple
):
    weeks = history(couple, 2)
    same = weeks[0].prompts["emotional"]
    Week.objects.filter(pk=weeks[1].pk).update(prompts={**weeks[1].prompts, "emotional": same})
    html = _page(client, partner_a, "?by=part")
    text = escape(str(prompts_of(weeks[0], couple, weeks[0].starts_on)["emotional"].text))
    assert html.count(text) == 1
    item = re.search(rf"{re.escape(text)}.*?</li>", html, re.S)[0]
    for week in weeks:
        assert f'datetime="{week.starts_on.isoformat()}"' in item


def test_the_page_shows_no_answers_and_the_journal_links_to_it(client, partner_a, couple):
    history(couple, 2)
    assert "«" not in _page(client, partner_a)
    assert "«" not in _page(client, partner_a, "?by=part")
    client.force_login(partner_a)
    journal = client.get(reverse("checkins:history")).content.decode()
    assert f'href="{reverse("checkins:questions")}"' in journal
