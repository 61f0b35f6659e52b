from __future__ import annotations

from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Couple, Membership, User
from checkins.catalog import Closeness, Dimension, FollowThrough
from checkins.fields import PrivateTextField

REFLECTION_MAX = 2000
NEED_MAX = 500
APPRECIATION_MAX = 1000
PRIVATE_NOTE_MAX = 2000


class WeekQuerySet(models.QuerySet["Week"]):
    def for_couple(self, couple: Couple) -> WeekQuerySet:
        return self.filter(couple=couple)

    def revealed(self) -> WeekQuerySet:
        return self.filter(revealed_at__isnull=False)

    def with_checkins(self) -> WeekQuerySet:
        """Both partners' check-ins with their answers and authors, in three extra queries."""
        checkins = CheckIn.objects.select_related("membership__user").prefetch_related(
            Prefetch("answers", queryset=Answer.objects.order_by("pk"))
        )
        return self.prefetch_related(Prefetch("checkins", queryset=checkins))


class CheckInQuerySet(models.QuerySet["CheckIn"]):
    def from_past_couples(self, user: User) -> CheckInQuerySet:
        """``user``'s own check-ins from seats they have left (couples that ended)."""
        return self.filter(membership__user=user, membership__left_at__isnull=False)


class Week(models.Model):
    """One couple's week, named by its start date. Holds the prompts both partners answer."""

    couple = models.ForeignKey(Couple, on_delete=models.PROTECT, related_name="weeks")
    starts_on = models.DateField()
    prompts = models.JSONField(default=dict)  # dimension -> prompt key, fixed when created
    revealed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = WeekQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["couple", "starts_on"], name="one_week_per_start_date")
        ]
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return f"{self.couple} week of {self.starts_on}"

    @property
    def is_revealed(self) -> bool:
        return self.revealed_at is not None

    def checkin_of(self, membership: Membership | None) -> CheckIn | None:
        """The check-in by ``membership`` among the prefetched ones."""
        if membership is None:
            return None
        for checkin in self.checkins.all():
            if checkin.membership_id == membership.pk:
                return checkin
        return None


class CheckIn(models.Model):
    """One partner's answers for one week: a draft until submitted, then read-only."""

    week = models.ForeignKey(Week, on_delete=models.PROTECT, related_name="checkins")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="checkins")
    submitted_at = models.DateTimeField(null=True, blank=True)
    appreciation = PrivateTextField(_("one thing I appreciated about you this week"), blank=True)
    private_note = PrivateTextField(_("a private note to myself"), blank=True)
    signs = models.JSONField(default=list, blank=True)  # WarningSign values
    follow_through = models.CharField(max_length=8, choices=FollowThrough.choices, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = CheckInQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["week", "membership"], name="one_checkin_per_partner")
        ]

    def __str__(self) -> str:
        return f"{self.membership} {self.week.starts_on}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    def answer_for(self, dimension: str) -> Answer | None:
        for answer in self.answers.all():
            if answer.dimension == dimension:
                return answer
        return None


class Answer(models.Model):
    """One dimension of a check-in: the closeness rating, the reflection, the need."""

    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="answers")
    dimension = models.CharField(max_length=16, choices=Dimension.choices)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    reflection = PrivateTextField(blank=True)
    need = PrivateTextField(_("what I'd love from you this week"), blank=True)
    share_with_counsellor = models.BooleanField(_("share with our counsellor"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["checkin", "dimension"], name="one_answer_per_dimension"
            ),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="rating_between_1_and_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.checkin} {self.dimension}"

    @property
    def rating_word(self) -> str:
        return str(Closeness(self.rating).label) if self.rating else ""
