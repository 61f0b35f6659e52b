"""A readable name for the browser and system in a User-Agent header ("Firefox on Linux").

For the sessions page, so a person can tell their phone from a laptop they do not know.
A rough reading of the header and nothing more: no lookup, no address, no location.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

# First match wins: Edge and Opera also say "Chrome", Chrome also says "Safari".
_BROWSERS = [
    ("Edg/", "Edge"),
    ("EdgiOS", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser", "Samsung Internet"),
    ("Firefox/", "Firefox"),
    ("FxiOS", "Firefox"),
    ("CriOS", "Chrome"),
    ("Chromium/", "Chromium"),
    ("HeadlessChrome", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
]
# iPhone and iPad before Mac ("like Mac OS X"), Android before Linux.
_SYSTEMS = [
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("CrOS", "ChromeOS"),
    ("Windows", "Windows"),
    ("Macintosh", "Mac"),
    ("Mac OS X", "Mac"),
    ("Linux", "Linux"),
]


def _first(user_agent: str, table: list[tuple[str, str]]) -> str:
    return next((name for token, name in table if token in user_agent), "")


def describe(user_agent: str) -> str:
    """ "Firefox on Linux", "Safari on iPhone", "Chrome", or "An unknown browser"."""
    browser = _first(user_agent, _BROWSERS)
    system = _first(user_agent, _SYSTEMS)
    if browser and system:
        return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    if browser or system:
        return browser or _("A browser on %(system)s") % {"system": system}
    return _("An unknown browser")
