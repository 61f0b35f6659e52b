from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Couple, User
from notifications.kinds import SWITCH, Kind

DEFAULT_HOUR = 19


class EmailPreferences(models.Model):
    """One person's choices about the emails that are not essential. A person without a row
    has the defaults: every notification on, no reminders until they choose."""

    user = models.OneToOneField(
        User, primary_key=True, on_delete=models.CASCADE, related_name="email_preferences"
    )
    remind_weekday = models.PositiveSmallIntegerField(
        _("remind me on"), null=True, blank=True, choices=Couple.WEEKDAYS
    )
    remind_hour = models.PositiveSmallIntegerField(_("time"), default=DEFAULT_HOUR)
    # Blank: the couple's time zone.
    time_zone = models.CharField(_("in the time zone"), max_length=64, blank=True)
    # Set once the person has answered the reminder offer (yes or no), so it is asked once.
    reminders_asked_at = models.DateTimeField(null=True, blank=True)
    nudges = models.BooleanField(_("a nudge from your partner"), default=True)
    partner_joined = models.BooleanField(_("your partner joined"), default=True)
    partner_checked_in = models.BooleanField(_("your partner checked in"), default=True)
    week_ready = models.BooleanField(_("your week is ready to see"), default=True)
    partner_unpaired = models.BooleanField(_("your partner unpaired"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("email preferences")
        verbose_name_plural = _("email preferences")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(remind_weekday__lte=6), name="remind_on_a_weekday"
            ),
            models.CheckConstraint(
                condition=models.Q(remind_hour__lte=23), name="remind_at_an_hour"
            ),
        ]

    def __str__(self) -> str:
        return f"Email preferences of {self.user_id}"

    @property
    def reminds(self) -> bool:
        return self.remind_weekday is not None

    def wants(self, kind: Kind) -> bool:
        if kind in (Kind.REMINDER, Kind.LAST_CALL):
            return self.reminds
        return bool(getattr(self, SWITCH[kind]))

    def turn_off(self, kind: Kind) -> None:
        if kind in (Kind.REMINDER, Kind.LAST_CALL):
            self.remind_weekday = None
        else:
            setattr(self, SWITCH[kind], False)


class WeeklyEmail(models.Model):
    """A once-a-week email that went out (a reminder, a last call, a nudge). The unique
    constraint is what makes ``send_reminders`` and the nudge button send each one once,
    however many schedulers run at the same moment."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="+")
    week = models.DateField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # Who asked for it (a nudge's sender); empty for the scheduler's reminders.
    sent_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "couple", "week", "kind"], name="one_weekly_email_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id}, week of {self.week}"
