"""A flag: plain, hashable data whose texts are built, lazily translated, on access."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from checkins.flags.inputs import Position
from checkins.flags.kinds import FlagKind
from checkins.flags.wording import _placeholders, wording

Text = StrOrPromise


@dataclass(frozen=True)
class Flag:
    """Something worth a gentle look. Plain, hashable data; the texts are built on access.

    ``more``/``less``: ONE_SIDED_WEEK and ONE_SIDED_PATTERN: who shared more/less;
    SILENT_DIMENSION: who wrote / who left it blank; RATING_GAP: who rated higher/lower.
    Numbers: ``words_more``/``words_less`` (ONE_SIDED_WEEK); ``gap`` (RATING_GAP);
    ``count`` of ``window`` check-ins (ONE_SIDED_PATTERN); ``before``, ``after``, ``drop``
    over ``window`` check-ins (DRIFTING).
    """

    kind: FlagKind
    dimensions: tuple[str, ...] = ()
    more: Position | None = None
    less: Position | None = None
    sign: str | None = None
    words_more: int | None = None
    words_less: int | None = None
    gap: int | None = None
    count: int | None = None
    window: int | None = None
    before: float | None = None
    after: float | None = None
    drop: float | None = None

    @property
    def title(self) -> Text:
        return self._text(wording(self).title)

    @property
    def explanation(self) -> Text:
        return self._text(wording(self).explanation)

    @property
    def suggestion(self) -> Text:
        return self._text(wording(self).suggestion)

    def title_for(self, names: Mapping[str, str]) -> Text:
        return self._with_names(self.title, names)

    def explanation_for(self, names: Mapping[str, str]) -> Text:
        return self._with_names(self.explanation, names)

    def suggestion_for(self, names: Mapping[str, str]) -> Text:
        return self._with_names(self.suggestion, names)

    def _text(self, template: str) -> Text:
        return format_lazy(gettext_lazy(template), **_placeholders(self))

    def _with_names(self, text: Text, names: Mapping[str, str]) -> Text:
        more = names[self.more] if self.more else ""
        less = names[self.less] if self.less else ""
        return format_lazy(text, more=more, less=less)
