from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from counselling.models import Consent


class CounsellorInviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Your counsellor's email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class ConsentForm(forms.Form):
    """What a partner agrees to: how far back, for how long, and the box ticked."""

    span = forms.ChoiceField(
        label=_("How far back may they look?"),
        choices=Consent.Span.choices,
        initial=Consent.Span.LAST_4,
        widget=forms.RadioSelect,
        help_text=_("If the two of you choose differently, the shorter period applies."),
    )
    lasts = forms.ChoiceField(
        label=_("For how long?"),
        choices=Consent.Lasts.choices,
        # Six months: long enough for a course of counselling, short enough that access
        # nobody thinks about any more ends by itself (both are warned a week before).
        initial=Consent.Lasts.MONTHS_6,
        required=False,  # a form from before end dates existed gets the default
        widget=forms.RadioSelect,
        help_text=_(
            "Access ends on the earlier of your two end dates. We email you both a week "
            "before, and either of you can renew or withdraw at any moment."
        ),
    )
    agree = forms.BooleanField(
        label=_("I agree to share what is described above."),
        error_messages={"required": _("Please tick the box to give consent.")},
    )

    def clean_lasts(self) -> str:
        return str(self.cleaned_data.get("lasts") or Consent.Lasts.MONTHS_6)

    @property
    def months(self) -> int | None:
        """The chosen length in calendar months (None: until withdrawn)."""
        lasts = self.cleaned_data["lasts"]
        return None if lasts == Consent.Lasts.UNTIL_WITHDRAWN else int(lasts)
