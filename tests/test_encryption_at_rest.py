"""What a stolen database holds: no written text in its bytes, and after a person's erasure
(their data key destroyed) none of their text even in a backup taken before it."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from django.db import connection, connections
from django.urls import reverse

from checkins.models import CheckIn
from checkins.selectors import clock_for
from datakeys.errors import UnreadableText
from datakeys.models import DataKey
from datakeys.services import destroy_person_keys, forget_cached_keys
from tests.checkin_helpers import marked_form, markers_in
from yourdata.erasure import erase_person

pytestmark = pytest.mark.django_db(transaction=True)


def _plant(client, couple, partner_a, partner_b) -> list[str]:
    """Both partners write through the real check-in page (drafts and submitted), each text
    a unique sentence; returns them all."""
    planted = []
    for user, tag, action in ((partner_a, "alex", "submit"), (partner_b, "sam", "draft")):
        form = marked_form(f"a sentence only {tag} wrote about the week")
        client.force_login(user)
        week = clock_for(couple).current.isoformat()
        response = client.post(reverse("checkins:checkin", args=[week]), form | {"action": action})
        assert response.status_code in (200, 302), response.content.decode()
        planted += markers_in(form)
    assert CheckIn.objects.count() == 2
    return planted


def _file_bytes(path: str) -> bytes:
    data = Path(path).read_bytes()
    for extra in ("-wal", "-journal"):
        if Path(path + extra).exists():
            data += Path(path + extra).read_bytes()
    return data


def _found(sentences: list[str], dump: bytes) -> list[str]:
    return [s for s in sentences if s.encode() in dump]


@pytest.mark.sqlite
def test_the_sqlite_file_holds_none_of_the_sentences(client, couple, partner_a, partner_b):
    planted = _plant(client, couple, partner_a, partner_b)
    connection.close()
    dump = _file_bytes(connections.databases["default"]["NAME"])
    assert b"checkins_checkin" in dump  # the right file
    assert _found(planted, dump) == []
    # The sentences are real: each one reads back through the app.
    assert CheckIn.objects.get(membership__user=partner_a).appreciation in planted


def _pg(tool: str, *args: str) -> bytes:
    """Run a PostgreSQL client tool on the test database; its output."""
    settings_dict = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": settings_dict.get("PASSWORD") or ""}
    return subprocess.run(
        [
            shutil.which(tool) or tool,
            "-h",
            settings_dict["HOST"] or "127.0.0.1",
            "-p",
            str(settings_dict["PORT"] or 5432),
            "-U",
            settings_dict["USER"],
            *args,
        ],
        capture_output=True,
        env=env,
        check=True,
        timeout=120,
    ).stdout


@pytest.mark.postgres
def test_pg_dump_holds_none_of_the_sentences(client, couple, partner_a, partner_b):
    planted = _plant(client, couple, partner_a, partner_b)
    dump = _pg("pg_dump", connection.settings_dict["NAME"])
    assert b"checkins_checkin" in dump
    assert _found(planted, dump) == []


@pytest.mark.sqlite
def test_a_backup_taken_before_an_erasure_no_longer_opens_the_erased_text(
    client, couple, partner_a, partner_b, tmp_path
):
    planted = _plant(client, couple, partner_a, partner_b)
    alex_wrote = CheckIn.objects.get(membership__user=partner_a)
    alex_words = [alex_wrote.appreciation, alex_wrote.answers.first().reflection]
    sam_words = CheckIn.objects.get(membership__user=partner_b).appreciation
    assert all(w in planted for w in alex_words)
    backup = tmp_path / "backup.sqlite3"
    connection.ensure_connection()
    live = connection.connection
    with sqlite3.connect(backup) as copy:
        live.backup(copy)  # the nightly backup of the main database

    erase_person(user=partner_a)  # deletes the rows, then Alex's data key as it commits
    assert not DataKey.objects.filter(person_id=partner_a.pk).exists()

    # Disaster: the main database is restored from the backup taken before the erasure.
    with sqlite3.connect(backup) as copy:
        copy.backup(live)
    forget_cached_keys()  # a fresh process after the restore

    restored = CheckIn.objects.get(membership__user=partner_a)  # the row is back ...
    with pytest.raises(UnreadableText):
        _ = restored.appreciation  # ... but its words are gone for good
    with pytest.raises(UnreadableText):
        _ = restored.answers.first().reflection
    # The partner's words, under their own key, are restored and read.
    assert CheckIn.objects.get(membership__user=partner_b).appreciation == sam_words


@pytest.mark.postgres
def test_a_pg_dump_restored_after_an_erasure_no_longer_opens_the_erased_text(
    client, couple, partner_a, partner_b, tmp_path
):
    _plant(client, couple, partner_a, partner_b)
    alex_checkin = CheckIn.objects.get(membership__user=partner_a)
    sam_words = CheckIn.objects.get(membership__user=partner_b).appreciation
    backup = tmp_path / "backup.dump"
    name = connection.settings_dict["NAME"]
    _pg("pg_dump", "-Fc", "-f", str(backup), "-t", "checkins_*", name)

    destroy_person_keys(person_id=partner_a.pk)
    alex_checkin.answers.all().delete()
    alex_checkin.delete()

    connections.close_all()
    _pg("pg_restore", "--clean", "--if-exists", "-d", name, str(backup))
    forget_cached_keys()

    restored = CheckIn.objects.get(membership__user=partner_a)
    with pytest.raises(UnreadableText):
        _ = restored.appreciation
    with pytest.raises(UnreadableText):
        _ = restored.answers.first().reflection
    assert CheckIn.objects.get(membership__user=partner_b).appreciation == sam_words
