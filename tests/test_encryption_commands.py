"""``encrypt_private_text`` seals existing rows in place, resumably; ``rotate_data_keys``
re-wraps every data key under a new key-encryption key, resumably, while text stays readable."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from checkins.models import Answer, CheckIn
from checkins.sealing import plaintext_rows
from datakeys.errors import UnreadableText
from datakeys.kek import new_kek_value, parse_kek
from datakeys.models import DataKey
from datakeys.sealing import is_sealed
from datakeys.services import forget_cached_keys, key_for_person
from tests.checkin_helpers import history
from tests.conftest import TEST_KEK
from tests.factories import UserFactory, make_couple

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def _texts() -> dict[tuple[str, int, str], str]:
    """Every private text as the app reads it, by (model, pk, field)."""
    found = {}
    for checkin in CheckIn.objects.all():
        found["checkin", checkin.pk, "appreciation"] = checkin.appreciation
        found["checkin", checkin.pk, "private_note"] = checkin.private_note
    for answer in Answer.objects.all():
        found["answer", answer.pk, "reflection"] = answer.reflection
        found["answer", answer.pk, "need"] = answer.need
    return found


def _all_stored() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT appreciation, private_note FROM checkins_checkin")
        stored = [v for row in cursor.fetchall() for v in row]
        cursor.execute("SELECT reflection, need FROM checkins_answer")
        stored += [v for row in cursor.fetchall() for v in row]
    return [v for v in stored if v]


def _to_plaintext(texts: dict[tuple[str, int, str], str]) -> None:
    """Write every text back in clear, as a database from before encryption holds it."""
    with connection.cursor() as cursor:
        for (kind, pk, field), text in texts.items():
            table = "checkins_checkin" if kind == "checkin" else "checkins_answer"
            cursor.execute(f"UPDATE {table} SET {field} = %s WHERE id = %s", [text, pk])


# --- encrypt_private_text ------------------------------------------------------------------


def test_encrypting_existing_rows_seals_every_text_and_keeps_the_words(couple):
    history(couple, 3)
    before = _texts()
    _to_plaintext(before)
    assert not any(is_sealed(v) for v in _all_stored())
    assert _texts() == before  # legacy text reads meanwhile

    output = _run("encrypt_private_text", "--batch-size", "2")

    assert "All private text is encrypted." in output
    assert all(is_sealed(v) for v in _all_stored())
    forget_cached_keys()
    assert _texts() == before


def test_an_interrupted_encryption_resumes_where_it_stopped(couple):
    history(couple, 3)  # 6 check-ins, 18 answers
    before = _texts()
    _to_plaintext(before)

    output = _run("encrypt_private_text", "--batch-size", "2", "--max-batches", "2")

    assert "still in clear: run the command again" in output
    assert plaintext_rows(CheckIn) == 2  # 4 of 6 sealed, then interrupted
    assert plaintext_rows(Answer) == 18
    sealed_first = {
        pk: value
        for pk, value in CheckIn.objects.values_list("pk", "appreciation")
        if is_sealed(value.stored)
    }
    assert len(sealed_first) == 4
    assert _texts() == before  # half sealed, half in clear: all of it reads

    output = _run("encrypt_private_text", "--batch-size", "5")

    assert "All private text is encrypted." in output
    assert plaintext_rows(CheckIn) == plaintext_rows(Answer) == 0
    # What the first run sealed was left as it was, not sealed twice.
    assert {
        pk: v for pk, v in CheckIn.objects.values_list("pk", "appreciation") if pk in sealed_first
    } == sealed_first
    assert _texts() == before


def test_encrypting_twice_changes_nothing(couple):
    history(couple, 1)
    stored = _all_stored()
    assert "All private text is encrypted." in _run("encrypt_private_text")
    assert _all_stored() == stored


# --- rotate_data_keys ------------------------------------------------------------------------

NEW_KEK = new_kek_value("kek-2")


def _people_who_wrote(n: int) -> None:
    for i in range(n):
        a, b = UserFactory(display_name=f"A{i}"), UserFactory(display_name=f"B{i}")
        history(make_couple(a, b), 1, label=f"c{i}")


def test_rotation_rewraps_every_key_and_the_old_kek_can_then_go(settings):
    _people_who_wrote(2)
    before = _texts()
    old_id = parse_kek(TEST_KEK).id
    assert set(DataKey.objects.values_list("kek_id", flat=True)) == {old_id}

    settings.DATA_KEYS_KEK = NEW_KEK
    settings.DATA_KEYS_OLD_KEKS = [TEST_KEK]
    forget_cached_keys()
    assert _texts() == before  # the old KEK still opens keys not yet re-wrapped
    output = _run("rotate_data_keys", "--batch-size", "3")

    assert "Every data key is under kek-2." in output
    assert set(DataKey.objects.values_list("kek_id", flat=True)) == {"kek-2"}
    settings.DATA_KEYS_OLD_KEKS = []
    forget_cached_keys()
    assert _texts() == before
    # New keys are wrapped under the new KEK too.
    newcomer = UserFactory()
    key_for_person(newcomer.pk)
    assert DataKey.objects.get(person_id=newcomer.pk).kek_id == "kek-2"


def test_an_interrupted_rotation_resumes_and_text_reads_throughout(settings):
    _people_who_wrote(3)  # 6 people, 6 keys
    before = _texts()
    settings.DATA_KEYS_KEK = NEW_KEK
    settings.DATA_KEYS_OLD_KEKS = [TEST_KEK]

    output = _run("rotate_data_keys", "--batch-size", "2", "--max-batches", "1")

    assert "4 left: run the command again" in output
    kinds = list(DataKey.objects.values_list("kek_id", flat=True))
    assert sorted(kinds) == ["kek-2"] * 2 + ["test-kek"] * 4
    forget_cached_keys()  # mid-rotation, as a serving process reads from the keys database
    assert _texts() == before
    # Someone writes mid-rotation: their text is sealed and reads.
    checkin = CheckIn.objects.order_by("pk").first()
    checkin.appreciation = "written mid-rotation"
    checkin.save(update_fields=["appreciation"])

    _run("rotate_data_keys", "--batch-size", "2")

    assert set(DataKey.objects.values_list("kek_id", flat=True)) == {"kek-2"}
    settings.DATA_KEYS_OLD_KEKS = []
    forget_cached_keys()
    assert CheckIn.objects.get(pk=checkin.pk).appreciation == "written mid-rotation"
    before["checkin", checkin.pk, "appreciation"] = "written mid-rotation"
    assert _texts() == before


def test_dropping_the_old_kek_before_rotating_makes_text_unreadable_not_empty(settings):
    _people_who_wrote(1)
    settings.DATA_KEYS_KEK = NEW_KEK
    settings.DATA_KEYS_OLD_KEKS = []
    forget_cached_keys()
    with pytest.raises(UnreadableText, match="not configured"):
        _texts()


def test_a_data_key_row_moved_to_another_person_does_not_unwrap(couple, partner_a, partner_b):
    history(couple, 1)
    a = DataKey.objects.get(person_id=partner_a.pk)
    b = DataKey.objects.get(person_id=partner_b.pk)
    DataKey.objects.filter(pk=b.pk).update(wrapped=bytes(a.wrapped))
    forget_cached_keys()
    with pytest.raises(UnreadableText, match="does not unwrap"):
        _ = CheckIn.objects.get(membership__user=partner_b).appreciation


def test_new_kek_prints_a_value_the_settings_accept():
    value = _run("rotate_data_keys", "--new-kek").strip()
    assert len(parse_kek(value).secret) == 32
