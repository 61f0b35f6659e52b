"""The time zones a couple can choose: every IANA name zoneinfo knows, matched forgivingly.

Pure (no database): a typed name is matched ignoring case, surrounding spaces and spaces in
place of underscores ("america/new york" is "America/New_York"); anything else is unknown
and raises. Nothing here ever falls back to UTC: a caller that wants a default says so.
"""

from __future__ import annotations

import functools
import zoneinfo

# Names in the database that are not places: "localtime" is whatever the server's clock
# says, "Factory" is a placeholder zone whose abbreviation reads "-00".
_NOT_PLACES = frozenset({"localtime", "Factory", "posixrules"})

UTC = "UTC"


class UnknownTimeZone(ValueError):
    """A name that is no time zone we know."""


@functools.cache
def names() -> tuple[str, ...]:
    """Every choosable time zone name, sorted (the datalist on the settings page)."""
    return tuple(sorted(zoneinfo.available_timezones() - _NOT_PLACES))


@functools.cache
def _by_key() -> dict[str, str]:
    return {_key(name): name for name in names()}


def _key(name: str) -> str:
    return " ".join(name.replace("_", " ").split()).casefold()


@functools.cache
def _by_place() -> dict[str, tuple[str, ...]]:
    places: dict[str, list[str]] = {}
    for name in names():
        places.setdefault(_key(name.rsplit("/", 1)[-1]), []).append(name)
    return {place: tuple(found) for place, found in places.items()}


def canonical(name: str) -> str:
    """The zone's proper name for ``name`` as typed: a full name ("europe/london") or a
    place only one zone is named after ("London"). Raises ``UnknownTimeZone``."""
    key = _key(name)
    found = _by_key().get(key)
    if found is not None:
        return found
    same_place = _by_place().get(key, ())
    if len(same_place) == 1:
        return same_place[0]
    raise UnknownTimeZone(name)


def suggestions(name: str, limit: int = 3) -> list[str]:
    """Up to ``limit`` known names containing what was typed, for an error message."""
    key = _key(name)
    if not key:
        return []
    return [zone for zone in names() if key in _key(zone)][:limit]
