"""The weekly check-in form: one section per dimension, then the whole-week parts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from checkins.catalog import Closeness, Dimension, FollowThrough, WarningSign
from checkins.models import APPRECIATION_MAX, NEED_MAX, PRIVATE_NOTE_MAX, REFLECTION_MAX


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
    rating: int | None
    reflection: str
    need: str
    share: bool | None = None  # None: the box was not offered, keep what is stored


@dataclass(frozen=True)
class CheckInData:
    answers: dict[str, AnswerData]
    appreciation: str
    private_note: str
    signs: list[str]
    follow_through: str


class CheckInForm(forms.Form):
    """Drafts accept any subset; ``require_ratings`` (on submit) needs every rating."""

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
        require_ratings: bool = False,
        sharing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.dimensions = dimensions
        self.require_ratings = require_ratings
        self.sharing = sharing
        for dim in dimensions:
            name = Dimension(dim).label
            self.fields[f"{dim}-rating"] = forms.TypedChoiceField(
                label=_("How close did you feel? (%(dimension)s)") % {"dimension": name},
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
                _("Your reflection (%(dimension)s)") % {"dimension": name}, REFLECTION_MAX, 5
            )
            self.fields[f"{dim}-need"] = _text(
                _("What I'd love from you this week (%(dimension)s)") % {"dimension": name},
                NEED_MAX,
                2,
            )
            if sharing:
                self.fields[f"{dim}-share"] = forms.BooleanField(
                    label=_("Share this answer with our counsellor"),
                    required=False,
                    help_text=_("Off unless you tick it. You can change it later."),
                )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.require_ratings:
            for dim in self.dimensions:
                if cleaned.get(f"{dim}-rating") is None and f"{dim}-rating" not in self.errors:
                    self.add_error(
                        f"{dim}-rating",
                        _("Please choose how close you felt, so your partner can see it too."),
                    )
        return cleaned

    def sections(self) -> list[dict[str, Any]]:
        """Bound fields grouped by dimension, for the template."""
        return [
            {
                "dimension": dim,
                "label": Dimension(dim).label,
                "rating": self[f"{dim}-rating"],
                "reflection": self[f"{dim}-reflection"],
                "need": self[f"{dim}-need"],
                "share": self[f"{dim}-share"] if self.sharing else None,
            }
            for dim in self.dimensions
        ]

    def to_data(self) -> CheckInData:
        c = self.cleaned_data
        return CheckInData(
            answers={
                dim: AnswerData(
                    rating=c.get(f"{dim}-rating"),
                    reflection=c.get(f"{dim}-reflection", ""),
                    need=c.get(f"{dim}-need", ""),
                    share=bool(c.get(f"{dim}-share")) if self.sharing else None,
                )
                for dim in self.dimensions
            },
            appreciation=c.get("appreciation", ""),
            private_note=c.get("private_note", ""),
            signs=list(c.get("signs", [])),
            follow_through=c.get("follow_through", ""),
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
    }
    for answer in checkin.answers.all():
        initial[f"{answer.dimension}-rating"] = answer.rating
        initial[f"{answer.dimension}-reflection"] = answer.reflection
        initial[f"{answer.dimension}-need"] = answer.need
        initial[f"{answer.dimension}-share"] = answer.share_with_counsellor
    return initial
