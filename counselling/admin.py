from django.contrib import admin
from django.http import HttpRequest

from counselling.models import AccessLogEntry, Consent, CounsellorAccess


class ReadOnlyHistoryAdmin(admin.ModelAdmin):
    """Append-only history: viewable by staff, never changed or deleted, even here."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Consent)
class ConsentAdmin(ReadOnlyHistoryAdmin):
    list_display = ["access", "partner", "kind", "span", "created_at"]


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyHistoryAdmin):
    list_display = ["counsellor", "access", "page", "weeks_from", "weeks_to", "viewed_at"]


@admin.register(CounsellorAccess)
class CounsellorAccessAdmin(ReadOnlyHistoryAdmin):
    # Read-only too: restoring a removed counsellor here would revive old consents.
    list_display = ["counsellor", "couple", "created_at", "removed_at"]
