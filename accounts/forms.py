from __future__ import annotations

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts import languages, time_zones
from accounts.models import Couple, Membership, User
from accounts.names import validate_person_name


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
        validators=[validate_person_name],
    )

    def signup(self, request: HttpRequest, user: User) -> None:
        user.display_name = self.cleaned_data["display_name"].strip()
        user.save(update_fields=["display_name"])


# The id of the <datalist> of every time zone name on the settings page.
TIME_ZONE_LIST_ID = "time-zone-names"


class StartCoupleForm(forms.Form):
    # Filled in from the browser's own time zone by static/js/twoway.js. Missing (no
    # JavaScript) or unknown, it is empty: the couple starts on UTC and the settings page
    # asks them to check it.
    time_zone = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)

    def clean_time_zone(self) -> str:
        try:
            return time_zones.canonical(self.cleaned_data["time_zone"])
        except time_zones.UnknownTimeZone:
            return ""


class SendInviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Your partner's email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


def time_zone_input() -> forms.TextInput:
    """A text box with the list of time zone names to pick from (``TIME_ZONE_LIST_ID``)."""
    return forms.TextInput(
        attrs={
            "list": TIME_ZONE_LIST_ID,
            "autocomplete": "off",
            "autocapitalize": "none",
            "spellcheck": "false",
        }
    )


def time_zone_named(typed: str) -> str:
    """The time zone a person typed, matched forgivingly; a helpful error if none matches."""
    try:
        return time_zones.canonical(typed)
    except time_zones.UnknownTimeZone:
        pass
    near = time_zones.suggestions(typed)
    if near:
        message = _("We don't know a time zone called “%(typed)s”. Did you mean %(near)s?")
        params = {"typed": typed, "near": str(_(" or ")).join(near)}
    else:
        message = _(
            "We don't know a time zone called “%(typed)s”. Type your nearest big city, "
            "such as London or New York, and pick a time zone from the list."
        )
        params = {"typed": typed}
    raise forms.ValidationError(message, code="unknown_time_zone", params=params)


class CoupleSettingsForm(forms.Form):
    # A text box with a list to pick from (searchable on phones too, and without JavaScript)
    # rather than a 600-line select; what was typed is matched forgivingly and kept on error.
    time_zone = forms.CharField(
        label=_("Time zone"),
        max_length=64,
        help_text=_(
            "Your weeks begin at midnight here. Type your nearest big city, such as London or "
            "New York, and pick from the list."
        ),
        widget=time_zone_input(),
    )
    week_start_day = forms.TypedChoiceField(
        label=_("Check-in week starts on"), choices=Couple.WEEKDAYS, coerce=int
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
                validators=[validate_person_name],
            )

    def clean_time_zone(self) -> str:
        return time_zone_named(self.cleaned_data["time_zone"])

    def setting_changes(self) -> dict[str, object]:
        return {f: self.cleaned_data[f] for f in ("time_zone", "week_start_day")}

    def name_changes(self) -> dict[int, str]:
        return {m.pk: self.cleaned_data[f"name_{m.pk}"] for m in self.memberships}


class PersonalSettingsForm(forms.Form):
    """Choices that are each person's own: saved without a word to the partner."""

    wants_physical = forms.BooleanField(
        label=_("Add a part about affection and touch"),
        required=False,
        help_text=_(
            "It appears only if you both choose it; neither of you is told what the other "
            "chose. You can change your mind at any time."
        ),
    )


class UnpairForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand: our couple ends for both of us, and this can't be undone."),
        error_messages={"required": _("Please tick the box to confirm.")},
    )


class LanguageForm(forms.Form):
    """A person's language (accounts.languages): one of the languages offered, each named in
    itself, or blank to follow the browser's."""

    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["language"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("The language of my browser")), *languages.offered()]
        field.help_text = _("Twoway's pages and the emails it sends you are in this language.")
