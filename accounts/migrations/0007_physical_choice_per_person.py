# A couple that had the physical part switched on keeps it: both current seats now want it.
# Backwards, the couple-wide switch is on exactly where every current seat wants the part
# (a pending couple with its one seat wanting it counts as on, as it was before).

from django.db import migrations


def switch_to_seats(apps, schema_editor):
    Membership = apps.get_model('accounts', 'Membership')
    Membership.objects.filter(left_at__isnull=True, couple__physical_enabled=True).update(
        wants_physical=True
    )


def seats_to_switch(apps, schema_editor):
    Couple = apps.get_model('accounts', 'Couple')
    Membership = apps.get_model('accounts', 'Membership')
    current = Membership.objects.filter(left_at__isnull=True)
    declined = current.filter(wants_physical=False).values('couple_id')
    wanted = current.filter(wants_physical=True).values('couple_id')
    Couple.objects.filter(pk__in=wanted).exclude(pk__in=declined).update(physical_enabled=True)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0006_membership_wants_physical'),
    ]

    operations = [
        migrations.RunPython(switch_to_seats, seats_to_switch, elidable=False),
    ]
