"""Gentle, pure rules that turn a couple's check-ins into flags worth talking about.

Everything here is plain data in and plain data out: no database, and no access to Django
settings at import or call time. Flag texts are lazy translation strings, evaluated only when
a template (or ``str()``) renders them. The exact rules are written up for couples and
counsellors in ``docs/flags.md``; keep the two in step.

Partners are only ever positions, ``"a"`` and ``"b"``, and no text names either of them or
gives one partner's numbers against the other's: a flag's ``title``, ``explanation`` and
``suggestion`` always speak about the two of you.

The modules: ``inputs`` (``PartnerWeek``, ``CoupleWeek``), ``thresholds`` (``Thresholds``),
``words`` (``count_words``, the one definition of a word; ``sharing_measure``; ``written``,
a ``PartnerWeek`` counted from texts for plain data), ``kinds`` (``FlagKind``), ``flag``
(``Flag``), ``wording`` (the texts), ``ordering`` and ``rules`` (``week_flags``,
``history_flags``, ``flags_for``), ``bright`` (``BrightKind``, ``BrightSpot``,
``bright_spots``: what went well) and ``variety`` (``vary``: a page's choice of words, so
that no sentence repeats). Import from the package, not from the modules.
"""

from __future__ import annotations

from checkins.flags.bright import BrightKind, BrightSpot, bright_spots
from checkins.flags.flag import Flag, Text
from checkins.flags.inputs import POSITIONS, CoupleWeek, PartnerWeek, Position, other
from checkins.flags.kinds import FlagKind
from checkins.flags.rules import flags_for, history_flags, week_flags
from checkins.flags.thresholds import SETTING, Thresholds
from checkins.flags.variety import vary, week_seed
from checkins.flags.wording import (
    BRIGHT_WORDING,
    DIMENSION_PHRASES,
    DRIFT_SUGGESTIONS,
    GENERAL_SUGGESTIONS,
    ONE_SIDED_WEEK_WIDEST,
    SIGN_WORDING,
    WORDING,
    BrightWording,
    Wording,
    all_templates,
    bright_wording,
    gettext_noop,
    suggestion_choices,
    wording,
)
from checkins.flags.words import (
    SUBSTANTIAL_WORDS,
    Sharing,
    count_words,
    sharing_measure,
    written,
)

__all__ = [
    "BRIGHT_WORDING",
    "DIMENSION_PHRASES",
    "DRIFT_SUGGESTIONS",
    "GENERAL_SUGGESTIONS",
    "ONE_SIDED_WEEK_WIDEST",
    "POSITIONS",
    "SETTING",
    "SIGN_WORDING",
    "SUBSTANTIAL_WORDS",
    "WORDING",
    "BrightKind",
    "BrightSpot",
    "BrightWording",
    "CoupleWeek",
    "Flag",
    "FlagKind",
    "PartnerWeek",
    "Position",
    "Sharing",
    "Text",
    "Thresholds",
    "Wording",
    "all_templates",
    "bright_spots",
    "bright_wording",
    "count_words",
    "flags_for",
    "gettext_noop",
    "history_flags",
    "other",
    "sharing_measure",
    "suggestion_choices",
    "vary",
    "week_flags",
    "week_seed",
    "wording",
    "written",
]
