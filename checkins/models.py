from __future__ import annotations

from django.db import models
from django.db.models import FETCH_RAISE, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Couple, Membership, User
from checkins.catalog import Closeness, Dimension, FollowThrough
from checkins.fields import PrivateTextField
from checkins.word_counts import CountsWords, CountsWordsQuerySet, WordCountField

REFLECTION_MAX = 2000
NEED_MAX = 500
APPRECIATION_MAX = 1000
PRIVATE_NOTE_MAX = 2000


class WeekQuerySet(models.QuerySet["Week"]):
    def for_couple(self, couple: Couple) -> WeekQuerySet:
        return self.filter(couple=couple)

    def revealed(self) -> WeekQuerySet:
        return self.filter(revealed_at__isnull=False)

    def with_checkins(self, *, reactions: bool = False, texts: bool = True) -> WeekQuerySet:
        """Both partners' check-ins with their answers and authors, in three extra queries;
        with ``reactions``, also the reactions to each check-in's answers (one more).

        Every row comes back under ``FETCH_RAISE``: a field or relation that was not
        loaded here (a forgotten ``select_related``, a deferred text) raises
        ``FieldFetchBlocked`` instead of costing a query per row, so a page that starts
        to need one fails its tests (``tests/test_fetch_mode.py``) instead of growing
        with the history.

        ``texts=False`` for pages that need only numbers (ratings, stored word counts,
        signs, who submitted): no written text is read at all."""
        answers = answer_rows(texts=texts)
        checkins = checkin_rows(texts=texts).prefetch_related(Prefetch("answers", queryset=answers))
        if reactions:
            checkins = checkins.prefetch_related(
                Prefetch("reactions", queryset=Reaction.objects.all().fetch_mode(FETCH_RAISE))
            )
        return self.prefetch_related(Prefetch("checkins", queryset=checkins)).fetch_mode(
            FETCH_RAISE
        )


#: What ``with_checkins`` joins to each check-in: its seat and that seat's person (names,
#: seats). A name here is one query for all rows; leaving it out makes every page that reads
#: it raise ``FieldFetchBlocked`` (``tests/test_fetch_mode.py``).
CHECKIN_RELATIONS: tuple[str, ...] = ("membership__user",)


def checkin_rows(*, texts: bool = True, joined: bool = True) -> CheckInQuerySet:
    """Check-ins as the pages read them (``WeekQuerySet.with_checkins``,
    ``checkins.selectors.with_rows``): under ``FETCH_RAISE``, ``CHECKIN_RELATIONS`` joined
    (unless not ``joined``: the caller attaches the seats it has), and without ``texts`` no
    written text read."""
    checkins = CheckIn.objects.all().fetch_mode(FETCH_RAISE)
    if joined and CHECKIN_RELATIONS:  # select_related() with no names would join every relation
        checkins = checkins.select_related(*CHECKIN_RELATIONS)
    return checkins if texts else checkins.defer(*TEXTS[CheckIn])


def answer_rows(*, texts: bool = True) -> AnswerQuerySet:
    """The answers shown to anyone (``Answer.objects.shown``), in order, as ``checkin_rows``."""
    answers = Answer.objects.shown().order_by("pk").fetch_mode(FETCH_RAISE)
    return answers if texts else answers.defer(*TEXTS[Answer])


class CheckInQuerySet(CountsWordsQuerySet["CheckIn"]):
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


class CheckIn(CountsWords):
    """One partner's answers for one week: a draft until submitted, then read-only."""

    week = models.ForeignKey(Week, on_delete=models.PROTECT, related_name="checkins")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="checkins")
    submitted_at = models.DateTimeField(null=True, blank=True)
    appreciation = PrivateTextField(_("one thing I appreciated about you this week"), blank=True)
    private_note = PrivateTextField(_("a private note to myself"), blank=True)
    # Kept by ``checkins.word_counts`` whenever the text is saved: the flags read these.
    appreciation_words = WordCountField(source="appreciation")
    signs = models.JSONField(default=list, blank=True)  # WarningSign values
    follow_through = models.CharField(max_length=8, choices=FollowThrough.choices, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    # "Skip this week": its author chose not to check in this week. No reminder for the
    # week reaches them, and their partner sees what they would see if they simply had
    # not checked in. Any draft is kept as it is, out of sight until they undo the skip.
    skipped_at = models.DateTimeField(null=True, blank=True)

    objects = CheckInQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["week", "membership"], name="one_checkin_per_partner")
        ]

    def __str__(self) -> str:
        return f"{self.membership} {self.week.starts_on}"

    def private_text_identity(self) -> str:
        """This row's natural key, bound into its sealed text (``checkins.fields``)."""
        return f"week={self.week_id};membership={self.membership_id}"

    def private_text_owner_id(self) -> int:
        """The person whose data key seals this check-in's text: its author."""
        return self.membership.user_id

    @property
    def shares_every_answer(self) -> bool:
        """Whether every answer of this check-in is shared with the counsellor (from the
        prefetched answers): what the finish step's and week page's "whole week" box shows."""
        answers = list(self.answers.all())
        return bool(answers) and all(a.share_with_counsellor for a in answers)

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def is_skipped(self) -> bool:
        return self.skipped_at is not None and self.submitted_at is None

    def answer_for(self, dimension: str) -> Answer | None:
        for answer in self.answers.all():
            if answer.dimension == dimension:
                return answer
        return None

    def text_of(self, part: str) -> str:
        """The words of one answer (a ``Reaction.part``), from the prefetched answers."""
        split = Reaction.split(part)
        if split is None:
            return ""
        field, dimension = split
        if field == APPRECIATION_PART:
            return self.appreciation
        answer = self.answer_for(dimension)
        return "" if answer is None else str(getattr(answer, field))

    def reactions_by(self, membership: Membership | None) -> dict[str, Reaction]:
        """The reactions ``membership`` gave this check-in's answers, by part (prefetched)."""
        if membership is None:
            return {}
        return {r.part: r for r in self.reactions.all() if r.by_id == membership.pk}


class AnswerQuerySet(CountsWordsQuerySet["Answer"]):
    def shown(self) -> AnswerQuerySet:
        """Leaves out the answers set aside at the reveal (see ``Answer.withheld``)."""
        return self.filter(withheld=False)


class Answer(CountsWords):
    """One dimension of a check-in: the closeness rating, the reflection, the need."""

    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="answers")
    dimension = models.CharField(max_length=16, choices=Dimension.choices)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    reflection = PrivateTextField(blank=True)
    need = PrivateTextField(_("what I'd love from you this week"), blank=True)
    # Kept by ``checkins.word_counts`` whenever the text is saved: the flags read these.
    reflection_words = WordCountField(source="reflection")
    need_words = WordCountField(source="need")
    share_with_counsellor = models.BooleanField(_("share with our counsellor"), default=False)
    # Set when the week is revealed, on an answer to a part that was not in both check-ins
    # at that moment (affection after one partner turned it off, or a draft of it left from
    # before): kept for its author, shown to nobody, the author included, nor to a counsellor.
    withheld = models.BooleanField(default=False, editable=False)

    objects = AnswerQuerySet.as_manager()

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

    @staticmethod
    def identity_of(checkin_id: int, dimension: str) -> str:
        return f"checkin={checkin_id};dimension={dimension}"

    def private_text_identity(self) -> str:
        """This row's natural key, bound into its sealed text (``checkins.fields``)."""
        return Answer.identity_of(self.checkin_id, self.dimension)

    def private_text_owner_id(self) -> int:
        """The person whose data key seals this answer's text: its author."""
        return self.checkin.membership.user_id

    @property
    def rating_word(self) -> str:
        return str(Closeness(self.rating).label) if self.rating else ""


class ReactionKind(models.TextChoices):
    """A few words back to the other's revealed answer."""

    THANK_YOU = "thanks", _("Thank you")
    ME_TOO = "me_too", _("Me too")
    LETS_TALK = "talk", _("Let's talk about this")
    WILL_DO = "will_do", _("I'll do that")  # only on a wish ("what I'd love from you")


#: The reactions that come back at the top of the next week's check-in.
FOLLOW_UP_REACTIONS = (ReactionKind.LETS_TALK, ReactionKind.WILL_DO)

APPRECIATION_PART = "appreciation"
PART_KINDS = ("reflection", "need")  # "reflection:<dimension>", "need:<dimension>"


class Reaction(models.Model):
    """One partner's reaction to one of the other's revealed answers.

    ``part`` names the answer within ``checkin``: ``"reflection:<dimension>"``,
    ``"need:<dimension>"`` or ``"appreciation"``. One reaction per answer per person, changed in
    place; removing it deletes the row. A counsellor's summary reads only the follow-up
    kinds (``FOLLOW_UP_REACTIONS``: "Let's talk about this", "I'll do that"): who gave one
    and on which part, never a text; "Thank you" and "Me too" stay between the two of you.
    """

    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="reactions")
    part = models.CharField(max_length=32)
    by = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="reactions")
    kind = models.CharField(max_length=8, choices=ReactionKind)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["checkin", "part", "by"], name="one_reaction_per_answer_per_person"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=ReactionKind.values), name="reaction_kind_known"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=ReactionKind.WILL_DO) | models.Q(part__startswith="need:"),
                name="will_do_only_on_a_wish",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.by} {self.kind} on {self.checkin} {self.part}"

    @staticmethod
    def part_of(field: str, dimension: str = "") -> str:
        """The ``part`` naming an answer: ``part_of("need", "emotional")`` is ``"need:emotional"``."""
        return f"{field}:{dimension}" if dimension else field

    @staticmethod
    def split(part: str) -> tuple[str, str] | None:
        """``(field, dimension)`` of a ``part``; ``None`` when it names no answer."""
        if part == APPRECIATION_PART:
            return APPRECIATION_PART, ""
        field, _sep, dimension = part.partition(":")
        if field in PART_KINDS and dimension in Dimension.values:
            return field, dimension
        return None

    @staticmethod
    def kinds_for(part: str) -> tuple[ReactionKind, ...]:
        """The reactions an answer can get: "I'll do that" only on a wish."""
        if part.startswith("need:"):
            return tuple(ReactionKind)
        return tuple(k for k in ReactionKind if k != ReactionKind.WILL_DO)


#: Every written text of each model (``PrivateTextField``): what ``with_checkins(texts=False)``
#: leaves unread.
TEXTS: dict[type[models.Model], tuple[str, ...]] = {
    model: tuple(f.name for f in model._meta.fields if isinstance(f, PrivateTextField))
    for model in (CheckIn, Answer)
}
