"""Email goes out only for changes that were kept, and the rate limits on sending it are
counted in the shared cache (Redis), where every worker process sees the same count."""

import pytest
import redis
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from accounts import services as accounts_services
from accounts.scoping import couple_for
from checkins import services as checkin_services
from checkins.forms import AnswerData, CheckInData
from checkins.selectors import clock_for
from counselling import services as counselling_services
from tests.counselling_helpers import connect
from tests.factories import UserFactory

# --- No email when the transaction rolls back --------------------------------------------


class Rollback(Exception):
    """Raised after the service returns, to undo the whole transaction."""


def _then_fail(call):
    """Run ``call`` in a transaction that fails after it returned."""
    with transaction.atomic():
        call()
        raise Rollback


def _revoke(couple, partner_a, partner_b, counsellor):
    access = connect(couple, counsellor, partner_a, partner_b)
    return lambda: counselling_services.consent_revoke(access=access, partner=partner_b)


def _partner_invite(couple, partner_a, partner_b, counsellor):
    inviter = UserFactory()
    pending = accounts_services.couple_start(user=inviter)
    return lambda: accounts_services.invite_create(
        couple=pending, by=inviter, sent_to="kim@example.com"
    )


def _counsellor_invite(couple, partner_a, partner_b, counsellor):
    return lambda: counselling_services.counsellor_invite_create(
        couple=couple, by=partner_a, email="someone@example.com"
    )


def _submit(couple, partner_a, partner_b, counsellor):
    data = CheckInData(
        answers={"emotional": AnswerData(3, "", "")},
        appreciation="",
        private_note="",
        signs=[],
        follow_through="",
    )
    week = clock_for(couple).current
    return lambda: checkin_services.checkin_submit(
        ctx=couple_for(partner_a), starts_on=week, data=data
    )


def _remove(couple, partner_a, partner_b, counsellor):
    access = connect(couple, counsellor, partner_a, partner_b)
    return lambda: counselling_services.counsellor_remove(access=access, by=partner_a)


def _unpair(couple, partner_a, partner_b, counsellor):
    return lambda: accounts_services.couple_close(couple=couple, by=partner_a)


EMAILING = {
    "consent_revoke": _revoke,
    "invite_create with sent_to": _partner_invite,
    "counsellor_invite_create": _counsellor_invite,
    "checkin_submit": _submit,
    "counsellor_remove": _remove,
    "couple_close": _unpair,
}


@pytest.mark.django_db
@pytest.mark.parametrize("service", list(EMAILING))
def test_a_service_rolled_back_by_its_caller_sends_no_email(
    couple, partner_a, partner_b, counsellor, django_capture_on_commit_callbacks, service
):
    """Catches an email sent at once instead of on commit: the caller's transaction fails
    after the service returned, so nothing it did (its email included) may survive."""
    call = EMAILING[service](couple, partner_a, partner_b, counsellor)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Rollback):
        _then_fail(call)
    assert mail.outbox == []


@pytest.mark.django_db
@pytest.mark.parametrize("service", list(EMAILING))
def test_the_same_service_kept_does_send_its_email(
    couple, partner_a, partner_b, counsellor, django_capture_on_commit_callbacks, service
):
    """The control for the test above: each of these services does send email."""
    call = EMAILING[service](couple, partner_a, partner_b, counsellor)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        call()
    assert mail.outbox != []


@pytest.mark.django_db(transaction=True)
def test_no_invitation_email_when_a_real_transaction_rolls_back():
    """The same with real commits and rollbacks, no captured callbacks: an invitation made
    in a transaction that fails leaves no invitation and sends no email."""
    from accounts.models import Invite

    inviter = UserFactory()
    pending = accounts_services.couple_start(user=inviter)
    with pytest.raises(Rollback):
        _then_fail(
            lambda: accounts_services.invite_create(
                couple=pending, by=inviter, sent_to="kim@example.com"
            )
        )
    assert mail.outbox == []
    assert not Invite.objects.exists()
    accounts_services.invite_create(couple=pending, by=inviter, sent_to="kim@example.com")
    assert [m.to for m in mail.outbox] == [["kim@example.com"]]


# --- Rate limits live in the shared cache ------------------------------------------------


@pytest.fixture
def shared_redis():
    """A client of its own on the Redis the app's cache uses (not the app's connection)."""
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    client = redis.Redis.from_url(settings.REDIS_URL)
    yield client
    client.close()


@pytest.fixture
def pending_person(client, db):
    """Signed in, with a couple started and no partner yet: allowed to email invitations."""
    person = UserFactory()
    client.force_login(person)
    client.post(reverse("couple:start"))
    return person


@pytest.mark.redis
def test_the_invitation_email_limit_is_counted_in_redis(client, pending_person, shared_redis):
    """Catches a limit counted in process memory (or under a key no other worker reads)."""
    key = cache.make_key(f"ratelimit:invite-email:{pending_person.pk}")
    for sent in (1, 2):
        response = client.post(reverse("couple:invite_send"), {"email": f"k{sent}@example.com"})
        assert response.status_code == 302
        assert int(shared_redis.get(key)) == sent
    assert 0 < shared_redis.ttl(key) <= 3600


@pytest.mark.redis
def test_a_count_made_by_another_worker_stops_this_one(
    client, pending_person, shared_redis, settings
):
    """Catches each worker keeping its own count: the attempts another worker counted in
    Redis already use up the hour's limit here."""
    key = cache.make_key(f"ratelimit:invite-email:{pending_person.pk}")
    shared_redis.set(key, settings.INVITE_EMAILS_PER_HOUR, ex=3600)
    mail.outbox.clear()
    response = client.post(reverse("couple:invite_send"), {"email": "k@example.com"})
    assert response.status_code == 429
    assert mail.outbox == []
