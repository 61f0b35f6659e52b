"""The data keys: in their own database, one per person even when two first writes race, and
a development key-encryption key made once and kept."""

from __future__ import annotations

import stat

import pytest
from django.db import connections

from datakeys.kek import kek_ring
from datakeys.models import DataKey
from datakeys.services import forget_cached_keys, key_for_person
from tests.checkin_helpers import history
from tests.concurrency import at_once
from tests.factories import UserFactory


@pytest.mark.django_db
def test_keys_live_only_in_the_keys_database(couple):
    history(couple, 1)
    assert DataKey.objects.count() == 2
    with connections["keys"].cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM datakeys_datakey")
        assert cursor.fetchone()[0] == 2
    tables = connections["default"].introspection.table_names()
    assert "datakeys_datakey" not in tables
    assert "checkins_checkin" not in connections["keys"].introspection.table_names()


@pytest.mark.django_db
def test_a_wrapped_key_holds_no_key_in_clear(couple, partner_a):
    history(couple, 1)
    row = DataKey.objects.get(person_id=partner_a.pk)
    assert row.kek_id == kek_ring().current.id
    assert len(bytes(row.wrapped)) == 12 + 32 + 16  # nonce, wrapped key, tag


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_first_writes_at_once_end_with_one_key():
    person = UserFactory()

    def first_write():
        forget_cached_keys()
        return key_for_person(person.pk).id

    results = at_once(first_write, first_write, first_write)
    assert all(isinstance(r, str) for r in results), results
    assert len(set(results)) == 1
    assert DataKey.objects.filter(person_id=person.pk).count() == 1


@pytest.mark.django_db(transaction=True)
def test_first_writes_one_after_another_share_the_key():
    person = UserFactory()
    first = key_for_person(person.pk).id
    forget_cached_keys()
    assert key_for_person(person.pk).id == first
    assert DataKey.objects.filter(person_id=person.pk).count() == 1


def test_development_makes_a_kek_once_and_keeps_it(settings, tmp_path):
    settings.DEBUG = True
    settings.DATA_KEYS_KEK = ""
    settings.DATA_KEYS_KEK_FILE = tmp_path / ".data-kek"
    made = kek_ring().current
    assert stat.S_IMODE((tmp_path / ".data-kek").stat().st_mode) == 0o600
    kek_ring.cache_clear()  # a new process
    assert kek_ring().current == made
    assert made.id == "dev"


def test_production_without_a_kek_refuses_to_open_keys(settings, tmp_path):
    from django.core.exceptions import ImproperlyConfigured

    settings.DEBUG = False
    settings.DATA_KEYS_KEK = ""
    settings.DATA_KEYS_KEK_FILE = tmp_path / ".data-kek"
    with pytest.raises(ImproperlyConfigured, match="DATA_KEYS_KEK must be set"):
        kek_ring()
    assert not (tmp_path / ".data-kek").exists()
