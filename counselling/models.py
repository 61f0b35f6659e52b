"""Counselling: a couple invites a counsellor, both partners consent, every look is logged.

The tables kept the names they had when these models lived in ``accounts`` (``db_table``),
so moving the code moved no data.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Couple, Invitation, InvitationQuerySet, User


class AppendOnlyQuerySet[M: models.Model](models.QuerySet[M]):
    """Records that are history: created once, never changed or removed through the app."""

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("This history is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("This history is append-only.")


class AppendOnly(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise PermissionError("This history is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("This history is append-only.")


class CounsellorInvite(Invitation):
    """A single-use invitation for a counsellor, bound to the address it was sent to."""

    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="counsellor_invites")
    email = models.EmailField()

    objects = InvitationQuerySet["CounsellorInvite"].as_manager()

    class Meta:
        db_table = "accounts_counsellorinvite"

    def __str__(self) -> str:
        return f"Counsellor invite to {self.couple}"


class CounsellorAccessQuerySet(models.QuerySet["CounsellorAccess"]):
    def current(self) -> CounsellorAccessQuerySet:
        """Relations not removed (the couple may still be closed: see ``of_open_couples``)."""
        return self.filter(removed_at__isnull=True)

    def of_open_couples(self) -> CounsellorAccessQuerySet:
        return self.filter(couple__closed_at__isnull=True)

    def with_consents(self) -> CounsellorAccessQuerySet:
        """What ``ConsentState`` reads: the couple, its memberships and people, the consents."""
        return self.select_related("couple", "counsellor", "invited_by").prefetch_related(
            "consents", "couple__memberships__user"
        )


class CounsellorAccess(models.Model):
    """A person is a couple's counsellor because the couple invited them (a relation, not a
    kind of account). What they may see depends on both partners' consent records."""

    couple = models.ForeignKey(Couple, on_delete=models.PROTECT, related_name="counsellors")
    counsellor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="counselling")
    invited_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The effective end the partners and the counsellor were last warned about (a week
    # before): one warning per end date; a renewal with a later end warns again.
    expiry_warned_for = models.DateTimeField(null=True, blank=True)

    objects = CounsellorAccessQuerySet.as_manager()

    class Meta:
        db_table = "accounts_counselloraccess"
        verbose_name_plural = "counsellor access"
        constraints = [
            models.UniqueConstraint(
                fields=["couple", "counsellor"],
                condition=models.Q(removed_at__isnull=True),
                name="one_current_access_per_counsellor_and_couple",
            )
        ]

    def __str__(self) -> str:
        return f"{self.counsellor} for {self.couple}"


class Consent(AppendOnly):
    """One partner giving or withdrawing consent for one counsellor. Never edited."""

    class Kind(models.TextChoices):
        GRANT = "grant", _("gave consent")
        REVOKE = "revoke", _("withdrew consent")
        EXPIRE = "expire", _("access ended on the agreed date")

    class Lasts(models.TextChoices):
        """How long a grant lasts, in calendar months (a choice on the consent form, kept as
        the grant's ``ends_at``, not as a column)."""

        MONTHS_3 = "3", _("3 months")
        MONTHS_6 = "6", _("6 months")
        MONTHS_12 = "12", _("12 months")
        UNTIL_WITHDRAWN = "withdrawn", _("until I withdraw it")

    class Span(models.TextChoices):
        LAST_4 = "4", _("the last 4 weeks, plus this week")
        LAST_12 = "12", _("the last 12 weeks, plus this week")
        ALL = "all", _("all of our history")

    access = models.ForeignKey(CounsellorAccess, on_delete=models.PROTECT, related_name="consents")
    partner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    span = models.CharField(max_length=4, choices=Span.choices, blank=True)
    wording = models.TextField(blank=True)  # exactly what the partner agreed to
    # A grant's end, chosen by the partner (None: until withdrawn); an EXPIRE record follows
    # it once the periodic run sees it passed (access ends at it regardless).
    ends_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "accounts_consent"
        ordering = ["created_at", "pk"]
        indexes = [
            # The periodic expiry run looks for grants ending soon (the few with an end).
            models.Index(
                fields=["ends_at"],
                condition=models.Q(kind="grant", ends_at__isnull=False),
                name="consent_grant_ends_at",
            )
        ]

    def __str__(self) -> str:
        return f"{self.partner} {self.get_kind_display()}"


class AccessLogEntry(AppendOnly):
    """A counsellor looked at a couple's data. Written in the same transaction as the read."""

    access = models.ForeignKey(CounsellorAccess, on_delete=models.PROTECT, related_name="log")
    counsellor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    page = models.CharField(max_length=32)
    weeks_from = models.DateField(null=True, blank=True)
    weeks_to = models.DateField(null=True, blank=True)
    viewed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "accounts_accesslogentry"
        ordering = ["-viewed_at", "-pk"]
        verbose_name_plural = "access log entries"

    def __str__(self) -> str:
        return f"{self.counsellor} viewed {self.page}"
