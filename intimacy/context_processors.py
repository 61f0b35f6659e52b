"""What every page's template may read beyond Django's own context processors."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from intimacy.roles import counsellor_side, roles_of


def roles(request: HttpRequest) -> dict[str, object]:
    """``roles`` (``intimacy.roles.Roles``, read only if a template asks) and
    ``counsellor_side`` (whether this page is one of the counsellor's)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "roles": SimpleLazyObject(lambda: roles_of(user)),
        "counsellor_side": counsellor_side(request),
    }


def safety(request: HttpRequest) -> dict[str, object]:
    """``quick_exit_url``: where the quick exit on every page leaves for."""
    return {"quick_exit_url": settings.QUICK_EXIT_URL}
