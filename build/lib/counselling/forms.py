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
    span = forms.ChoiceField(
        label=_("How far back may they look?"),
        choices=Consent.Span.choices,
        initial=Consent.Span.LAST_4,
        widget=forms.RadioSelect,
        help_text=_("If the two of you choose differently, the shorter period applies."),
    )
    agree = forms.BooleanField(
        label=_("I agree to share what is described above."),
        error_messages={"required": _("Please tick the box to give consent.")},
    )
