from __future__ import annotations

from datetime import date, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command

from accounts.models import Couple, Membership, User
from accounts.scoping import couple_for
from checkins import selectors, weeks
from checkins.catalog import Dimension, WarningSign
from checkins.flags import (
    CoupleWeek,
    FlagKind,
    PartnerWeek,
    Thresholds,
    count_words,
    flags_for,
    history_flags,
    sharing_measure,
    week_flags,
)
from checkins.flags import written as counted
from checkins.models import Answer, CheckIn, Week
from checkins.prompts import BANK
from demo import people
from demo.answers import REFLECTIONS, SECOND_ANSWERS
from demo.build import Written, write_story
from demo.story import DIMENSIONS
from tests.factories import UserFactory, make_couple

pytestmark = pytest.mark.django_db

ALEX, SAM = people.ALEX.email, people.SAM.email
PASSWORD = people.DEMO_PASSWORD


@pytest.fixture(autouse=True)
def _debug(settings):
    settings.DEBUG = True


def run(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def demo_couple() -> Couple:
    return Couple.objects.get(memberships__user__email=ALEX)


def partner_week(checkin: CheckIn | None) -> PartnerWeek:
    if checkin is None:
        return PartnerWeek()
    answers = list(checkin.answers.all())
    return PartnerWeek(
        submitted=checkin.is_submitted,
        ratings={a.dimension: a.rating for a in answers if a.rating is not None},
        reflection_words={a.dimension: a.reflection_words for a in answers},
        need_words={a.dimension: a.need_words for a in answers},
        appreciation_words=checkin.appreciation_words,
        signs=frozenset(checkin.signs),
    )


def couple_weeks(couple: Couple) -> list[CoupleWeek]:
    """The couple's stored weeks as the flag rules see them, oldest first."""
    seats = {m.seat: m for m in couple.memberships.select_related("user")}
    seat = {m.pk: number for number, m in seats.items()}
    dimensions = selectors.dimensions_for(couple_for(seats[1].user))
    result = []
    for week in Week.objects.for_couple(couple).with_checkins().order_by("starts_on"):
        by_seat = {seat[c.membership_id]: c for c in week.checkins.all()}
        result.append(
            CoupleWeek(
                week=week.starts_on,
                a=partner_week(by_seat.get(1)),
                b=partner_week(by_seat.get(2)),
                dimensions=dimensions,
            )
        )
    return result


def week_flag_kinds(history: list[CoupleWeek]) -> dict[FlagKind, list[int]]:
    """For each kind of week flag, the indexes (oldest first) of the weeks that raise it."""
    kinds: dict[FlagKind, list[int]] = {}
    for index, week in enumerate(history):
        for flag in week_flags(week, Thresholds()):
            kinds.setdefault(flag.kind, []).append(index)
    return kinds


# --------------------------------------------------------------------------------------------
# What it creates
# --------------------------------------------------------------------------------------------


def test_it_creates_two_verified_demo_users():
    run()
    users = User.objects.order_by("email")
    assert [(u.email, u.display_name) for u in users] == [(ALEX, "Alex"), (SAM, "Sam")]
    for user in users:
        assert user.is_active
        assert EmailAddress.objects.filter(
            user=user, email=user.email, verified=True, primary=True
        ).exists()


def test_it_creates_one_couple_with_alex_in_seat_1_and_sam_in_seat_2():
    run()
    couple = Couple.objects.get()
    assert couple.time_zone == "Europe/London"
    assert couple.week_start_day == 0
    assert couple.is_open
    seats = {m.seat: m for m in Membership.objects.filter(couple=couple)}
    assert seats[1].wants_physical
    assert seats[2].wants_physical  # each chose the part about affection
    assert seats[1].user.email == ALEX
    assert seats[2].user.email == SAM
    assert couple.created_at <= seats[1].joined_at < seats[2].joined_at
    assert couple_for(seats[2].user).partner == seats[1]


def test_it_fills_the_twelve_weeks_before_the_current_one():
    run()
    couple = demo_couple()
    clock = selectors.clock_for(couple)
    found = list(Week.objects.for_couple(couple).order_by("starts_on"))

    expected = [clock.current - weeks.ONE_WEEK * n for n in range(12, 0, -1)]
    assert [w.starts_on for w in found] == expected
    assert not Week.objects.filter(couple=couple, starts_on=clock.current).exists()
    assert [w.prompts for w in found] == [
        selectors.planned_prompts(couple, w.starts_on) for w in found
    ]
    assert sum(w.is_revealed for w in found) == 11
    # The couple began in the first of those weeks, so the history has no empty weeks.
    assert weeks.week_start_for(couple.created_at, clock.tz, 0) == expected[0]


def test_every_check_in_is_submitted_inside_its_week_with_four_rated_answers():
    run()
    tz = ZoneInfo("Europe/London")
    dimensions = set(Dimension.values)
    for week in Week.objects.with_checkins():
        start, end = weeks.week_bounds(week.starts_on, tz)
        checkins = list(week.checkins.all())
        assert checkins
        for checkin in checkins:
            assert start <= checkin.submitted_at < end
            assert {a.dimension for a in checkin.answers.all()} == dimensions
            assert all(1 <= a.rating <= 5 for a in checkin.answers.all())
            assert set(checkin.signs) <= set(WarningSign.values)
        if week.is_revealed:
            assert len(checkins) == 2
            assert week.revealed_at == max(c.submitted_at for c in checkins)
    assert Answer.objects.count() == (11 * 2 + 1) * 4


def test_every_stored_word_count_is_the_count_of_its_text():
    run()
    answers = Answer.objects.filter(checkin__week__couple=demo_couple())
    assert answers.count() > 0
    for answer in answers:
        assert answer.reflection_words == count_words(answer.reflection)
        assert answer.need_words == count_words(answer.need)
    for checkin in CheckIn.objects.filter(week__couple=demo_couple()):
        assert checkin.appreciation_words == count_words(checkin.appreciation) > 0


def test_sam_skipped_one_week_and_cannot_see_what_alex_wrote_in_it():
    run()
    skipped = Week.objects.with_checkins().get(revealed_at__isnull=True)
    [only] = skipped.checkins.all()
    assert only.membership.user.email == ALEX
    assert only.is_submitted

    sam = couple_for(User.objects.get(email=SAM))
    seen = selectors.visible_week(sam, skipped.starts_on, skipped)
    assert seen.mine is None
    assert seen.partners is None
    assert not seen.revealed


def test_the_writing_is_varied_and_some_private_notes_are_kept():
    run()
    for email in (ALEX, SAM):
        answers = Answer.objects.filter(checkin__membership__user__email=email)
        reflections = {a.reflection for a in answers if a.reflection}
        assert len(reflections) >= 20
        assert not any("lorem" in text.lower() for text in reflections)
        notes = CheckIn.objects.filter(membership__user__email=email).exclude(private_note="")
        assert 1 <= notes.count() <= 3
    follow_ups = CheckIn.objects.exclude(follow_through="")
    assert follow_ups.count() >= 18


# --------------------------------------------------------------------------------------------
# The flags it is there to show
# --------------------------------------------------------------------------------------------


def test_the_history_raises_every_kind_of_flag():
    run()
    history = couple_weeks(demo_couple())
    assert len(history) == 12

    shown = flags_for(history, Thresholds())
    [pattern] = [f for f in shown if f.kind == FlagKind.ONE_SIDED_PATTERN]
    assert (pattern.more, pattern.less) == ("a", "b")  # Alex shares, Sam holds back

    kinds = week_flag_kinds(history)
    for kind in (
        FlagKind.ONE_SIDED_WEEK,
        FlagKind.SILENT_DIMENSION,
        FlagKind.RATING_GAP,
        FlagKind.SHARED_SIGN,
    ):
        assert kind in kinds, kind

    drifting = [f for f in history_flags(history, Thresholds()) if f.kind == FlagKind.DRIFTING]
    assert [f.dimensions for f in drifting] == [(Dimension.EXPERIENTIAL.value,)]


def test_sam_writes_much_less_in_at_least_three_of_the_last_four_revealed_weeks():
    run()
    revealed = [w for w in couple_weeks(demo_couple()) if w.revealed][-4:]
    one_sided = 0
    for week in revealed:
        alex = sharing_measure(week.a, week.dimensions).words
        sam = sharing_measure(week.b, week.dimensions).words
        one_sided += alex >= 25 and sam < 0.4 * alex
    assert one_sided >= 3


def test_a_shared_sign_a_blank_dimension_and_a_rating_gap_each_come_up():
    run()
    history = couple_weeks(demo_couple())
    flags = [f for week in history for f in week_flags(week, Thresholds())]
    assert any(f.kind == FlagKind.SHARED_SIGN and f.sign in WarningSign.values for f in flags)
    assert any(f.kind == FlagKind.RATING_GAP and f.gap >= 2 for f in flags)
    silent = [f for f in flags if f.kind == FlagKind.SILENT_DIMENSION]
    assert silent
    assert all((f.more, f.less) == ("a", "b") for f in silent)


def test_every_prompt_in_the_bank_has_answers():
    keys = {prompt.key for prompts in BANK.values() for prompt in prompts}
    assert set(REFLECTIONS) == keys
    assert set(SECOND_ANSWERS) == keys


@pytest.mark.parametrize("seed", range(1, 41))
def test_the_story_raises_the_same_flags_whatever_the_prompts(seed):
    """Prompts depend on the couple's id and the date; the flags must not."""
    couple = Couple(pk=seed)
    for offset in range(12):  # every position in the prompt cycle
        first = date(2025, 1, 6) + timedelta(weeks=offset)
        starts = [first + weeks.ONE_WEEK * i for i in range(12)]
        written = write_story([selectors.planned_prompts(couple, s) for s in starts])
        history = [
            CoupleWeek(week=s, a=_plain(a), b=_plain(b), dimensions=DIMENSIONS)
            for s, (a, b) in zip(starts, written, strict=True)
        ]
        assert week_flag_kinds(history) == {
            FlagKind.ONE_SIDED_WEEK: [8, 10, 11],
            FlagKind.SILENT_DIMENSION: [11],
            FlagKind.RATING_GAP: [3, 11],
            FlagKind.SHARED_SIGN: [10],
        }
        kinds = [f.kind for f in history_flags(history, Thresholds())]
        assert kinds == [FlagKind.ONE_SIDED_PATTERN, FlagKind.DRIFTING]  # in display order
        for alex, sam in written:
            for partner in (alex, sam):
                if partner is not None:
                    texts = [t for t in partner.reflections.values() if t]
                    assert len(texts) == len(set(texts))


def _plain(written: Written | None) -> PartnerWeek:
    if written is None:
        return PartnerWeek()
    return counted(
        submitted=True,
        ratings=written.ratings,
        reflections=written.reflections,
        needs=written.needs,
        appreciation=written.appreciation,
        signs=frozenset(written.signs),
    )


# --------------------------------------------------------------------------------------------
# The command line
# --------------------------------------------------------------------------------------------


def test_it_ends_with_the_logins(client):
    out = run()
    last = out.strip().splitlines()[-3:]
    assert last == [
        "Demo couple ready. Log in at http://127.0.0.1:8000/accounts/login/ as",
        f"  {ALEX} / {PASSWORD}",
        f"  {SAM}  / {PASSWORD}",
    ]
    for line in last[1:]:
        email, password = (part.strip() for part in line.split("/"))
        assert client.login(username=email, password=password)
        client.logout()


def test_if_empty_changes_nothing_but_still_prints_the_logins():
    run()
    before = (User.objects.count(), Couple.objects.count(), Week.objects.count())
    pks = list(User.objects.order_by("pk").values_list("pk", flat=True))

    out = run("--if-empty")

    assert (User.objects.count(), Couple.objects.count(), Week.objects.count()) == before
    assert list(User.objects.order_by("pk").values_list("pk", flat=True)) == pks
    assert "already exist" in out
    assert out.strip().endswith(f"{SAM}  / {PASSWORD}")


def test_if_empty_seeds_an_empty_database():
    out = run("--if-empty")
    assert User.objects.count() == 2
    assert Week.objects.count() == 12
    assert out.strip().endswith(f"{SAM}  / {PASSWORD}")


def test_without_options_it_leaves_an_existing_demo_alone():
    run()
    before = (User.objects.count(), Couple.objects.count(), Week.objects.count())
    out = run()
    assert (User.objects.count(), Couple.objects.count(), Week.objects.count()) == before
    assert "already exist" in out
    assert "--reset" in out


def test_reset_recreates_the_demo_and_leaves_other_people_alone():
    other = UserFactory(email="someone@example.com")
    theirs = make_couple(other, UserFactory())
    run()
    old_couple = demo_couple()
    old_users = set(User.objects.filter(email__in=[ALEX, SAM]).values_list("pk", flat=True))

    out = run("--reset")

    assert "Deleted the old demo couple" in out
    assert not Couple.objects.filter(pk=old_couple.pk).exists()
    new_users = set(User.objects.filter(email__in=[ALEX, SAM]).values_list("pk", flat=True))
    assert len(new_users) == 2
    assert not new_users & old_users
    assert Week.objects.for_couple(demo_couple()).count() == 12
    assert Week.objects.count() == 12
    assert EmailAddress.objects.filter(email__in=[ALEX, SAM]).count() == 2
    assert Couple.objects.filter(pk=theirs.pk).exists()
    assert User.objects.filter(pk=other.pk).exists()


def test_reset_on_an_empty_database_just_seeds():
    run("--reset")
    assert Couple.objects.count() == 1
    assert Week.objects.count() == 12


def test_it_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only runs with DEBUG on"):
        run()
    assert not User.objects.exists()
    assert not Couple.objects.exists()


def test_if_empty_and_reset_cannot_be_combined():
    with pytest.raises(CommandError):
        run("--if-empty", "--reset")
    assert not User.objects.exists()
