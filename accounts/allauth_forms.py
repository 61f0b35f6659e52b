# allauth ships no type information (see [[tool.mypy.overrides]]), so its forms are Any.
# mypy: disallow-subclassing-any=False
"""allauth's forms, in Twoway's words.

Each subclass changes only what a person reads and how their browser helps them (labels,
placeholders, help text, and widget attributes such as ``autocomplete``); every field,
check and save is allauth's own. Named in ``ACCOUNT_FORMS`` and ``MFA_FORMS``.

Passwords and codes can always be pasted (nothing here blocks it), so password managers
and authenticator apps that copy codes work.
"""

from __future__ import annotations

from typing import Any

from allauth.account import forms as account_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from allauth.mfa.webauthn import forms as webauthn_forms
from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

EMAIL_LABEL = _("Email address")
EMAIL_PLACEHOLDER = _("you@example.com")
REMEMBER_LABEL = _("Remember me on this device")
PASSWORD_LABEL = _("Password")
PASSWORD_AGAIN_LABEL = _("Password, once more")
CURRENT_PASSWORD_LABEL = _("Current password")
NEW_PASSWORD_LABEL = _("New password")
NEW_PASSWORD_AGAIN_LABEL = _("New password, once more")
TOTP_CODE_LABEL = _("Code from your authenticator app")
ANY_CODE_LABEL = _("Code from your authenticator app, or a recovery code")
CODE_PLACEHOLDER = _("6-digit code")


def _forgotten_password_help() -> SafeString:
    return format_html(
        '<a href="{}">{}</a>', reverse("account_reset_password"), _("Forgotten your password?")
    )


def _email(form: forms.Form, name: str = "email") -> None:
    field = form.fields.get(name)
    if field is None:
        return
    field.label = EMAIL_LABEL
    field.widget.attrs.update({"placeholder": EMAIL_PLACEHOLDER, "autocomplete": "email"})


def _password(
    form: forms.Form,
    name: str,
    label: Any,
    autocomplete: str,
    help_text: Any = None,
) -> None:
    field = form.fields.get(name)
    if field is None:
        return
    field.label = label
    # allauth shows the label again as the placeholder; keep it, in the same words.
    field.widget.attrs.update({"placeholder": label, "autocomplete": autocomplete})
    if help_text is not None:
        field.help_text = help_text


def _code(form: forms.Form, label: Any) -> None:
    field = form.fields["code"]
    field.label = label
    field.widget.attrs.update(
        {
            "placeholder": CODE_PLACEHOLDER,
            "autocomplete": "one-time-code",
            "inputmode": "numeric",
            "autocapitalize": "off",
            "spellcheck": "false",
        }
    )


class LoginForm(account_forms.LoginForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _email(self, "login")
        _password(
            self,
            "password",
            PASSWORD_LABEL,
            "current-password",
            help_text=_forgotten_password_help(),
        )
        if "remember" in self.fields:
            self.fields["remember"].label = REMEMBER_LABEL


class SignupForm(account_forms.SignupForm):
    """allauth's sign-up form, which already carries accounts.forms.SignupForm's name."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _email(self)
        # The new password's rules are shown by the page itself
        # (account/snippets/fields_with_password_rules.html); its help text stays.
        _password(self, "password1", PASSWORD_LABEL, "new-password")
        _password(self, "password2", PASSWORD_AGAIN_LABEL, "new-password")


class AddEmailForm(account_forms.AddEmailForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _email(self)


class ChangePasswordForm(account_forms.ChangePasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The page offers its own "Forgotten your current password?" link below the form.
        _password(self, "oldpassword", CURRENT_PASSWORD_LABEL, "current-password", help_text="")
        _password(self, "password1", NEW_PASSWORD_LABEL, "new-password")
        _password(self, "password2", NEW_PASSWORD_AGAIN_LABEL, "new-password")


class SetPasswordForm(account_forms.SetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _password(self, "password1", PASSWORD_LABEL, "new-password")
        _password(self, "password2", PASSWORD_AGAIN_LABEL, "new-password")


class ResetPasswordForm(account_forms.ResetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _email(self)


class ResetPasswordKeyForm(account_forms.ResetPasswordKeyForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _password(self, "password1", NEW_PASSWORD_LABEL, "new-password")
        _password(self, "password2", NEW_PASSWORD_AGAIN_LABEL, "new-password")


class ReauthenticateForm(account_forms.ReauthenticateForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _password(
            self,
            "password",
            PASSWORD_LABEL,
            "current-password",
            help_text=_forgotten_password_help(),
        )


class MFAAuthenticateForm(mfa_forms.AuthenticateForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _code(self, ANY_CODE_LABEL)


class MFAReauthenticateForm(mfa_forms.ReauthenticateForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _code(self, ANY_CODE_LABEL)


class ActivateTOTPForm(totp_forms.ActivateTOTPForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _code(self, TOTP_CODE_LABEL)


# allauth's forms for turning the app off and making new recovery codes have no fields,
# so nothing to word: they are left as they are.


PASSKEY_NAME_LABEL = _("A name, so you can tell your passkeys apart")


class AddWebAuthnForm(webauthn_forms.AddWebAuthnForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("name", _passkey_name())
        super().__init__(*args, **kwargs)
        self.fields["name"].label = PASSKEY_NAME_LABEL
        self.fields["name"].widget.attrs.update({"autocomplete": "off"})
        passwordless = self.fields.get("passwordless")
        if passwordless is not None:
            passwordless.label = _("Use it to log in without a password")
            passwordless.help_text = _(
                "Leave this ticked for a passkey on your phone or computer. Untick it for a "
                "security key that only works as a second step after your password."
            )
            passwordless.initial = True


class EditWebAuthnForm(webauthn_forms.EditWebAuthnForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].label = PASSKEY_NAME_LABEL


def _passkey_name() -> str:
    """This device, as the sessions page names it ("Chrome on Android")."""
    from allauth.core import context

    from intimacy import devices

    request = context.request
    user_agent = request.headers.get("user-agent", "") if request is not None else ""
    return devices.describe(user_agent)
