from django.db import migrations, models
from django.db.models import Count, OuterRef, Subquery


def withhold_unshared(apps, schema_editor):
    """Revealed weeks from before: an answer to a part only one partner answered (affection
    left from a draft) is set aside, as the reveal does from now on."""
    Answer = apps.get_model("checkins", "Answer")
    answered_by = (
        Answer.objects.filter(
            checkin__week=OuterRef("checkin__week"), dimension=OuterRef("dimension")
        )
        .values("checkin__week")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Answer.objects.filter(checkin__week__revealed_at__isnull=False).annotate(
        answered_by=Subquery(answered_by)
    ).filter(answered_by__lt=2).update(withheld=True)


class Migration(migrations.Migration):
    dependencies = [
        ("checkins", "0005_reactions"),
    ]

    operations = [
        migrations.AddField(
            model_name="answer",
            name="withheld",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.RunPython(withhold_unshared, migrations.RunPython.noop, elidable=True),
    ]
