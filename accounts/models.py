from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Email is the only login identifier; there are no usernames."""

    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=60,
        help_text=_("How Twoway greets you, and how your partner sees you by default."),
    )
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.email

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name


class CoupleQuerySet(models.QuerySet["Couple"]):
    def open(self) -> CoupleQuerySet:
        return self.filter(closed_at__isnull=True)


class Couple(models.Model):
    """Two partners (or one, while the invitation is pending). Everything else belongs to it."""

    WEEKDAYS = [
        (0, _("Monday")),
        (1, _("Tuesday")),
        (2, _("Wednesday")),
        (3, _("Thursday")),
        (4, _("Friday")),
        (5, _("Saturday")),
        (6, _("Sunday")),
    ]

    created_at = models.DateTimeField(default=timezone.now)
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    week_start_day = models.PositiveSmallIntegerField(
        _("check-in week starts on"), choices=WEEKDAYS, default=0
    )
    physical_enabled = models.BooleanField(
        _("include physical intimacy"),
        default=False,
        help_text=_("Adds an optional section on affection and touch to each check-in."),
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CoupleQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(week_start_day__lte=6), name="couple_week_start_is_a_weekday"
            )
        ]

    def __str__(self) -> str:
        return f"Couple {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Membership(models.Model):
    """A person's place in a couple. Seat 1 started the couple, seat 2 accepted the invite."""

    couple = models.ForeignKey(Couple, on_delete=models.PROTECT, related_name="memberships")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="memberships")
    seat = models.PositiveSmallIntegerField()
    shown_name = models.CharField(
        _("name your partner sees"),
        max_length=60,
        blank=True,
        help_text=_("Leave empty to use the account's display name."),
    )
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(seat__in=[1, 2]), name="membership_seat_1_or_2"
            ),
            # At most two current partners in a couple: one per seat.
            models.UniqueConstraint(
                fields=["couple", "seat"],
                condition=models.Q(left_at__isnull=True),
                name="one_current_partner_per_seat",
            ),
            # A person belongs to at most one current couple.
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(left_at__isnull=True),
                name="one_current_couple_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.couple}"

    @property
    def name(self) -> str:
        return self.shown_name or self.user.display_name


class Invite(models.Model):
    """A single-use partner invitation. Only a hash of its token is stored."""

    LIFETIME_DAYS = 7

    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="invites")
    created_by = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    sent_to = models.EmailField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Invite to {self.couple}"

    def is_live(self, now: Any = None) -> bool:
        now = now or timezone.now()
        return self.used_at is None and self.revoked_at is None and self.expires_at > now


class CoupleEvent(models.Model):
    """What happened to a couple and who did it, shown to both partners."""

    class Kind(models.TextChoices):
        STARTED = "started", _("started the couple")
        JOINED = "joined", _("joined")
        SETTINGS = "settings", _("changed settings")
        CLOSED = "closed", _("ended the couple")

    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    detail = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.actor} {self.get_kind_display()}"


class AppendOnlyQuerySet(models.QuerySet):
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


class CounsellorInvite(models.Model):
    """A single-use invitation for a counsellor. Only a hash of its token is stored."""

    LIFETIME_DAYS = 7

    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="counsellor_invites")
    created_by = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Counsellor invite to {self.couple}"

    def is_live(self) -> bool:
        return self.used_at is None and self.revoked_at is None and self.expires_at > timezone.now()


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

    class Meta:
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

    class Span(models.TextChoices):
        LAST_4 = "4", _("the last 4 weeks, plus this week")
        LAST_12 = "12", _("the last 12 weeks, plus this week")
        ALL = "all", _("all of our history")

    access = models.ForeignKey(CounsellorAccess, on_delete=models.PROTECT, related_name="consents")
    partner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    span = models.CharField(max_length=4, choices=Span.choices, blank=True)
    wording = models.TextField(blank=True)  # exactly what the partner agreed to
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

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
        ordering = ["-viewed_at", "-pk"]
        verbose_name_plural = "access log entries"

    def __str__(self) -> str:
        return f"{self.counsellor} viewed {self.page}"
