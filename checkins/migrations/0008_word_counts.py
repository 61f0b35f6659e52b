"""The word counts the flags read, stored beside the texts (``checkins.word_counts``), and
filled in for the rows written before them (still in clear then: text is sealed afterwards,
by ``manage.py encrypt_private_text``, and sealed rows are counted when they are saved)."""

from django.db import migrations

import checkins.word_counts
from checkins.flags import count_words
from datakeys.sealing import is_sealed

BATCH = 1000


def _backfill(model, texts, counts):
    """Fill ``counts`` from ``texts`` in batches by primary key: reads only the texts, writes
    only the counts (``bulk_update`` on the count columns)."""
    last = 0
    while True:
        rows = list(
            model.objects.filter(pk__gt=last).order_by("pk").values_list("pk", *texts)[:BATCH]
        )
        if not rows:
            return
        objs = []
        for pk, *values in rows:
            stored = [getattr(text, "stored", text) or "" for text in values]
            if any(is_sealed(text) for text in stored):
                continue  # sealed text is written by code that counts it as it saves
            obj = model(pk=pk)
            for count, text in zip(counts, stored, strict=True):
                setattr(obj, count, count_words(text))
            objs.append(obj)
        if objs:
            model.objects.bulk_update(objs, counts)
        last = rows[-1][0]


def count_existing(apps, schema_editor):
    _backfill(
        apps.get_model("checkins", "Answer"),
        ["reflection", "need"],
        ["reflection_words", "need_words"],
    )
    _backfill(apps.get_model("checkins", "CheckIn"), ["appreciation"], ["appreciation_words"])


class Migration(migrations.Migration):
    dependencies = [
        ("checkins", "0007_checkin_skipped_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="answer",
            name="reflection_words",
            field=checkins.word_counts.WordCountField(source="reflection"),
        ),
        migrations.AddField(
            model_name="answer",
            name="need_words",
            field=checkins.word_counts.WordCountField(source="need"),
        ),
        migrations.AddField(
            model_name="checkin",
            name="appreciation_words",
            field=checkins.word_counts.WordCountField(source="appreciation"),
        ),
        migrations.RunPython(count_existing, migrations.RunPython.noop, elidable=True),
    ]
