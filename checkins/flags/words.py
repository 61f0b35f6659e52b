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

# Scripts written without spaces between words. A word there is not a run of letters (a
# whole Thai sentence is one run), nor one letter (a Japanese word is two or three), so each
# letter counts as a fixed part of a word, in sixths, near how many letters carry what one
# English word does: a Han ideograph two thirds of a word (Chinese averages about 1.5 of
# them a word), a kana (Japanese hiragana, katakana) and a Thai, Lao, Khmer or Burmese
# letter a third. Each unbroken run rounds up, so one character alone is one word.
# docs/flags.md, "How words are counted"; tests/test_languages.py checks it is fair.
SIXTHS_PER_WORD = 6
_HAN, _KANA, _SOUTHEAST_ASIAN = 4, 2, 2
_UNSPACED_RANGES: tuple[tuple[int, int, int], ...] = (
    (0x0E00, 0x0EFF, _SOUTHEAST_ASIAN),  # Thai, Lao
    (0x1000, 0x109F, _SOUTHEAST_ASIAN),  # Myanmar (Burmese)
    (0x1780, 0x17FF, _SOUTHEAST_ASIAN),  # Khmer
    (0x19E0, 0x19FF, _SOUTHEAST_ASIAN),  # Khmer symbols
    (0x3005, 0x303F, _HAN),  # iteration marks and other CJK letters/numerals (not punctuation)
    (0x3040, 0x30FF, _KANA),  # Hiragana, Katakana
    (0x3100, 0x312F, _KANA),  # Bopomofo
    (0x31A0, 0x31FF, _KANA),  # Bopomofo extended, Katakana phonetic extensions
    (0x3400, 0x4DBF, _HAN),  # CJK extension A
    (0x4E00, 0x9FFF, _HAN),  # CJK unified ideographs
    (0xA9E0, 0xA9FF, _SOUTHEAST_ASIAN),  # Myanmar extended B
    (0xAA60, 0xAA7F, _SOUTHEAST_ASIAN),  # Myanmar extended A
    (0xF900, 0xFAFF, _HAN),  # CJK compatibility ideographs
    (0xFF66, 0xFF9F, _KANA),  # Half-width Katakana
    (0x1B000, 0x1B16F, _KANA),  # Kana supplement and extensions
    (0x20000, 0x3FFFF, _HAN),  # CJK extensions B onwards, compatibility supplement
)
_UNSPACED_STARTS = tuple(start for start, _end, _weight in _UNSPACED_RANGES)

# Inside a word these keep it going ("don't", "well-being"); they never start one.
_JOINERS = frozenset("'\u2019\u2018-\u2010\u2011\u00b7")


def _unspaced_weight(char: str, category: str) -> int:
    """The sixths of a word this letter is, in a script without spaces; 0 for any other."""
    if category[0] not in "LN":
        return 0
    code = ord(char)
    index = bisect_right(_UNSPACED_STARTS, code) - 1
    if index < 0:
        return 0
    _start, end, weight = _UNSPACED_RANGES[index]
    return weight if code <= end else 0


def count_words(text: str) -> int:
    """Count words in any script.

    A word is a run of letters and digits (Unicode categories L and N), which may continue
    with combining marks (M, as in Arabic, Hebrew or Devanagari vowel signs) and with an
    apostrophe or hyphen between letters. Everything else (spaces, punctuation, emoji,
    symbols, direction marks) separates words and is not counted. In scripts written
    without spaces (Chinese, Japanese, Thai, Lao, Khmer, Burmese) each letter is a fixed
    part of a word (``_UNSPACED_RANGES``; marks inside count nothing), and each unbroken
    run of them counts its parts rounded up.

    Appending text never lowers the count, and two texts joined by a space count the sum of
    their counts (tests/test_languages.py, tests/test_flags.py).
    """
    words = 0
    in_word = False
    run = 0  # sixths of a word in the current run of unspaced letters
    for char in text:
        category = unicodedata.category(char)
        weight = _unspaced_weight(char, category)
        if weight:
            run += weight
            in_word = False
            continue
        if run and category[0] == "M":
            continue  # a vowel or tone mark inside a Thai (or other unspaced) word
        if run:
            words += -(-run // SIXTHS_PER_WORD)
            run = 0
        if category[0] in "LN":
            words += 0 if in_word else 1
            in_word = True
        elif not (in_word and (category[0] == "M" or char in _JOINERS)):
            in_word = False
    return words + -(-run // SIXTHS_PER_WORD)


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
