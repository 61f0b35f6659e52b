"""Turning the demo data into rows: ``create_demo``, ``delete_demo``, ``demo_exists``.

``write_story`` first turns the story into each week's check-ins without touching the
database, answering the prompts each week really has (they depend on the couple's id and the
date); ``create_demo`` then stores them through the apps' models.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import Couple, CoupleEvent, Membership, User
from checkins import selectors, weeks
from checkins.models import Answer, CheckIn, Week
from demo.answers import REFLECTIONS, SECOND_ANSWERS
from demo.people import ALEX, DEMO_EMAILS, DEMO_PASSWORD, SAM, TIME_ZONE, WEEK_START_DAY, Person
from demo.story import DIMENSIONS, HISTORY_WEEKS, STORY, Entry, Moment

# --------------------------------------------------------------------------------------------
# The story as check-ins (plain data, no database)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Written:
    """One partner's submitted check-in, as it will be stored."""

    ratings: dict[str, int]
    reflections: dict[str, str]
    needs: dict[str, str]
    appreciation: str
    signs: list[str]
    follow_through: str
    private_note: str
    at: Moment


USUAL, STRETCHED, SECOND = 0, 1, 2


def _answers(key: str, partner: str) -> tuple[str, str, str]:
    usual, stretched = getattr(REFLECTIONS[key], partner)
    return usual, stretched, SECOND_ANSWERS[key][0 if partner == "alex" else 1]


def _pick(key: str, partner: str, stretched: bool, given: set[tuple[str, int]]) -> str:
    """A partner's answer to prompt ``key``, never the same one twice.

    A prompt comes back at most once in twelve weeks, and at least five weeks later. In the
    good weeks it then gets the second answer. The stretched weeks all fall in the last five,
    so no prompt comes up twice among them and their stretched answer is always still free.
    """
    answers = _answers(key, partner)
    order = (STRETCHED, SECOND, USUAL) if stretched else (USUAL, SECOND, STRETCHED)
    index = next((i for i in order if (key, i) not in given), order[0])
    given.add((key, index))
    return answers[index]


def _write(
    entry: Entry, prompts: Mapping[str, str], partner: str, given: set[tuple[str, int]]
) -> Written:
    reflections = {
        d: "" if d in entry.blank else _pick(prompts[d], partner, entry.stretched, given)
        for d in DIMENSIONS
    }
    return Written(
        ratings=dict(zip(DIMENSIONS, entry.ratings, strict=True)),
        reflections=reflections,
        needs={
            d: "" if d in entry.blank else need
            for d, need in zip(DIMENSIONS, entry.needs, strict=True)
        },
        appreciation=entry.appreciation,
        signs=list(entry.signs),
        follow_through=entry.follow_through,
        private_note=entry.private_note,
        at=entry.at,
    )


def write_story(prompts: Sequence[Mapping[str, str]]) -> list[tuple[Written, Written | None]]:
    """Alex's and Sam's check-ins for each week of ``STORY``, given each week's prompt keys."""
    if len(prompts) != len(STORY):
        raise ValueError(f"the story has {len(STORY)} weeks, got prompts for {len(prompts)}")
    given_alex: set[tuple[str, int]] = set()
    given_sam: set[tuple[str, int]] = set()
    written: list[tuple[Written, Written | None]] = []
    for story, week_prompts in zip(STORY, prompts, strict=True):
        alex = _write(story.alex, week_prompts, "alex", given_alex)
        sam = _write(story.sam, week_prompts, "sam", given_sam) if story.sam else None
        written.append((alex, sam))
    return written


# --------------------------------------------------------------------------------------------
# The database
# --------------------------------------------------------------------------------------------


def _local(day: date, at: Moment, tz: ZoneInfo) -> datetime:
    days, hour, minute = at
    return datetime.combine(day + timedelta(days=days), time(hour, minute), tzinfo=tz)


def _demo_user(person: Person, first: date, tz: ZoneInfo) -> User:
    user = User.objects.create_user(
        person.email,
        DEMO_PASSWORD,
        display_name=person.name,
        date_joined=_local(first, person.signed_up, tz),
    )
    EmailAddress.objects.create(user=user, email=person.email, primary=True, verified=True)
    return user


def _store(week: Week, membership: Membership, written: Written, tz: ZoneInfo) -> CheckIn:
    submitted = _local(week.starts_on, written.at, tz)
    checkin = CheckIn.objects.create(
        week=week,
        membership=membership,
        submitted_at=submitted,
        updated_at=submitted,
        appreciation=written.appreciation,
        private_note=written.private_note,
        signs=written.signs,
        follow_through=written.follow_through,
    )
    Answer.objects.bulk_create(
        Answer(
            checkin=checkin,
            dimension=dimension,
            rating=written.ratings[dimension],
            reflection=written.reflections[dimension],
            need=written.needs[dimension],
        )
        for dimension in DIMENSIONS
    )
    return checkin


def _join(couple: Couple, user: User, person: Person, first: date, tz: ZoneInfo) -> Membership:
    return Membership.objects.create(
        couple=couple, user=user, seat=person.seat, joined_at=_local(first, person.joined, tz)
    )


def _store_weeks(
    couple: Couple, first: date, seats: tuple[Membership, Membership], tz: ZoneInfo
) -> None:
    """The story's weeks from ``first`` on, each revealed once Sam has checked in too."""
    seat_1, seat_2 = seats
    starts = [first + weeks.ONE_WEEK * i for i in range(HISTORY_WEEKS)]
    prompts = [selectors.planned_prompts(couple, starts_on) for starts_on in starts]
    for starts_on, week_prompts, (alex_wrote, sam_wrote) in zip(
        starts, prompts, write_story(prompts), strict=True
    ):
        submissions = [_local(starts_on, w.at, tz) for w in (alex_wrote, sam_wrote) if w]
        week = Week.objects.create(
            couple=couple,
            starts_on=starts_on,
            prompts=week_prompts,
            created_at=min(submissions) - timedelta(minutes=35),
        )
        _store(week, seat_1, alex_wrote, tz)
        if sam_wrote is not None:
            _store(week, seat_2, sam_wrote, tz)
            week.revealed_at = max(submissions)
            week.save(update_fields=["revealed_at"])


def demo_exists() -> bool:
    """Whether either demo login is taken (by the demo or anyone else)."""
    return User.objects.filter(email__in=DEMO_EMAILS).exists()


def create_demo(now: datetime | None = None) -> Couple:
    """Create Alex, Sam, their couple and twelve weeks of check-ins before the current week."""
    now = now or timezone.now()
    couple = Couple.objects.create(
        time_zone=TIME_ZONE, week_start_day=WEEK_START_DAY, physical_enabled=True
    )
    clock = selectors.clock_for(couple, now)
    tz = clock.tz
    first = clock.current - weeks.ONE_WEEK * HISTORY_WEEKS

    couple.created_at = _local(first, ALEX.joined, tz)  # Alex starts it on joining
    couple.save(update_fields=["created_at"])
    alex = _demo_user(ALEX, first, tz)
    sam = _demo_user(SAM, first, tz)
    seat_1 = _join(couple, alex, ALEX, first, tz)
    seat_2 = _join(couple, sam, SAM, first, tz)
    CoupleEvent.objects.create(
        couple=couple, actor=alex, kind=CoupleEvent.Kind.STARTED, created_at=seat_1.joined_at
    )
    CoupleEvent.objects.create(
        couple=couple, actor=sam, kind=CoupleEvent.Kind.JOINED, created_at=seat_2.joined_at
    )
    _store_weeks(couple, first, (seat_1, seat_2), tz)
    return couple


def delete_demo() -> None:
    """Delete the demo users and every couple they belong to, with all its check-ins."""
    users = User.objects.filter(email__in=DEMO_EMAILS)
    couple_ids = list(
        Couple.objects.filter(memberships__user__in=users).values_list("pk", flat=True)
    )
    CheckIn.objects.filter(week__couple_id__in=couple_ids).delete()  # answers go with them
    Week.objects.filter(couple_id__in=couple_ids).delete()
    Membership.objects.filter(couple_id__in=couple_ids).delete()
    Couple.objects.filter(pk__in=couple_ids).delete()  # events and invites go with it
    users.delete()  # email addresses go with them
