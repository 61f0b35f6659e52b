"""Written text is stored sealed under its author's data key, bound to its row and column."""

from __future__ import annotations

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from checkins.fields import Sealed
from checkins.models import Answer, CheckIn
from checkins.selectors import clock_for
from datakeys.errors import UnreadableText
from datakeys.models import DataKey
from datakeys.sealing import is_sealed
from datakeys.services import destroy_person_keys, forget_cached_keys, key_for_person
from tests.checkin_helpers import history, marked_form

pytestmark = pytest.mark.django_db


def _raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def _set_raw(table: str, column: str, pk: int, value: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {column} = %s WHERE id = %s", [value, pk])


def _submit(client, user, couple, data):
    client.force_login(user)
    week = clock_for(couple).current.isoformat()
    response = client.post(reverse("checkins:checkin", args=[week]), data | {"action": "submit"})
    assert response.status_code == 302, response.content.decode()


def test_text_written_through_the_form_is_stored_sealed_and_reads_back(client, couple, partner_a):
    form = marked_form("round-trip")
    _submit(client, partner_a, couple, form)
    checkin = CheckIn.objects.get()
    answer = checkin.answers.get(dimension="emotional")
    for table, column, pk in [
        ("checkins_checkin", "appreciation", checkin.pk),
        ("checkins_checkin", "private_note", checkin.pk),
        ("checkins_answer", "reflection", answer.pk),
        ("checkins_answer", "need", answer.pk),
    ]:
        stored = _raw(table, column, pk)
        assert is_sealed(stored), (column, stored)
        assert "«" not in stored
    fresh = CheckIn.objects.get()
    assert fresh.appreciation == form["appreciation"]
    assert fresh.private_note == form["private_note"]
    again = Answer.objects.get(pk=answer.pk)
    assert again.reflection == form["emotional-reflection"]
    assert again.need == form["emotional-need"]


def test_each_person_has_their_own_data_key(couple, partner_a, partner_b):
    history(couple, 1)
    assert set(DataKey.objects.values_list("person_id", flat=True)) == {
        partner_a.pk,
        partner_b.pk,
    }
    a, b = (
        CheckIn.objects.get(membership__user=p).appreciation.stored for p in (partner_a, partner_b)
    )
    assert a.split(":")[1] == DataKey.objects.get(person_id=partner_a.pk).pk
    assert b.split(":")[1] == DataKey.objects.get(person_id=partner_b.pk).pk


def test_the_same_words_seal_differently_each_time(couple, partner_a):
    [week] = history(couple, 1)
    one, two = week.checkins.order_by("pk")
    one.appreciation = two.appreciation = "the same words"
    one.save(update_fields=["appreciation"])
    two.save(update_fields=["appreciation"])
    assert _raw("checkins_checkin", "appreciation", one.pk) != _raw(
        "checkins_checkin", "appreciation", two.pk
    )


def test_empty_text_stays_empty(couple, partner_a):
    [week] = history(couple, 1)
    checkin = week.checkins.first()
    checkin.private_note = ""
    checkin.save(update_fields=["private_note"])
    assert _raw("checkins_checkin", "private_note", checkin.pk) == ""
    assert CheckIn.objects.get(pk=checkin.pk).private_note == ""


def test_a_ciphertext_copied_to_another_row_does_not_open(couple):
    [week] = history(couple, 1)
    checkin = week.checkins.first()
    emotional, intellectual = (
        checkin.answers.get(dimension=d) for d in ("emotional", "intellectual")
    )
    _set_raw(
        "checkins_answer",
        "reflection",
        intellectual.pk,
        _raw("checkins_answer", "reflection", emotional.pk),
    )
    with pytest.raises(UnreadableText):
        _ = Answer.objects.get(pk=intellectual.pk).reflection
    assert Answer.objects.get(pk=emotional.pk).reflection  # the original still opens


def test_a_ciphertext_copied_to_the_partners_row_does_not_open(couple):
    [week] = history(couple, 1)
    one, two = week.checkins.order_by("pk")
    _set_raw(
        "checkins_checkin", "appreciation", two.pk, _raw("checkins_checkin", "appreciation", one.pk)
    )
    with pytest.raises(UnreadableText):
        _ = CheckIn.objects.get(pk=two.pk).appreciation


def test_a_ciphertext_copied_to_another_column_does_not_open(couple):
    [week] = history(couple, 1)
    checkin = week.checkins.first()
    answer = checkin.answers.first()
    _set_raw("checkins_answer", "need", answer.pk, _raw("checkins_answer", "reflection", answer.pk))
    with pytest.raises(UnreadableText):
        _ = Answer.objects.get(pk=answer.pk).need
    _set_raw(
        "checkins_checkin",
        "private_note",
        checkin.pk,
        _raw("checkins_checkin", "appreciation", checkin.pk),
    )
    with pytest.raises(UnreadableText):
        _ = CheckIn.objects.get(pk=checkin.pk).private_note


def test_an_altered_ciphertext_does_not_open(couple):
    [week] = history(couple, 1)
    checkin = week.checkins.first()
    stored = _raw("checkins_checkin", "appreciation", checkin.pk)
    flipped = stored[:-3] + ("A" if stored[-3] != "A" else "B") + stored[-2:]
    _set_raw("checkins_checkin", "appreciation", checkin.pk, flipped)
    with pytest.raises(UnreadableText):
        _ = CheckIn.objects.get(pk=checkin.pk).appreciation


def test_text_of_a_destroyed_key_raises_instead_of_showing_anything(couple, partner_a):
    history(couple, 1)
    assert destroy_person_keys(person_id=partner_a.pk) == 1
    forget_cached_keys()  # as another process would, after CACHE_SECONDS
    checkin = CheckIn.objects.get(membership__user=partner_a)
    with pytest.raises(UnreadableText):
        _ = checkin.appreciation
    with pytest.raises(UnreadableText):
        _ = checkin.answers.first().reflection
    # The partner's text is under their own key and still reads.
    assert CheckIn.objects.exclude(membership__user=partner_a).get().appreciation


def test_destroying_forgets_the_cached_key_in_this_process_at_once(couple, partner_a):
    history(couple, 1)
    _ = CheckIn.objects.get(membership__user=partner_a).appreciation  # cached now
    destroy_person_keys(person_id=partner_a.pk)
    with pytest.raises(UnreadableText):
        _ = CheckIn.objects.get(membership__user=partner_a).appreciation


def test_destroying_keys_of_someone_who_never_wrote_is_harmless(partner_a):
    assert destroy_person_keys(person_id=partner_a.pk) == 0


def test_a_new_key_after_erasure_does_not_open_the_old_text(couple, partner_a):
    history(couple, 1)
    checkin = CheckIn.objects.get(membership__user=partner_a)
    destroy_person_keys(person_id=partner_a.pk)
    key_for_person(partner_a.pk)  # a later write makes a new key
    with pytest.raises(UnreadableText):
        _ = CheckIn.objects.get(pk=checkin.pk).appreciation


@pytest.mark.parametrize(
    "write",
    [
        lambda: CheckIn.objects.update(appreciation="in clear"),
        lambda: Answer.objects.update(reflection="in clear"),
        lambda: Answer.objects.update(need="in clear"),
        lambda: CheckIn.objects.update(private_note="in clear"),
    ],
    ids=["appreciation", "reflection", "need", "private_note"],
)
def test_update_with_plain_text_is_refused(couple, write):
    history(couple, 1)
    with pytest.raises(ValueError, match="refuses a plain value"), transaction.atomic():
        write()
    assert all(
        is_sealed(_raw("checkins_checkin", "appreciation", c.pk)) for c in CheckIn.objects.all()
    )


def test_bulk_update_with_plain_text_is_refused(couple):
    history(couple, 1)
    answers = list(Answer.objects.all())
    for answer in answers:
        answer.reflection = "in clear"
    with pytest.raises(ValueError, match="refuses a plain value"), transaction.atomic():
        Answer.objects.bulk_update(answers, ["reflection"])


def test_filtering_on_the_text_is_refused(couple):
    history(couple, 1)
    with pytest.raises(ValueError, match="refuses a plain value"), transaction.atomic():
        list(Answer.objects.filter(reflection="emotional"))
    assert Answer.objects.filter(reflection="").count() == 0  # empty text is no secret


def test_values_give_sealed_text_that_refuses_to_be_shown(couple):
    history(couple, 1)
    [value, *_rest] = Answer.objects.values_list("reflection", flat=True)
    assert isinstance(value, Sealed)
    with pytest.raises(TypeError):
        str(value)


def test_bulk_create_seals(couple, partner_a):
    history(couple, 1, revealed=False)
    checkin = CheckIn.objects.get(membership__user=partner_a)
    checkin.answers.all().delete()
    Answer.objects.bulk_create(
        [Answer(checkin=checkin, dimension="emotional", rating=3, reflection="bulk words")]
    )
    answer = checkin.answers.get()
    assert is_sealed(_raw("checkins_answer", "reflection", answer.pk))
    assert Answer.objects.get(pk=answer.pk).reflection == "bulk words"


def test_saving_a_row_without_touching_its_text_keeps_the_ciphertext(couple):
    [week] = history(couple, 1)
    checkin = week.checkins.first()
    before = _raw("checkins_checkin", "appreciation", checkin.pk)
    fresh = CheckIn.objects.get(pk=checkin.pk)
    fresh.save()  # text never read
    assert _raw("checkins_checkin", "appreciation", checkin.pk) == before
    read = CheckIn.objects.get(pk=checkin.pk)
    _ = read.appreciation
    read.save()  # text read, not changed
    assert _raw("checkins_checkin", "appreciation", checkin.pk) == before


def test_a_row_whose_key_is_gone_can_still_be_saved_and_deleted_unread(couple, partner_a):
    history(couple, 1)
    destroy_person_keys(person_id=partner_a.pk)
    forget_cached_keys()
    checkin = CheckIn.objects.get(membership__user=partner_a)
    checkin.signs = []
    checkin.save()
    checkin.answers.all().delete()
    assert not Answer.objects.filter(checkin=checkin).exists()


def test_legacy_plain_text_still_reads_and_is_sealed_when_saved(couple):
    [week] = history(couple, 1)
    checkin = week.checkins.first()
    _set_raw("checkins_checkin", "appreciation", checkin.pk, "written before encryption")
    fresh = CheckIn.objects.get(pk=checkin.pk)
    assert fresh.appreciation == "written before encryption"
    fresh.save(update_fields=["appreciation"])
    assert is_sealed(_raw("checkins_checkin", "appreciation", checkin.pk))
    assert CheckIn.objects.get(pk=checkin.pk).appreciation == "written before encryption"


def test_deferred_text_opens_when_read(couple):
    [week] = history(couple, 1)
    checkin = week.checkins.first()
    expected = checkin.appreciation
    assert CheckIn.objects.defer("appreciation").get(pk=checkin.pk).appreciation == expected
    answer = Answer.objects.only("id").get(pk=checkin.answers.first().pk)
    assert answer.reflection.endswith("»")


def test_many_rows_ask_the_keys_database_once_per_person(couple):
    history(couple, 8)
    forget_cached_keys()
    with CaptureQueriesContext(connections["keys"]) as asked:
        texts = [c.appreciation for c in CheckIn.objects.all()]
        texts += [a.reflection for a in Answer.objects.all()]
    assert len(texts) == 16 + 48
    assert len(asked.captured_queries) == 2  # one per partner, then cached


def test_history_models_in_migrations_pass_stored_values_through(couple):
    from django.db.migrations.executor import MigrationExecutor

    [week] = history(couple, 1)
    checkin = week.checkins.first()
    stored = _raw("checkins_checkin", "appreciation", checkin.pk)
    state = MigrationExecutor(connection).loader.project_state()
    Historical = state.apps.get_model("checkins", "CheckIn")
    old = Historical.objects.get(pk=checkin.pk)
    assert old.appreciation == stored  # the ciphertext, untouched
    old.save()
    assert _raw("checkins_checkin", "appreciation", checkin.pk) == stored
    assert CheckIn.objects.get(pk=checkin.pk).appreciation == checkin.appreciation


def test_a_revealed_week_page_shows_the_words_and_no_ciphertext(client, couple, partner_a):
    [week] = history(couple, 1)
    client.force_login(partner_a)
    html = client.get(reverse("checkins:week", args=[week.starts_on.isoformat()])).content.decode()
    assert "tw1:" not in html
    for checkin in week.checkins.all():
        assert checkin.appreciation in html


@pytest.mark.parametrize("page", ["checkins:history", "checkins:trends", "home"])
def test_a_page_asks_the_keys_database_at_most_once_per_person_and_then_not_at_all(
    client, couple, partner_a, page
):
    history(couple, 12)
    forget_cached_keys()
    client.force_login(partner_a)
    with CaptureQueriesContext(connections["keys"]) as cold:
        assert client.get(reverse(page)).status_code == 200
    with CaptureQueriesContext(connections["keys"]) as warm:
        assert client.get(reverse(page)).status_code == 200
    assert len(cold.captured_queries) <= 2  # one per partner
    assert len(warm.captured_queries) == 0


def test_an_unwrapped_key_is_asked_for_again_once_its_time_is_up(couple, monkeypatch):
    from datakeys import services

    history(couple, 1)
    forget_cached_keys()
    monkeypatch.setattr(services, "CACHE_SECONDS", -1.0)  # every cached key already stale
    with CaptureQueriesContext(connections["keys"]) as asked:
        _ = [c.appreciation for c in CheckIn.objects.all()]
        _ = [c.appreciation for c in CheckIn.objects.all()]
    assert len(asked.captured_queries) == 4


def test_loaddata_refuses_text_in_clear_instead_of_storing_it(couple):
    from django.core import serializers

    [week] = history(couple, 1)
    checkin = week.checkins.first()
    dumped = serializers.serialize("json", [checkin])
    assert checkin.appreciation in dumped  # a dump is read through the app: in clear
    [restored] = serializers.deserialize("json", dumped)
    with pytest.raises(ValueError, match="refuses a plain value"), transaction.atomic():
        restored.save()
    assert is_sealed(_raw("checkins_checkin", "appreciation", checkin.pk))
