# The affection part becomes each person's own choice (a double opt-in), replacing the
# couple-wide switch Couple.physical_enabled: this adds the per-seat column, 0007 copies
# the old switch into it and 0008 removes the switch.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0005_counselling_moves_out'),
    ]

    operations = [
        migrations.AddField(
            model_name='membership',
            name='wants_physical',
            field=models.BooleanField(default=False, verbose_name='wants the part about affection'),
        ),
    ]
