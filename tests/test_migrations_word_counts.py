"""Rows written before the word counts were stored: migrating forward counts each text once
(in batches) and writes only the counts; migrating back removes the columns."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from checkins.flags import count_words
from checkins.models import Answer, CheckIn

BEFORE = [("checkins", "0007_checkin_skipped_at")]
AFTER = [("checkins", "0008_word_counts")]

TEXTS = ["", "we walked by the sea", "don't stop · well-being", "我爱你", "🙂 …", "a " * 300]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


@pytest.mark.django_db(transaction=True)
def test_migrating_forward_counts_every_existing_text(monkeypatch):
    import importlib

    monkeypatch.setattr(importlib.import_module("checkins.migrations.0008_word_counts"), "BATCH", 4)
    executor = _migrate(BEFORE)
    others = [n for n in executor.loader.graph.leaf_nodes() if n[0] != "checkins"]
    old = executor.loader.project_state(BEFORE + others).apps
    User = old.get_model("accounts", "User")
    Couple = old.get_model("accounts", "Couple")
    Membership = old.get_model("accounts", "Membership")
    Week = old.get_model("checkins", "Week")
    OldCheckIn = old.get_model("checkins", "CheckIn")
    OldAnswer = old.get_model("checkins", "Answer")
    couple = Couple.objects.create()
    seat = Membership.objects.create(
        couple=couple, seat=1, user=User.objects.create(email="1@example.com")
    )
    for day, text in enumerate(TEXTS, start=1):
        week = Week.objects.create(couple=couple, starts_on=f"2026-10-{day:02d}")
        checkin = OldCheckIn.objects.create(week=week, membership=seat, appreciation=text)
        for dimension, other in (("emotional", TEXTS[-day]), ("experiential", text)):
            OldAnswer.objects.create(
                checkin=checkin, dimension=dimension, reflection=text, need=other
            )

    _migrate(AFTER)
    answers = list(Answer.objects.all())
    assert len(answers) == 2 * len(TEXTS)  # more than one batch of 4
    for answer in answers:
        assert answer.reflection_words == count_words(answer.reflection)
        assert answer.need_words == count_words(answer.need)
    for checkin in CheckIn.objects.all():
        assert checkin.appreciation_words == count_words(checkin.appreciation)
    assert {a.reflection for a in answers} == set(TEXTS)  # the texts were not rewritten
    assert max(a.reflection_words for a in answers) == 300

    _migrate(BEFORE)  # back: the columns go, the texts stay
    columns = {
        c.name
        for c in connection.introspection.get_table_description(
            connection.cursor(), "checkins_answer"
        )
    }
    assert "reflection_words" not in columns
    assert "reflection" in columns
    _migrate(executor.loader.graph.leaf_nodes())
