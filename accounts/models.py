from __future__ import annotations

from datetime import datetime
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
    # A code from settings.LANGUAGES (accounts.languages), or blank: follow the browser.
    # Signed in, the interface is in it (accounts.middleware); every email to this person
    # is written in it, whoever caused it (accounts.languages.for_recipient).
    language = models.CharField(_("language"), max_length=12, blank=True, default="")

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
    # False while the couple is on UTC only because no time zone came with the start (no
    # JavaScript, or a browser that did not say): the settings page then asks them to check.
    time_zone_confirmed = models.BooleanField(_("time zone confirmed"), default=True)
    week_start_day = models.PositiveSmallIntegerField(
        _("check-in week starts on"), choices=WEEKDAYS, default=0
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set while at least one partner has paused check-ins (``PauseEvent`` says who, and
    # only that person's own pages ever read it). Nothing is revealed and no email about
    # the couple goes out while it is set; the partner sees only "check-ins are paused".
    paused_at = models.DateTimeField(null=True, blank=True)

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

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None


class MembershipQuerySet(models.QuerySet["Membership"]):
    def current(self) -> MembershipQuerySet:
        """Seats not left (the couple may still be closed: see ``of_open_couples``)."""
        return self.filter(left_at__isnull=True)

    def of_open_couples(self) -> MembershipQuerySet:
        return self.filter(couple__closed_at__isnull=True)


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
    # Each person's own choice, never shown to the other: the affection part is in the
    # check-in only while both current seats want it (checkins.selectors.dimensions_for).
    wants_physical = models.BooleanField(_("wants the part about affection"), default=False)
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

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


class InvitationQuerySet[M: models.Model](models.QuerySet[M]):
    def pending(self) -> InvitationQuerySet[M]:
        """Neither used nor cancelled (it may still have expired)."""
        return self.filter(used_at__isnull=True, revoked_at__isnull=True)


class Invitation(models.Model):
    """What partner and counsellor invitations share: a single-use link that lasts seven
    days, of which only a hash of the token is stored (see ``accounts.invites``)."""

    LIFETIME_DAYS = 7

    created_by = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    def is_live(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.used_at is None and self.revoked_at is None and self.expires_at > now


class Invite(Invitation):
    """A single-use partner invitation."""

    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="invites")
    sent_to = models.EmailField(blank=True)
    used_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = InvitationQuerySet["Invite"].as_manager()

    def __str__(self) -> str:
        return f"Invite to {self.couple}"


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
    # What changed, as data (accounts.change_log), worded for each reader in their language.
    change = models.JSONField(default=dict, blank=True)
    # Only entries from before ``change``: the words of whoever made the change.
    detail = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.actor} {self.get_kind_display()}"


class PauseEventQuerySet(models.QuerySet["PauseEvent"]):
    """A pause's history is created once and never changed or removed through the app."""

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("The pause history is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("The pause history is append-only.")


class PauseEvent(models.Model):
    """One partner pausing or resuming their couple's check-ins: who, what, when.

    Append-only: a person's pause is in force while their latest event is ``paused``.
    Only that person's own pages read these rows; the partner never learns who paused,
    and nothing here appears in the couple's change log (``CoupleEvent``).
    """

    class Kind(models.TextChoices):
        PAUSED = "paused", _("paused check-ins")
        RESUMED = "resumed", _("resumed check-ins")

    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="pause_events")
    by = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)

    objects = PauseEventQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.by} {self.get_kind_display()} in {self.couple}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise PermissionError("The pause history is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("The pause history is append-only.")
