"""The kinds of flag, in the order they are shown."""

from __future__ import annotations

import enum


class FlagKind(enum.StrEnum):
    ONE_SIDED_WEEK = "one_sided_week"
    ONE_SIDED_PATTERN = "one_sided_pattern"
    SILENT_DIMENSION = "silent_dimension"
    RATING_GAP = "rating_gap"
    SHARED_SIGN = "shared_sign"
    DRIFTING = "drifting"
