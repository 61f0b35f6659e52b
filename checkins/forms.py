"""The weekly check-in form: the fields of one step, and what a save of them carries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from checkins.catalog import Closeness, Dimension, FollowThrough, WarningSign
from checkins.models import APPRECIATION_MAX, NEED_MAX, PRIVATE_NOTE_MAX, REFLECTION_MAX
from checkins.steps import Kind, Step


class WrittenTextField(forms.CharField):
    """Text kept exactly as typed (strip=False), except that browsers send each line break
    as \r\n: it is stored as one \n, so the limit counts it once, like the text box does."""

    def to_python(self, value: Any) -> str:
        text = super().to_python(value) or ""
        return text.replace("\r\n", "\n").replace("\r", "\n")


def _text(label: StrOrPromise, limit: int, rows: int = 4) -> forms.CharField:
    # strip=False: leading spaces and blank lines are part of what was written.
    return WrittenTextField(
        label=label,
        required=False,
        strip=False,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": rows, "data-counter": limit}),
        error_messages={
            "max_length": _(
                "Please keep this to %(limit_value)d characters or fewer "
                "(it has %(show_value)d). Nothing was lost: shorten it and save again."
            )
        },
    )


@dataclass(frozen=True)
class AnswerData:
    """One part's answers as a save carries them. ``None`` means "not on this form": the
    stored value is kept. A rating is never cleared (a chosen radio button cannot be
    unchosen), so a rating of ``None`` always keeps what is stored."""

    rating: int | None = None
    reflection: str | None = None
    need: str | None = None
    share: bool | None = None  # None: the box was not offered, keep what is stored


@dataclass(frozen=True)
class CheckInData:
    """What one save writes; every ``None`` keeps the stored value (see ``AnswerData``)."""

    answers: dict[str, AnswerData]
    appreciation: str | None = None
    private_note: str | None = None
    signs: list[str] | None = None
    follow_through: str | None = None  # "" too keeps it: a chosen answer stays chosen
    # The finish step's "share this week's answers" box (None: not offered). Ticked shares
    # every answer; unticked un-shares them only if every one was shared (the box showed
    # ticked), so per-answer choices survive a box left as it was.
    share_week: bool | None = None


def _carried(step: Step | None, dimensions: tuple[str, ...]) -> set[str]:
    """The names of the fields the form for ``step`` carries (``None``: the whole form)."""
    kinds = set(Kind) if step is None else {step.kind}
    names: set[str] = set()
    if Kind.RATINGS in kinds:
        names |= {f"{d}-rating" for d in dimensions} | {"follow_through"}
    for d in dimensions:
        if step is None or step.dimension == d:
            names |= {f"{d}-reflection", f"{d}-need", f"{d}-share"}
    if Kind.FINISH in kinds:
        names |= {"signs", "appreciation", "private_note", "share_week"}
    return names


class CheckInForm(forms.Form):
    """The fields of one step of the check-in (``step=None``: every field, as one page).

    A save writes only the fields its form carries (``to_data``), so saving one step
    never blanks another step's answers. Any subset is valid here: what a submitted
    check-in needs is checked against everything stored (``checkins.steps.missing_answers``).
    """

    appreciation = _text(_("One thing I appreciated about you this week"), APPRECIATION_MAX, 3)
    signs = forms.MultipleChoiceField(
        label=_("Did you notice any of these this week?"),
        choices=WarningSign.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    follow_through = forms.ChoiceField(
        label=_("Did we manage it?"),
        choices=FollowThrough.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    private_note = _text(_("A private note to myself"), PRIVATE_NOTE_MAX, 3)

    def __init__(
        self,
        *args: Any,
        dimensions: tuple[str, ...],
        step: Step | None = None,
        featured: str | None = None,
        sharing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.dimensions = dimensions
        self.step = step
        self.sharing = sharing
        carried = _carried(step, dimensions)
        for dim in dimensions:
            name = Dimension(dim).label
            self.fields[f"{dim}-rating"] = forms.TypedChoiceField(
                label=_("How close did you feel: %(dimension)s") % {"dimension": name},
                choices=Closeness.choices,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": _(
                        "Choose one of the five steps, from Far apart to Very close."
                    )
                },
            )
            self.fields[f"{dim}-reflection"] = _text(
                _("This week's question: %(dimension)s") % {"dimension": name},
                REFLECTION_MAX,
                8 if dim == featured else 4,
            )
            self.fields[f"{dim}-need"] = _text(
                _("What I'd love from you this week: %(dimension)s") % {"dimension": name},
                NEED_MAX,
                2,
            )
            if sharing:
                self.fields[f"{dim}-share"] = forms.BooleanField(
                    label=_("Share this answer with our counsellor"),
                    required=False,
                    help_text=_("Off unless you tick it. You can change it later."),
                )
        if sharing:
            self.fields["share_week"] = forms.BooleanField(
                label=_("Share this week's answers with our counsellor"),
                required=False,
                help_text=_(
                    "Your reflections and wishes for every part this week, never your private "
                    "note. Off unless you tick it; you can change it later on the week's page."
                ),
            )
        for field_name in list(self.fields):
            if field_name not in carried:
                del self.fields[field_name]

    def carries(self, name: str) -> bool:
        return name in self.fields

    def to_data(self) -> CheckInData:
        c = self.cleaned_data

        def text(name: str) -> str | None:
            # A box the request did not send at all is kept: a browser always sends the
            # boxes of the form it shows (empty ones too), so only those are written.
            if name not in self.fields or name not in self.data:
                return None
            return str(c.get(name, ""))

        answers: dict[str, AnswerData] = {}
        for dim in self.dimensions:
            names = [f"{dim}-{part}" for part in ("rating", "reflection", "need", "share")]
            if not any(n in self.fields for n in names):
                continue
            share = f"{dim}-share"
            answers[dim] = AnswerData(
                rating=c.get(f"{dim}-rating"),
                reflection=text(f"{dim}-reflection"),
                need=text(f"{dim}-need"),
                share=bool(c.get(share)) if share in self.fields else None,
            )
        return CheckInData(
            answers=answers,
            appreciation=text("appreciation"),
            private_note=text("private_note"),
            signs=list(c.get("signs", [])) if "signs" in self.fields else None,
            follow_through=c.get("follow_through") or None,
            share_week=bool(c.get("share_week")) if "share_week" in self.fields else None,
        )


def initial_from(checkin: Any) -> dict[str, Any]:
    """Form initial values from a saved check-in (``None``: an empty form)."""
    if checkin is None:
        return {}
    initial: dict[str, Any] = {
        "appreciation": checkin.appreciation,
        "private_note": checkin.private_note,
        "signs": checkin.signs,
        "follow_through": checkin.follow_through,
        "share_week": checkin.shares_every_answer,
    }
    for answer in checkin.answers.all():
        initial[f"{answer.dimension}-rating"] = answer.rating
        initial[f"{answer.dimension}-reflection"] = answer.reflection
        initial[f"{answer.dimension}-need"] = answer.need
        initial[f"{answer.dimension}-share"] = answer.share_with_counsellor
    return initial
