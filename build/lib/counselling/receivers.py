"""How counselling reacts to what ``accounts`` announces (see ``accounts.signals``)."""

from __future__ import annotations

from typing import Any

from accounts.models import Couple, User
from counselling.services import end_all_access


def end_access_when_couple_closes(*, couple: Couple, by: User, **kwargs: Any) -> None:
    """A couple that ends ends every counsellor's access, in the same transaction. (Access
    is already refused for a closed couple; this records the end and tells the counsellor.)"""
    end_all_access(couple=couple, by=by)
