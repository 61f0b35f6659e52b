# The counselling models, moved here from accounts with their data: the tables keep their
# names (db_table), so this migration only adds them to this app's state. Content types (and
# so permissions and admin history) follow the models to their new app label.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


MOVED = ["counsellorinvite", "counselloraccess", "consent", "accesslogentry"]


def content_types_follow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED:
        if not ContentType.objects.using(db).filter(app_label="counselling", model=model).exists():
            ContentType.objects.using(db).filter(app_label="accounts", model=model).update(
                app_label="counselling"
            )


def content_types_return(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    ContentType.objects.using(db).filter(app_label="counselling", model__in=MOVED).update(
        app_label="accounts"
    )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0005_counselling_moves_out'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='CounsellorAccess',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('removed_at', models.DateTimeField(blank=True, null=True)),
                        ('counsellor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='counselling', to=settings.AUTH_USER_MODEL)),
                        ('couple', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='counsellors', to='accounts.couple')),
                        ('invited_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('removed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name_plural': 'counsellor access',
                        'db_table': 'accounts_counselloraccess',
                    },
                ),
                migrations.CreateModel(
                    name='Consent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('grant', 'gave consent'), ('revoke', 'withdrew consent')], max_length=8)),
                        ('span', models.CharField(blank=True, choices=[('4', 'the last 4 weeks, plus this week'), ('12', 'the last 12 weeks, plus this week'), ('all', 'all of our history')], max_length=4)),
                        ('wording', models.TextField(blank=True)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('partner', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('access', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='consents', to='counselling.counselloraccess')),
                    ],
                    options={
                        'db_table': 'accounts_consent',
                        'ordering': ['created_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='AccessLogEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('page', models.CharField(max_length=32)),
                        ('weeks_from', models.DateField(blank=True, null=True)),
                        ('weeks_to', models.DateField(blank=True, null=True)),
                        ('viewed_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('counsellor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('access', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='log', to='counselling.counselloraccess')),
                    ],
                    options={
                        'verbose_name_plural': 'access log entries',
                        'db_table': 'accounts_accesslogentry',
                        'ordering': ['-viewed_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='CounsellorInvite',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('token_hash', models.CharField(max_length=64, unique=True)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('expires_at', models.DateTimeField()),
                        ('used_at', models.DateTimeField(blank=True, null=True)),
                        ('revoked_at', models.DateTimeField(blank=True, null=True)),
                        ('email', models.EmailField(max_length=254)),
                        ('couple', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='counsellor_invites', to='accounts.couple')),
                        ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'accounts_counsellorinvite',
                    },
                ),
                migrations.AddConstraint(
                    model_name='counselloraccess',
                    constraint=models.UniqueConstraint(condition=models.Q(('removed_at__isnull', True)), fields=('couple', 'counsellor'), name='one_current_access_per_counsellor_and_couple'),
                ),
            ],
        ),
        migrations.RunPython(content_types_follow, content_types_return),
    ]
