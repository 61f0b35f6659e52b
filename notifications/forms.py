from __future__ import annotations

import functools
from typing import Any

from django import forms
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from accounts.forms import time_zone_input, time_zone_named
from accounts.models import Couple
from notifications.models import EmailPreferences

OFF = ""


def hour_choices() -> list[tuple[int, str]]:
    return [(hour, f"{hour:02d}:00") for hour in range(24)]


def _weekday_field(*, label: StrOrPromise, with_off: bool) -> forms.TypedChoiceField:
    off = [(OFF, _("No reminders"))] if with_off else []
    return forms.TypedChoiceField(
        label=label,
        choices=[*off, *Couple.WEEKDAYS],
        coerce=int,
        empty_value=None,
        required=False,
    )


class ReminderOfferForm(forms.Form):
    """The offer on the first check-in: a day and an hour, already filled in."""

    remind_weekday = _weekday_field(label=_("Remind me on"), with_off=False)
    remind_hour = forms.TypedChoiceField(label=_("Time"), choices=hour_choices, coerce=int)

    def clean_remind_weekday(self) -> int:
        value = self.cleaned_data["remind_weekday"]
        if value is None:
            raise forms.ValidationError(_("Choose a day for your reminder."))
        return int(value)

    def fields_html(self) -> SafeString:
        """Both fields as the offer shows them. The offer is only ever shown unbound (its
        answer is a redirect or a status line), filled in from the couple's settings, so its
        markup depends on that day and hour and the language alone: rendered once per
        process for each, because its 31 option templates cost a sixth of the week page."""
        assert not self.is_bound, "a bound offer renders its fields itself"
        return _offer_fields(
            get_language(), self.initial["remind_weekday"], self.initial["remind_hour"]
        )


@functools.lru_cache(maxsize=256)
def _offer_fields(language: str, weekday: int, hour: int) -> SafeString:
    form = ReminderOfferForm(initial={"remind_weekday": weekday, "remind_hour": hour})
    return format_html(
        "<div>{}</div>\n<div>{}</div>",
        form["remind_weekday"].as_field_group(),
        form["remind_hour"].as_field_group(),
    )


class PreferencesForm(forms.ModelForm[EmailPreferences]):
    remind_weekday = _weekday_field(label=_("Remind me on"), with_off=True)
    remind_hour = forms.TypedChoiceField(
        label=_("Time"),
        choices=hour_choices,
        coerce=int,
        help_text=_("Only if you haven't checked in by then. Never more than one a day."),
    )
    time_zone = forms.CharField(
        label=_("Your time zone"),
        max_length=64,
        required=False,
        widget=time_zone_input(),
    )

    class Meta:
        model = EmailPreferences
        fields = [
            "remind_weekday",
            "remind_hour",
            "time_zone",
            "nudges",
            "partner_joined",
            "partner_checked_in",
            "week_ready",
            "partner_unpaired",
        ]

    def __init__(self, *args: Any, couple_time_zone: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].help_text = _(
            "Leave empty to use your couple's time zone (%(zone)s)."
        ) % {"zone": couple_time_zone}

    def clean_time_zone(self) -> str:
        typed: str = self.cleaned_data["time_zone"].strip()
        return time_zone_named(typed) if typed else ""

    def changes(self) -> dict[str, object]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
