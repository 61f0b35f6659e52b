"""``manage.py seed_load``: the rows it writes are what the app stores and reads back."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import Couple, Membership, User
from checkins.flags import count_words
from checkins.models import TEXTS, Answer, CheckIn, Reaction, Week
from checkins.selectors import clock_for
from counselling.models import Consent, CounsellorAccess
from datakeys.models import DataKey
from datakeys.routers import KEYS_DB
from datakeys.services import forget_cached_keys
from demo import load
from demo.management.commands import seed_load

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, databases="__all__")]

COUPLES, WEEKS = 30, 10


def _seed(**options: object) -> str:
    out = StringIO()
    options = {"couples": COUPLES, "weeks": WEEKS, "label": "t", "jobs": 1} | options
    call_command("seed_load", allow_production_settings=True, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def copies(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The tables of every COPY the loader sends."""
    sent: list[str] = []
    real = seed_load._copy

    def counting(alias: str, table: str, columns: tuple[str, ...], lines: list[str]) -> None:
        if lines:
            sent.append(table)
        real(alias, table, columns, lines)

    monkeypatch.setattr(seed_load, "_copy", counting)
    return sent


def test_it_seeds_the_couples_people_keys_and_counsellors(copies: list[str]) -> None:
    _seed()
    counsellors = -(-COUPLES // (load.COUNSELLED_EVERY * load.COUPLES_PER_COUNSELLOR))
    assert Couple.objects.count() == COUPLES
    assert Membership.objects.current().count() == 2 * COUPLES
    assert User.objects.count() == 2 * COUPLES + counsellors
    assert DataKey.objects.using(KEYS_DB).count() == 2 * COUPLES
    assert set(DataKey.objects.using(KEYS_DB).values_list("person_id", flat=True)) == set(
        Membership.objects.values_list("user_id", flat=True)
    )
    # One password hash for everyone, and it is the published load password.
    assert User.objects.values("password").distinct().count() == 1
    assert User.objects.first().check_password(seed_load.PASSWORD)
    for week in Week.objects.all():
        assert set(week.prompts) == {"emotional", "experiential", "intellectual", "physical"}
    # Bulk: one COPY per table per chunk of couples, never one per row.
    assert len(copies) <= len(load.COLUMNS) + 1 + (len(load.COLUMNS) + 1)  # couples, counsellors


def test_the_weeks_mix_revealed_one_sided_skipped_and_drafts() -> None:
    _seed()
    assert Week.objects.count() <= COUPLES * (WEEKS + 1)
    revealed = Week.objects.filter(revealed_at__isnull=False)
    assert 0.6 < revealed.count() / (COUPLES * WEEKS) < 0.9
    for week in revealed.prefetch_related("checkins"):
        assert [c.submitted_at is not None for c in week.checkins.all()] == [True, True]
    unrevealed = Week.objects.filter(revealed_at__isnull=True).prefetch_related("checkins")
    one_sided = [w for w in unrevealed if sum(c.is_submitted for c in w.checkins.all()) == 1]
    assert one_sided
    assert CheckIn.objects.filter(skipped_at__isnull=False, submitted_at__isnull=True).exists()
    assert Reaction.objects.exists()
    # This week: drafts, never revealed.
    current = [
        w
        for w in Week.objects.select_related("couple").prefetch_related("checkins")
        if w.starts_on == clock_for(w.couple).current
    ]
    assert current
    assert not any(w.revealed_at for w in current)
    assert any(c.submitted_at is None for w in current for c in w.checkins.all())
    # Lengths from a few words to a few hundred.
    words = list(Answer.objects.values_list("reflection_words", flat=True))
    assert min(w for w in words if w) <= 8
    assert max(words) >= 150


def test_counsellors_have_every_kind_of_consent_and_two_factors() -> None:
    from allauth.mfa.utils import is_mfa_enabled

    _seed(couples=18, weeks=2)
    kinds = set()
    for access in CounsellorAccess.objects.prefetch_related("consents"):
        given = [c.kind for c in access.consents.all()]
        grants = given.count(Consent.Kind.GRANT)
        kinds.add("withdrawn" if Consent.Kind.REVOKE in given else str(grants))
        assert is_mfa_enabled(access.counsellor)
    assert kinds == {"0", "1", "2", "withdrawn"}


def test_every_text_opens_and_its_word_count_matches() -> None:
    _seed()
    forget_cached_keys()  # opened with the keys as stored, not as made by the loader
    opened = 0
    for week in Week.objects.with_checkins(reactions=True):
        for checkin in week.checkins.all():
            for name in TEXTS[CheckIn]:
                text = getattr(checkin, name)
                assert isinstance(text, str)
                opened += bool(text)
            assert checkin.appreciation_words == count_words(checkin.appreciation)
            for answer in Answer.objects.filter(checkin=checkin).select_related(
                "checkin__membership"
            ):
                assert answer.reflection_words == count_words(answer.reflection)
                assert answer.need_words == count_words(answer.need)
                opened += bool(answer.reflection) + bool(answer.need)
    assert opened > COUPLES * WEEKS * 4
    # Every stored text is sealed (nothing in clear), under its author's key.
    for reflection in Answer.objects.exclude(reflection="").values_list("reflection", flat=True):
        assert reflection.stored.startswith("tw1:")


def test_a_seeded_couples_pages_and_their_counsellors_summary_render(client) -> None:  # type: ignore[no-untyped-def]
    _seed()
    seat = Membership.objects.select_related("couple", "user").order_by("user__email").first()
    current = clock_for(seat.couple).current
    shown = Week.objects.filter(couple=seat.couple, revealed_at__isnull=False).first()
    client.force_login(seat.user)
    for url in (
        reverse("home"),
        reverse("checkins:checkin", args=[current.isoformat()]),
        reverse("checkins:week", args=[shown.starts_on.isoformat()]),
        reverse("checkins:trends"),
        reverse("checkins:trends") + "?span=all",
        reverse("checkins:history"),
    ):
        response = client.get(url, secure=True)
        assert response.status_code == 200, url
    both = next(
        a
        for a in CounsellorAccess.objects.prefetch_related("consents")
        if [c.kind for c in a.consents.all()] == [Consent.Kind.GRANT] * 2
    )
    client.force_login(both.counsellor)
    response = client.get(reverse("counsellor:summary", args=[both.pk]), secure=True)
    assert response.status_code == 200


def test_it_refuses_a_batch_already_there_unless_told_to_skip() -> None:
    _seed(couples=2, weeks=2)
    with pytest.raises(CommandError, match="already"):
        _seed(couples=2, weeks=2)
    assert "nothing was changed" in _seed(couples=2, weeks=2, if_exists="skip")
    _seed(couples=2, weeks=2, label="other")
    assert Couple.objects.count() == 4


def test_it_refuses_production_settings_unless_told() -> None:
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_load", couples=1, weeks=1)
