# Consent end dates: a grant may carry an end (existing grants have none: they were given
# "until withdrawn", which is what their stored wording says), an EXPIRE record kind, and
# the end date each access was last warned about.

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('counselling', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='consent',
            name='ends_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='counselloraccess',
            name='expiry_warned_for',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name='consent',
            name='kind',
            field=models.CharField(choices=[('grant', 'gave consent'), ('revoke', 'withdrew consent'), ('expire', 'access ended on the agreed date')], max_length=8),
        ),
        migrations.AddIndex(
            model_name='consent',
            index=models.Index(condition=models.Q(('ends_at__isnull', False), ('kind', 'grant')), fields=['ends_at'], name='consent_grant_ends_at'),
        ),
    ]
