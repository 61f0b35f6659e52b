"""Authentication backends that load the signed-in person with their roles
(``intimacy.roles``), so the navigation on every page costs no extra query."""

from __future__ import annotations

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from accounts.models import User
from intimacy.roles import with_roles


class RolesMixin:
    def get_user(self, user_id: Any) -> User | None:
        user = with_roles(User._default_manager.filter(pk=user_id)).first()
        if user is None or not self.user_can_authenticate(user):  # type: ignore[attr-defined]
            return None
        return user


class ModelBackend(RolesMixin, DjangoModelBackend):
    pass


class AuthenticationBackend(RolesMixin, AllauthBackend):  # type: ignore[misc]  # allauth is untyped
    pass
