# The counselling models moved to the counselling app (counselling/migrations/0001_initial.py).
# Their tables stay where they are, under the same names: this only takes them out of the
# accounts app's migration state. Nothing in the database changes.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_span_labels'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='accesslogentry',
                    name='access',
                ),
                migrations.RemoveField(
                    model_name='accesslogentry',
                    name='counsellor',
                ),
                migrations.RemoveField(
                    model_name='consent',
                    name='access',
                ),
                migrations.RemoveField(
                    model_name='consent',
                    name='partner',
                ),
                migrations.RemoveConstraint(
                    model_name='counselloraccess',
                    name='one_current_access_per_counsellor_and_couple',
                ),
                migrations.RemoveField(
                    model_name='counsellorinvite',
                    name='couple',
                ),
                migrations.RemoveField(
                    model_name='counsellorinvite',
                    name='created_by',
                ),
                migrations.DeleteModel(
                    name='AccessLogEntry',
                ),
                migrations.DeleteModel(
                    name='Consent',
                ),
                migrations.RemoveField(
                    model_name='counselloraccess',
                    name='counsellor',
                ),
                migrations.RemoveField(
                    model_name='counselloraccess',
                    name='couple',
                ),
                migrations.RemoveField(
                    model_name='counselloraccess',
                    name='invited_by',
                ),
                migrations.RemoveField(
                    model_name='counselloraccess',
                    name='removed_by',
                ),
                migrations.DeleteModel(
                    name='CounsellorInvite',
                ),
                migrations.DeleteModel(
                    name='CounsellorAccess',
                ),
            ],
        ),
    ]
