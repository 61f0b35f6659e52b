"""A person with every kind of data, their partner, a couple of theirs that ended and another
couple, with a unique marker in every text field, for the export tests."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Couple, CoupleEvent, Membership, User
from checkins.models import Answer, CheckIn, Reaction, Week
from checkins.selectors import clock_for, planned_prompts
from counselling import services as counselling_services
from counselling.state import consent_state
from notifications.models import EmailPreferences
from tests.checkin_helpers import checkin_for, marker, plant_markers
from tests.counselling_helpers import connect
from tests.factories import PASSWORD, UserFactory, make_couple


@dataclass
class Planted:
    """Markers by whether the owner (``Alex``) may find them in their own export."""

    shown: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)

    @property
    def every(self) -> list[str]:
        return self.shown + self.hidden


def _week(couple: Couple, weeks_ago: int, *, revealed: bool) -> Week:
    starts_on = clock_for(couple).current - timedelta(weeks=weeks_ago)
    return Week.objects.create(
        couple=couple,
        starts_on=starts_on,
        prompts=planned_prompts(couple, starts_on),
        revealed_at=timezone.now() if revealed else None,
    )


def _withheld(checkin: CheckIn, tag: str) -> str:
    text = marker(tag, "physical", "withheld")
    Answer.objects.create(
        checkin=checkin, dimension="physical", rating=3, reflection=text, need="", withheld=True
    )
    return text


def build(alex: User, sam: User, couple: Couple, counsellor: User) -> Planted:
    """Alex and Sam's couple with every kind of week, Alex's ended couple with Robin, and
    Olive and Omar's couple; returns which markers Alex's export must and must not hold."""
    planted = Planted()
    a, b = couple.memberships.order_by("seat")
    couple.created_at = timezone.now() - timedelta(weeks=6)
    couple.save(update_fields=["created_at"])

    # Revealed: all of Alex's, Sam's but the private note and the withheld answer.
    week = _week(couple, 1, revealed=True)
    mine, theirs = checkin_for(week, a), checkin_for(week, b)
    *sam_words, sam_note = plant_markers(theirs, "sam-revealed")
    planted.shown += plant_markers(mine, "alex-revealed") + sam_words
    planted.hidden += [sam_note, _withheld(theirs, "sam-revealed")]
    planted.shown.append(_withheld(mine, "alex-revealed"))  # Alex's own, kept for Alex
    Reaction.objects.create(checkin=theirs, part="reflection:emotional", by=a, kind="thanks")
    Reaction.objects.create(checkin=mine, part="need:emotional", by=b, kind="will_do")

    # Alex submitted, Sam has a draft: none of Sam's.
    week = _week(couple, 2, revealed=False)
    planted.shown += plant_markers(checkin_for(week, a), "alex-waiting")
    planted.hidden += plant_markers(checkin_for(week, b, submitted=False), "sam-draft")

    # Sam submitted, Alex has a draft: Alex's draft, none of Sam's.
    week = _week(couple, 3, revealed=False)
    planted.shown += plant_markers(checkin_for(week, a, submitted=False), "alex-draft")
    planted.hidden += plant_markers(checkin_for(week, b), "sam-unrevealed")

    # Only Sam checked in.
    week = _week(couple, 4, revealed=False)
    planted.hidden += plant_markers(checkin_for(week, b), "sam-alone")

    # Alex's couple with Robin, ended: Alex's own answers only, even of a revealed week.
    robin = UserFactory(display_name="Robin Pastley", email="robin@example.com")
    ended = Couple.objects.create(closed_at=timezone.now(), closed_by=robin)
    ended.created_at = timezone.now() - timedelta(weeks=60)
    ended.save(update_fields=["created_at"])
    left = timezone.now() - timedelta(weeks=10)
    old_a = Membership.objects.create(couple=ended, user=alex, seat=1, left_at=left)
    old_b = Membership.objects.create(couple=ended, user=robin, seat=2, left_at=left)
    week = _week(ended, 20, revealed=True)
    planted.shown += plant_markers(checkin_for(week, old_a), "alex-past")
    planted.hidden += plant_markers(checkin_for(week, old_b), "robin-past")

    # Another couple altogether.
    pia = UserFactory(display_name="Pia Elsewhere", email="pia@example.com")
    quinn = UserFactory(display_name="Quinn Elsewhere", email="quinn@example.com")
    other = make_couple(pia, quinn)
    o1, o2 = other.memberships.order_by("seat")
    week = _week(other, 1, revealed=True)
    planted.hidden += plant_markers(checkin_for(week, o1), "pia")
    planted.hidden += plant_markers(checkin_for(week, o2), "quinn")

    # The couple's records: a change, a counsellor both consent to, who looked.
    CoupleEvent.objects.create(couple=couple, actor=sam, kind="settings", detail="time zone")
    access = connect(couple, counsellor, alex, sam, span="12")
    counselling_services.log_view(state=consent_state(access), page="dashboard")
    EmailPreferences.objects.create(user=alex, remind_weekday=2, remind_hour=8, nudges=False)
    return planted


def log_in_recently(client: Client, user: User) -> None:
    """Log in, then confirm the password (allauth's reauthentication), as a download needs."""
    client.force_login(user)
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302


def read(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content).decode()


def export_json(client: Client) -> tuple[str, dict[str, object]]:
    text = read(client.get(reverse("yourdata:export_json")))
    return text, json.loads(text)
