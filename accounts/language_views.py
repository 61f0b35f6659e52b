"""Choosing a language: the footer's switch and the settings' choice post here.

Django's own ``set_language`` does the work for everyone (the language cookie, the
redirect back to a safe ``next``); a person signed in also has the choice stored
(``User.language``), so it follows them to every device and into their emails. Blank
(only offered in the settings) means "follow my browser": the stored choice and the
cookie are both cleared.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from accounts import languages
from accounts.forms import LanguageForm
from accounts.models import User


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    form = LanguageForm(request.POST)
    code = form.cleaned_data["language"] if form.is_valid() else None
    response = django_set_language(request)
    if code is None:
        # Not a language on offer: just go back. (Django's view would set the cookie for any
        # language Django itself is translated into, which LANGUAGES then ignores.)
        response.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
        return response
    if not code:
        response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
    user = request.user
    if isinstance(user, User) and user.is_authenticated:
        if user.language != code:
            user.language = code
            user.save(update_fields=["language"])
        if request.POST.get("from_settings"):
            # Said in the language of the next page: the one chosen, or the browser's.
            with translation.override(code or languages.of_browser(request)):
                messages.success(
                    request,
                    _("Saved. Twoway is in this language for you now.")
                    if code
                    else _("Saved. Twoway follows your browser's language now."),
                )
    return response
