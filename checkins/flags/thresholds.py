"""The tunable numbers behind the flags and bright spots, and their validation
(``docs/flags.md``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from fractions import Fraction
from functools import cached_property
from typing import Any

#: The Django setting the thresholds are read from (see ``Thresholds.from_mapping``).
SETTING = "TWOWAY_FLAGS"


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return _is_int(value) or isinstance(value, float)


def _require(ok: bool, label: str, rule: str, value: object) -> None:
    if not ok:
        raise ValueError(f"{label} must be {rule}, got {value!r}")


def _check_threshold(name: str, value: Any, label: str) -> None:
    """Raise ValueError, naming ``label``, when ``value`` is no good for field ``name``."""
    if name in ("one_sided_ratio", "drift_drop", "rise_min"):
        most = 1 if name == "one_sided_ratio" else 4
        rule = f"a number greater than 0 and at most {most}"
        _require(_is_number(value) and 0 < value <= most, label, rule, value)
        return
    bounds: dict[str, tuple[int, int | None]] = {
        "rating_gap": (1, 4),
        "drift_weeks": (2, None),
        "close_rating": (1, 5),
    }
    low, high = bounds.get(name, (1, None))
    rule = f"an integer from {low} to {high}" if high else f"an integer of at least {low}"
    ok = _is_int(value) and value >= low and (high is None or value <= high)
    _require(ok, label, rule, value)


@dataclass(frozen=True)
class Thresholds:
    """The tunable numbers behind the flags; see ``docs/flags.md`` for what each one does."""

    one_sided_ratio: float = 0.4
    one_sided_min_words: int = 25
    pattern_weeks: int = 4
    pattern_min: int = 3
    rating_gap: int = 2
    drift_weeks: int = 4
    drift_drop: float = 1.0
    close_rating: int = 4
    rise_min: float = 0.5

    def __post_init__(self) -> None:
        for f in fields(self):
            _check_threshold(f.name, getattr(self, f.name), f.name)
        if self.pattern_min > self.pattern_weeks:
            raise ValueError("pattern_min must not be greater than pattern_weeks")

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Any]) -> Thresholds:
        """Build thresholds from the ``TWOWAY_FLAGS`` setting.

        Keys are the field names in upper or lower case (``"ONE_SIDED_RATIO"``); missing keys
        keep their defaults. Unknown keys, wrong types and out-of-range values raise
        ValueError naming the offending key.
        """
        if not isinstance(mapping, Mapping):
            raise ValueError(f"{SETTING} must be a dict, got {type(mapping).__name__}")
        names = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        labels: dict[str, str] = {}
        for key, value in mapping.items():
            label = f"{SETTING}[{key!r}]"
            name = key.lower() if isinstance(key, str) else None
            if name not in names:
                raise ValueError(f"{label} is not a known flag threshold")
            if name in values:
                raise ValueError(f"{label} is given twice, in different cases")
            _check_threshold(name, value, label)
            values[name], labels[name] = value, label
        merged = {**{f.name: f.default for f in fields(cls)}, **values}
        if merged["pattern_min"] > merged["pattern_weeks"]:
            label = labels.get("pattern_min", f"{SETTING}['PATTERN_MIN']")
            raise ValueError(f"{label} must not be greater than PATTERN_WEEKS")
        return cls(**values)

    @cached_property
    def ratio(self) -> Fraction:
        """``one_sided_ratio`` as an exact fraction of its decimal form (0.4 is exactly 2/5)."""
        return Fraction(str(self.one_sided_ratio))

    @cached_property
    def drop(self) -> Fraction:
        """``drift_drop`` as an exact fraction of its decimal form."""
        return Fraction(str(self.drift_drop))

    @cached_property
    def rise(self) -> Fraction:
        """``rise_min`` as an exact fraction of its decimal form."""
        return Fraction(str(self.rise_min))
