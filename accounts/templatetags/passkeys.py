"""``{% if form.user|has_passkey %}``: offer "Use a passkey" only to someone who has one."""

from __future__ import annotations

from typing import Any

from allauth.mfa.models import Authenticator
from django import template

register = template.Library()


@register.filter
def has_passkey(user: Any) -> bool:
    if user is None or getattr(user, "pk", None) is None:
        return False
    found: bool = Authenticator.objects.filter(
        user_id=user.pk, type=Authenticator.Type.WEBAUTHN
    ).exists()
    return found
