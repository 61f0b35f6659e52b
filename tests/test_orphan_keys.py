"""``manage.py sweep_orphan_keys``: a data key left behind by an erasure whose key
destruction failed is destroyed later; a living person's key, and a key too young to judge,
are never touched."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from datakeys import services
from datakeys.models import DataKey
from datakeys.routers import KEYS_DB
from datakeys.services import key_for_person
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _key_of_someone_gone(*, hours_old: float) -> int:
    """A key whose person was deleted from the main database without its key going too."""
    person = UserFactory()
    key_for_person(person.pk)
    person_id = person.pk
    person.delete()
    DataKey.objects.using(KEYS_DB).filter(person_id=person_id).update(
        created_at=timezone.now() - timedelta(hours=hours_old)
    )
    return person_id


def _sweep(*args: str) -> str:
    out = StringIO()
    call_command("sweep_orphan_keys", *args, stdout=out)
    return out.getvalue()


def test_a_key_whose_person_is_gone_is_destroyed_and_the_living_keep_theirs():
    living = UserFactory()
    key_for_person(living.pk)
    DataKey.objects.using(KEYS_DB).update(created_at=timezone.now() - timedelta(days=3))
    gone = _key_of_someone_gone(hours_old=5)

    assert "Destroyed 1 orphaned data key(s)." in _sweep()

    assert not DataKey.objects.using(KEYS_DB).filter(person_id=gone).exists()
    assert DataKey.objects.using(KEYS_DB).filter(person_id=living.pk).exists()


def test_a_young_key_is_left_alone_since_its_person_may_not_have_committed_yet():
    young = _key_of_someone_gone(hours_old=0.25)
    assert "Destroyed 0" in _sweep()
    assert DataKey.objects.using(KEYS_DB).filter(person_id=young).exists()
    assert "Destroyed 1" in _sweep("--min-age-hours", "0.1")


def test_a_dry_run_counts_and_destroys_nothing():
    gone = _key_of_someone_gone(hours_old=2)
    assert "1 orphaned data key(s); nothing destroyed." in _sweep("--dry-run")
    assert DataKey.objects.using(KEYS_DB).filter(person_id=gone).exists()


def test_many_orphans_across_batches_are_all_found():
    gone = {_key_of_someone_gone(hours_old=2) for _ in range(5)}
    living = UserFactory()
    key_for_person(living.pk)
    DataKey.objects.using(KEYS_DB).filter(person_id=living.pk).update(
        created_at=timezone.now() - timedelta(hours=2)
    )
    found = set(
        services.orphaned_person_ids(
            live=lambda ids: {living.pk} & set(ids),
            created_before=timezone.now() - timedelta(hours=1),
            batch=2,
        )
    )
    assert found == gone
