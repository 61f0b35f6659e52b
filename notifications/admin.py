from django.contrib import admin

from notifications.models import EmailPreferences, WeeklyEmail


@admin.register(EmailPreferences)
class EmailPreferencesAdmin(admin.ModelAdmin[EmailPreferences]):
    list_display = ["user", "remind_weekday", "remind_hour", "updated_at"]
    raw_id_fields = ["user"]


@admin.register(WeeklyEmail)
class WeeklyEmailAdmin(admin.ModelAdmin[WeeklyEmail]):
    """What went out, read-only: the record that keeps each reminder to one."""

    list_display = ["kind", "user", "week", "sent_at"]
    list_filter = ["kind"]
    raw_id_fields = ["user", "couple", "sent_by"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
