"""Counting words in any script, and how much one partner shared in a week."""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from checkins.flags.inputs import PartnerWeek
from checkins.flags.ordering import _unique

#: A reflection or need "has substance" when it has at least this many words.
SUBSTANTIAL_WORDS = 3

# Scripts written without spaces between words, where each letter counts as one word: Han
# ideographs (all extensions), Japanese kana, Bopomofo and the CJK letter-like symbols.
_CJK_RANGES: tuple[tuple[int, int], ...] = (
    (0x3005, 0x303F),  # iteration marks and other CJK letters/numerals (punctuation is skipped)
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3100, 0x312F),  # Bopomofo
    (0x31A0, 0x31FF),  # Bopomofo extended, Katakana phonetic extensions
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF66, 0xFF9F),  # Half-width Katakana
    (0x1B000, 0x1B16F),  # Kana supplement and extensions
    (0x20000, 0x3FFFF),  # CJK extensions B onwards, compatibility supplement
)
_CJK_STARTS = tuple(start for start, _end in _CJK_RANGES)

# Inside a word these keep it going ("don't", "well-being"); they never start one.
_JOINERS = frozenset("'\u2019\u2018-\u2010\u2011\u00b7")


def _is_cjk_letter(char: str, category: str) -> bool:
    if category[0] not in "LN":
        return False
    code = ord(char)
    index = bisect_right(_CJK_STARTS, code) - 1
    return index >= 0 and code <= _CJK_RANGES[index][1]


def count_words(text: str) -> int:
    """Count words in any script.

    A word is a run of letters and digits (Unicode categories L and N), which may continue
    with combining marks (M, as in Arabic, Hebrew or Devanagari vowel signs) and with an
    apostrophe or hyphen between letters. Everything else (spaces, punctuation, emoji,
    symbols, direction marks) separates words and is not counted. In scripts written
    without spaces (Chinese, Japanese) each ideograph or kana counts as one word.
    """
    words = 0
    in_word = False
    for char in text:
        category = unicodedata.category(char)
        if _is_cjk_letter(char, category):
            words += 1
            in_word = False
        elif category[0] in "LN":
            words += 0 if in_word else 1
            in_word = True
        elif not (in_word and (category[0] == "M" or char in _JOINERS)):
            in_word = False
    return words


@dataclass(frozen=True)
class Sharing:
    """How much one partner shared: total words, and dimensions written about with substance."""

    words: int
    sections: int


def written(
    *,
    reflections: Mapping[str, str] | None = None,
    needs: Mapping[str, str] | None = None,
    appreciation: str = "",
    **rest: Any,
) -> PartnerWeek:
    """A ``PartnerWeek`` from texts, counted with ``count_words``: for plain data (tests,
    benchmarks). The app never counts here: it passes the counts stored with the text."""
    return PartnerWeek(
        reflection_words={d: count_words(t) for d, t in (reflections or {}).items()},
        need_words={d: count_words(t) for d, t in (needs or {}).items()},
        appreciation_words=count_words(appreciation),
        **rest,
    )


def _dimension_words(pw: PartnerWeek, dimension: str) -> tuple[int, int]:
    return pw.reflection_words.get(dimension, 0), pw.need_words.get(dimension, 0)


def sharing_measure(pw: PartnerWeek, dimensions: Sequence[str]) -> Sharing:
    """Words across the reflections and needs of ``dimensions`` plus the appreciation.

    ``sections`` counts the dimensions whose reflection or need (either one) has at least
    ``SUBSTANTIAL_WORDS`` words.
    """
    words = pw.appreciation_words
    sections = 0
    for dimension in _unique(dimensions):
        reflection, need = _dimension_words(pw, dimension)
        words += reflection + need
        sections += max(reflection, need) >= SUBSTANTIAL_WORDS
    return Sharing(words=words, sections=sections)
