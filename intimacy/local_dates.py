"""Dates written the way each language writes them, from the English patterns the templates use.

Templates (and ``counselling.services.local_date``) give Django's ``date`` filter English
patterns such as ``"j F Y"`` (3 June 2027). Month and weekday names already follow the active
language (Django's own catalogues), but the order and the little words do not: German writes
"3. Juni 2027", Spanish "3 de junio de 2027". ``local_pattern`` maps each pattern the app uses
to the active language's; this module's ``date`` filter, a template builtin
(``settings.TEMPLATES``), replaces Django's so every template gets it without a ``{% load %}``.
Machine formats (``Y-m-d``, ``c``, ``U``) are never changed. ``tests/test_languages.py`` fails
when a template uses a pattern with no entry here for every language offered.

The time zone is never the language's: a date is shown in the couple's (or the person's)
time zone, and a week starts on the couple's day, whatever the language.
"""

from __future__ import annotations

from datetime import date as date_type
from datetime import datetime
from typing import Any

from django import template
from django.template import defaultfilters
from django.utils import translation

register = template.Library()

# English pattern -> the same information in each language's usual order. English (and any
# language not listed) keeps the pattern as written.
PATTERNS: dict[str, dict[str, str]] = {
    "de": {
        "j F Y": "j. F Y",
        "j F": "j. F",
        "j M Y": "j. M Y",
        "j M": "j. M",
        "l": "l",
        "j M Y, H:i": "j. M Y, H:i",
        "j F Y, H:i": "j. F Y, H:i",
        "j F Y, H:i T": "j. F Y, H:i T",
        "l j M, H:i": "l, j. M, H:i",
        "l j F, H:i": "l, j. F, H:i",
        "l j F": "l, j. F",
        "l j F Y": "l, j. F Y",
        "H:i": "H:i",
    },
    "es": {
        "j F Y": r"j \d\e F \d\e Y",
        "j F": r"j \d\e F",
        "j M Y": "j M Y",
        "j M": "j M",
        "l": "l",
        "j M Y, H:i": "j M Y, H:i",
        "j F Y, H:i": r"j \d\e F \d\e Y, H:i",
        "j F Y, H:i T": r"j \d\e F \d\e Y, H:i T",
        "l j M, H:i": "l j M, H:i",
        "l j F, H:i": r"l j \d\e F, H:i",
        "l j F": r"l j \d\e F",
        "l j F Y": r"l j \d\e F \d\e Y",
        "H:i": "H:i",
    },
}


def local_pattern(pattern: str, language: str | None = None) -> str:
    """``pattern`` as the active language (or ``language``) writes it."""
    code = (language or translation.get_language() or "en").split("-")[0]
    return PATTERNS.get(code, {}).get(pattern, pattern)


@register.filter(expects_localtime=True, is_safe=False)
def date(value: date_type | datetime | Any, arg: str | None = None) -> str:
    """Django's ``date`` filter, with the pattern in the active language's order."""
    result: str = defaultfilters.date(value, local_pattern(arg) if arg else arg)
    return result
