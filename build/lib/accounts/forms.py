from __future__ import annotations

import zoneinfo

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.models import Couple, Membership, User


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form (allauth adds email and passwords)."""

    display_name = forms.CharField(
        label=_("Your name"),
        max_length=60,
        help_text=_(
            "First name or nickname. In your couple's settings, either of you can change how "
            "you are shown to each other."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )

    def signup(self, request: HttpRequest, user: User) -> None:
        user.display_name = self.cleaned_data["display_name"].strip()
        user.save(update_fields=["display_name"])


def _time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class StartCoupleForm(forms.Form):
    # Filled in from the browser's own time zone by static/js/twoway.js; UTC without JavaScript.
    time_zone = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)


class SendInviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Your partner's email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class CoupleSettingsForm(forms.Form):
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=_time_zone_choices)
    week_start_day = forms.TypedChoiceField(
        label=_("Check-in week starts on"), choices=Couple.WEEKDAYS, coerce=int
    )
    physical_enabled = forms.BooleanField(
        label=_("Include the physical intimacy section"),
        required=False,
        help_text=_("An optional section on affection and touch. Either of you can turn it off."),
    )

    def __init__(self, *args: object, memberships: list[Membership], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.memberships = memberships
        for membership in memberships:
            self.fields[f"name_{membership.pk}"] = forms.CharField(
                label=_("How %(name)s is shown") % {"name": membership.user.display_name},
                max_length=60,
                required=False,
                initial=membership.shown_name,
                help_text=_("Leave empty to use their own display name."),
            )

    def setting_changes(self) -> dict[str, object]:
        return {
            f: self.cleaned_data[f] for f in ("time_zone", "week_start_day", "physical_enabled")
        }

    def name_changes(self) -> dict[int, str]:
        return {m.pk: self.cleaned_data[f"name_{m.pk}"] for m in self.memberships}


class UnpairForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand: our couple ends for both of us, and this can't be undone."),
        error_messages={"required": _("Please tick the box to confirm.")},
    )
