"""The couple's change log in words: one whole sentence per entry, in the reader's language.

An entry stores what changed as data (``CoupleEvent.change``: which setting, the old and the
new value), never as words, so each partner reads it in their own language, and each
sentence is whole ("You renamed …", "Sam renamed …") because the verb agrees with its subject
in most languages. Entries from before this (only ``detail``, in the words of whoever made
the change) read as they were written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from accounts.models import Couple, CoupleEvent

Change = dict[str, Any]

RENAMED = "renamed"
WEEK_START_DAY = "week_start_day"
TIME_ZONE = "time_zone"


def renamed(*, old: str, new: str) -> Change:
    return {"what": RENAMED, "old": old, "new": new}


def setting_changed(*, field: str, old: object, new: object) -> Change:
    return {"what": field, "old": old, "new": new}


def _day(value: object) -> str:
    return str(dict(Couple.WEEKDAYS).get(value, value))  # type: ignore[call-overload]


def sentence(event: CoupleEvent, *, yours: bool, name: str) -> str:
    """``event`` as the reader says it: ``yours`` when the reader made the change, else
    ``name`` is how the reader knows who did."""
    kind, change = event.kind, event.change or {}
    what = change.get("what")
    values = {"name": name, "old": change.get("old"), "new": change.get("new")}
    if kind == CoupleEvent.Kind.STARTED:
        text = _("You started the couple.") if yours else _("%(name)s started the couple.")
    elif kind == CoupleEvent.Kind.JOINED:
        text = _("You joined.") if yours else _("%(name)s joined.")
    elif kind == CoupleEvent.Kind.CLOSED:
        text = _("You ended the couple.") if yours else _("%(name)s ended the couple.")
    elif what == RENAMED:
        text = (
            _("You renamed %(old)s to %(new)s.")
            if yours
            else _("%(name)s renamed %(old)s to %(new)s.")
        )
    elif what == WEEK_START_DAY:
        values |= {"old": _day(values["old"]), "new": _day(values["new"])}
        text = (
            _("You changed the first day of the check-in week from %(old)s to %(new)s.")
            if yours
            else _("%(name)s changed the first day of the check-in week from %(old)s to %(new)s.")
        )
    elif what == TIME_ZONE:
        text = (
            _("You changed the time zone from %(old)s to %(new)s.")
            if yours
            else _("%(name)s changed the time zone from %(old)s to %(new)s.")
        )
    elif event.detail:  # written before changes were stored as data
        values["detail"] = event.detail
        text = _("You: %(detail)s") if yours else _("%(name)s: %(detail)s")
    else:
        text = _("You changed settings.") if yours else _("%(name)s changed settings.")
    return text % values


@dataclass(frozen=True, slots=True)
class Line:
    at: datetime
    text: str


def lines(events: Iterable[CoupleEvent], *, reader_id: int) -> list[Line]:
    """The change log as ``reader_id`` reads it (each event's ``actor`` selected)."""
    return [
        Line(
            at=event.created_at,
            text=sentence(
                event,
                yours=event.actor_id == reader_id,
                name=event.actor.display_name if event.actor else _("Someone"),
            ),
        )
        for event in events
    ]
