from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from counselling.models import AccessLogEntry, Consent, CounsellorAccess


class ReadOnlyHistoryAdmin[M: Model](admin.ModelAdmin[M]):
    """Append-only history: viewable by staff, never changed or deleted, even here."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Consent)
class ConsentAdmin(ReadOnlyHistoryAdmin[Consent]):
    list_display = ["access", "partner", "kind", "span", "created_at"]


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyHistoryAdmin[AccessLogEntry]):
    list_display = ["counsellor", "access", "page", "weeks_from", "weeks_to", "viewed_at"]


@admin.register(CounsellorAccess)
class CounsellorAccessAdmin(ReadOnlyHistoryAdmin[CounsellorAccess]):
    # Read-only too: restoring a removed counsellor here would revive old consents.
    list_display = ["counsellor", "couple", "created_at", "removed_at"]
