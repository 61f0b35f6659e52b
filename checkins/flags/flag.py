"""A flag: plain, hashable data whose texts are built, lazily translated, on access."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from checkins.flags.inputs import Position
from checkins.flags.kinds import FlagKind
from checkins.flags.wording import placeholders, suggestion_choices, wording

Text = StrOrPromise


@dataclass(frozen=True)
class Flag:
    """Something worth a gentle look. Plain, hashable data; the texts are built on access.

    ``more``/``less``: ONE_SIDED_WEEK and ONE_SIDED_PATTERN: who shared more/less;
    SILENT_DIMENSION: who wrote / who left it blank; RATING_GAP: who rated higher/lower. The
    positions are data for the rules and their tests: no text names either of you.
    Numbers: ``words_more``/``words_less`` (ONE_SIDED_WEEK); ``gap`` (RATING_GAP);
    ``count`` of ``window`` check-ins (ONE_SIDED_PATTERN); ``before``, ``after``, ``drop``
    over ``window`` check-ins (DRIFTING).

    ``reassurance_pick`` and ``suggestion_pick`` choose the kind word after the explanation
    and the idea to try (``checkins.flags.vary`` sets them for a page; ``None``: none left
    that the page has not said already).
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
    reassurance_pick: int | None = 0
    suggestion_pick: int | None = 0

    @property
    def title(self) -> Text:
        return self._text(wording(self).title)

    @property
    def explanation(self) -> Text:
        words = wording(self)
        notice = self._text(words.notice)
        if self.reassurance_pick is None:
            return notice
        return format_lazy("{} {}", notice, self._text(words.reassurances[self.reassurance_pick]))

    @property
    def suggestion(self) -> Text:
        if self.suggestion_pick is None:
            return ""
        return self._text(suggestion_choices(self)[self.suggestion_pick])

    def _text(self, template: str) -> Text:
        values = placeholders(
            dimensions=self.dimensions,
            sign=self.sign,
            gap=self.gap,
            count=self.count,
            window=self.window,
            before=self.before,
            after=self.after,
        )
        return format_lazy(gettext_lazy(template), **values)
