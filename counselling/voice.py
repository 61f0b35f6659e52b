"""Flags in a counsellor's voice: one plain sentence each, naming the partners.

The couple's pages word a flag about "the two of you" and never set one partner's numbers
against the other's (``checkins.flags``). A counsellor preparing a session needs the
opposite: who rated what, who wrote how much. This module turns a raw ``checkins.flags.Flag``
into that sentence. Pure: plain data in, a translated string out, no database.

``names`` and ``ratings`` are keyed by position, ``"a"`` (seat 1) and ``"b"`` (seat 2), as the
flag rules are; ``ratings`` are that week's (position -> part -> 1..5).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from checkins.catalog import Closeness, Dimension, WarningSign
from checkins.flags import Flag, FlagKind, Position

Names = Mapping[Position, str]
Ratings = Mapping[Position, Mapping[str, int]]


@dataclass(frozen=True)
class CounsellorFlag:
    """A flag as the counsellor reads it: its kind (for tests and styling) and a sentence."""

    kind: str
    sentence: str


def part_label(dimension: str) -> str:
    """The friendly name of a part ("Feeling close"); the raw value if it is unknown."""
    try:
        return str(Dimension(dimension).label)
    except ValueError:
        return dimension


def parts_text(dimensions: Sequence[str]) -> str:
    """ "Feeling close", "Feeling close and Affection", "A, B and C"."""
    labels = [part_label(d) for d in dimensions]
    if len(labels) <= 1:
        return "".join(labels)
    return _("%(first)s and %(last)s") % {"first": ", ".join(labels[:-1]), "last": labels[-1]}


def rating_words(rating: int) -> str:
    """ "2 (A bit distant)": the number with the couple's own scale word."""
    try:
        word = str(Closeness(rating).label)
    except ValueError:
        return str(rating)
    return _("%(rating)s (%(word)s)") % {"rating": rating, "word": word}


def sign_label(sign: str) -> str:
    try:
        return str(WarningSign(sign).label)
    except ValueError:
        return sign


def _one_decimal(value: float | None) -> str:
    return number_format(value if value is not None else 0, decimal_pos=1)


def _who(flag: Flag) -> tuple[Position, Position]:
    """(more, less) of a flag about one partner against the other."""
    if flag.more is None or flag.less is None:
        raise ValueError(f"a {flag.kind} flag names who shared or rated more and less")
    return flag.more, flag.less


def _rating_gap(flag: Flag, names: Names, ratings: Ratings) -> str:
    more, less = _who(flag)
    dimension = flag.dimensions[0] if flag.dimensions else ""
    high = ratings.get(more, {}).get(dimension)
    low = ratings.get(less, {}).get(dimension)
    if high is None or low is None:
        return ngettext(
            "%(more)s rated %(part)s %(gap)s point higher than %(less)s",
            "%(more)s rated %(part)s %(gap)s points higher than %(less)s",
            flag.gap or 0,
        ) % {
            "more": names[more],
            "less": names[less],
            "part": part_label(dimension),
            "gap": flag.gap or 0,
        }
    return _("%(more)s rated %(part)s %(high)s, %(less)s %(low)s") % {
        "more": names[more],
        "less": names[less],
        "part": part_label(dimension),
        "high": rating_words(high),
        "low": rating_words(low),
    }


def _one_sided_week(flag: Flag, names: Names) -> str:
    more, less = _who(flag)
    text = ngettext(
        "%(more)s wrote %(many)s words, %(less)s %(few)s",
        "%(more)s wrote %(many)s words, %(less)s %(few)s",
        flag.words_more or 0,
    ) % {
        "more": names[more],
        "less": names[less],
        "many": flag.words_more or 0,
        "few": flag.words_less or 0,
    }
    if flag.dimensions:
        text = _("%(text)s (the widest difference: %(parts)s)") % {
            "text": text,
            "parts": parts_text(flag.dimensions),
        }
    return text


def _silent_dimension(flag: Flag, names: Names) -> str:
    more, less = _who(flag)
    return ngettext(
        "%(writer)s wrote about %(parts)s; %(silent)s left it blank",
        "%(writer)s wrote about %(parts)s; %(silent)s left them blank",
        len(flag.dimensions),
    ) % {
        "writer": names[more],
        "silent": names[less],
        "parts": parts_text(flag.dimensions),
    }


def _one_sided_pattern(flag: Flag, names: Names) -> str:
    _more, less = _who(flag)
    return ngettext(
        "%(less)s shared less in %(count)s of the last %(window)s week",
        "%(less)s shared less in %(count)s of the last %(window)s weeks",
        flag.window or 0,
    ) % {"less": names[less], "count": flag.count or 0, "window": flag.window or 0}


def _drifting(flag: Flag) -> str:
    return ngettext(
        "%(part)s ratings (both partners' average) fell from %(before)s to %(after)s over "
        "the last %(window)s week checked in together",
        "%(part)s ratings (both partners' average) fell from %(before)s to %(after)s over "
        "the last %(window)s weeks checked in together",
        flag.window or 0,
    ) % {
        "part": parts_text(flag.dimensions),
        "before": _one_decimal(flag.before),
        "after": _one_decimal(flag.after),
        "window": flag.window or 0,
    }


def sentence(flag: Flag, *, names: Names, ratings: Ratings) -> str:
    """One plain sentence for a professional, naming who did what."""
    match flag.kind:
        case FlagKind.RATING_GAP:
            return _rating_gap(flag, names, ratings)
        case FlagKind.ONE_SIDED_WEEK:
            return _one_sided_week(flag, names)
        case FlagKind.SILENT_DIMENSION:
            return _silent_dimension(flag, names)
        case FlagKind.SHARED_SIGN:
            return _("Both ticked “%(sign)s”") % {"sign": sign_label(flag.sign or "")}
        case FlagKind.ONE_SIDED_PATTERN:
            return _one_sided_pattern(flag, names)
        case FlagKind.DRIFTING:
            return _drifting(flag)
    raise ValueError(f"no counsellor wording for {flag.kind!r}")  # pragma: no cover


def counsellor_flags(
    flags: Sequence[Flag], *, names: Names, ratings: Ratings
) -> list[CounsellorFlag]:
    return [CounsellorFlag(str(f.kind), sentence(f, names=names, ratings=ratings)) for f in flags]
