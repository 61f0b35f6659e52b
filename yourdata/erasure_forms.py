"""The delete-account form: the person's password (or, with no usable password, a
second-factor code) and their email address typed out, so nobody deletes by accident."""

from __future__ import annotations

from typing import Any

from allauth.mfa.models import Authenticator
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class EraseForm(forms.Form):
    secret = forms.CharField(
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Please enter your password.")},
    )
    email = forms.CharField(
        label=_("Type your email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("Please type your email address.")},
    )

    def __init__(self, *args: Any, user: User, uses_password: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user, self.uses_password = user, uses_password
        secret = self.fields["secret"]
        if uses_password:
            secret.label = _("Your password")
        else:
            secret.label = _("A code from your authenticator app, or a recovery code")
            secret.widget = forms.TextInput(
                attrs={"autocomplete": "one-time-code", "inputmode": "text", "spellcheck": "false"}
            )
            secret.error_messages["required"] = _("Please enter a code.")
        self.fields["email"].help_text = _("The address you sign in with.")

    def clean_secret(self) -> str:
        secret: str = self.cleaned_data["secret"]
        if self.uses_password and not self.user.check_password(secret):
            raise forms.ValidationError(
                _("That password isn't right. Nothing has been deleted; please try again."),
                code="wrong_password",
            )
        return secret

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # A code is checked last, and only once the address is right: checking uses it up
        # (a recovery code works once, an authenticator code once per 30 seconds), so a
        # typo in the address must not cost the person their code.
        checkable = not self.uses_password and "secret" in cleaned and not self.errors
        if checkable and not self._code_is_valid("".join(cleaned["secret"].split())):
            self.add_error(
                "secret",
                forms.ValidationError(
                    _(
                        "That code didn't work. Nothing has been deleted. An authenticator "
                        "code changes every 30 seconds: try the one shown now, or a "
                        "recovery code."
                    ),
                    code="wrong_code",
                ),
            )
        return cleaned

    def _code_is_valid(self, code: str) -> bool:
        return any(
            authenticator.wrap().validate_code(code)
            for authenticator in Authenticator.objects.filter(user=self.user).exclude(
                type=Authenticator.Type.WEBAUTHN
            )
        )

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip()
        if email.casefold() != self.user.email.casefold():
            raise forms.ValidationError(
                _(
                    "That isn't the address you sign in with. Type it exactly, as it is "
                    "shown at the top of this page."
                ),
                code="wrong_email",
            )
        return email
