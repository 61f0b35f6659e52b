from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0007_physical_choice_per_person'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='couple',
            name='physical_enabled',
        ),
    ]
