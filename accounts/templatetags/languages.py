"""``{% language_form %}``: a person's stored language, with "follow my browser", on their
settings pages (the form posts to ``set_language``, accounts.language_views)."""

from __future__ import annotations

from typing import Any

from django import template

from accounts.forms import LanguageForm

register = template.Library()


@register.inclusion_tag("includes/language_form.html", takes_context=True)
def language_form(context: template.Context) -> dict[str, Any]:
    request = context["request"]
    form = LanguageForm(initial={"language": getattr(request.user, "language", "")})
    return {"request": request, "language_form": form, "csrf_token": context.get("csrf_token")}
