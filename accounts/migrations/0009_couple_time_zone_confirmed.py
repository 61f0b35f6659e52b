# Couples used to start on UTC without a word when the browser sent no time zone. Every
# couple now on UTC is asked once, on its settings page, whether that is right; saving the
# settings confirms it. Backwards, the column simply goes.

from django.db import migrations, models


def ask_couples_on_utc(apps, schema_editor):
    Couple = apps.get_model('accounts', 'Couple')
    Couple.objects.filter(time_zone='UTC').update(time_zone_confirmed=False)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0008_remove_couple_physical_enabled'),
    ]

    operations = [
        migrations.AddField(
            model_name='couple',
            name='time_zone_confirmed',
            field=models.BooleanField(default=True, verbose_name='time zone confirmed'),
        ),
        migrations.RunPython(ask_couples_on_utc, migrations.RunPython.noop, elidable=False),
    ]
