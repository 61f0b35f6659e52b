"""Ordering: dimensions in the catalogue's order, and flags in the order they are shown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from checkins.catalog import Dimension, WarningSign
from checkins.flags.flag import Flag
from checkins.flags.kinds import FlagKind

_KIND_ORDER = {kind: index for index, kind in enumerate(FlagKind)}
_DIMENSION_ORDER = {value: index for index, value in enumerate(Dimension.values)}
_SIGN_ORDER = {value: index for index, value in enumerate(WarningSign.values)}


def _dimension_key(dimension: str) -> tuple[int, str]:
    return _DIMENSION_ORDER.get(dimension, len(_DIMENSION_ORDER)), dimension


def _unique(dimensions: Sequence[str]) -> tuple[str, ...]:
    """The dimensions once each, in the catalogue's order (unknown ones after, A to Z)."""
    return tuple(sorted(set(dimensions), key=_dimension_key))


def _flag_key(flag: Flag) -> tuple[Any, ...]:
    sign = flag.sign or ""
    return (
        _KIND_ORDER[flag.kind],
        tuple(_dimension_key(d) for d in flag.dimensions),
        (_SIGN_ORDER.get(sign, len(_SIGN_ORDER)), sign),
        flag.less or "",
    )


def _ordered(flags: list[Flag]) -> list[Flag]:
    return sorted(flags, key=_flag_key)
