"""Gentle, pure rules that turn a couple's check-ins into flags worth talking about.

Everything here is plain data in and plain data out: no database, and no access to Django
settings at import or call time. Flag texts are lazy translation strings, evaluated only when
a template (or ``str()``) renders them. The exact rules are written up for couples and
counsellors in ``docs/flags.md``; keep the two in step.

Partners are only ever positions, ``"a"`` and ``"b"``. A flag's ``title``, ``explanation``
and ``suggestion`` may contain the placeholders ``{more}`` and ``{less}``, which stand for the
partners in the flag's ``more`` and ``less`` fields. Render them with ``Flag.title_for``,
``Flag.explanation_for`` and ``Flag.suggestion_for``, passing ``{"a": name, "b": name}``.

The modules: ``inputs`` (``PartnerWeek``, ``CoupleWeek``), ``thresholds`` (``Thresholds``),
``words`` (``count_words``, ``sharing_measure``), ``kinds`` (``FlagKind``), ``flag``
(``Flag``), ``wording`` (the texts), ``ordering`` and ``rules`` (``week_flags``,
``history_flags``, ``flags_for``). Import from the package, not from the modules.
"""

from __future__ import annotations

from checkins.flags.flag import Flag, Text
from checkins.flags.inputs import POSITIONS, CoupleWeek, PartnerWeek, Position, other
from checkins.flags.kinds import FlagKind
from checkins.flags.rules import flags_for, history_flags, week_flags
from checkins.flags.thresholds import SETTING, Thresholds
from checkins.flags.wording import (
    DIMENSION_PHRASES,
    DRIFT_SUGGESTIONS,
    ONE_SIDED_WEEK_WIDEST,
    SIGN_WORDING,
    WORDING,
    Wording,
    gettext_noop,
    wording,
)
from checkins.flags.words import SUBSTANTIAL_WORDS, Sharing, count_words, sharing_measure

__all__ = [
    "DIMENSION_PHRASES",
    "DRIFT_SUGGESTIONS",
    "ONE_SIDED_WEEK_WIDEST",
    "POSITIONS",
    "SETTING",
    "SIGN_WORDING",
    "SUBSTANTIAL_WORDS",
    "WORDING",
    "CoupleWeek",
    "Flag",
    "FlagKind",
    "PartnerWeek",
    "Position",
    "Sharing",
    "Text",
    "Thresholds",
    "Wording",
    "count_words",
    "flags_for",
    "gettext_noop",
    "history_flags",
    "other",
    "sharing_measure",
    "week_flags",
    "wording",
]
