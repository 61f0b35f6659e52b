"""Whether a couple can share answers with a counsellor right now.

``checkins`` cannot ask ``counselling`` (which builds on it), so ``counselling`` registers the
answer when the app starts (``CounsellingConfig.ready``). Until something registers, no one
can share: the check-in then offers no "share with our counsellor" box.
"""

from __future__ import annotations

from collections.abc import Callable

from accounts.scoping import CoupleContext

_provider: Callable[[CoupleContext], bool] | None = None


def register(provider: Callable[[CoupleContext], bool]) -> None:
    global _provider
    _provider = provider


def counsellor_sharing_active(ctx: CoupleContext) -> bool:
    """True while the couple has a counsellor both partners currently consent to."""
    return _provider is not None and _provider(ctx)
