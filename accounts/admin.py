from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import AccessLogEntry, Consent, CounsellorAccess, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "is_staff", "date_joined"]
    search_fields = ["email", "display_name"]
    fieldsets = (
        (None, {"fields": ("email", "password", "display_name")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {"classes": ("wide",), "fields": ("email", "display_name", "password1", "password2")},
        ),
    )


class ReadOnlyHistoryAdmin(admin.ModelAdmin):
    """Append-only history: viewable by staff, never changed or deleted, even here."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
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
