"""``{{ session.user_agent|device }}``: "Firefox on Linux" (intimacy.devices)."""

from __future__ import annotations

from django import template

from intimacy import devices

register = template.Library()


@register.filter
def device(user_agent: str) -> str:
    return devices.describe(user_agent or "")
