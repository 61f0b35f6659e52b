"""The only ways into counselling data. Someone else's relation is a 404, the same answer a
stranger gets."""

from __future__ import annotations

from django.http import Http404

from accounts.models import Couple, User
from counselling.models import CounsellorAccess
from counselling.state import ConsentState, consent_state


def counsellor_access_or_404(user: User, access_id: int, *, lock: bool = False) -> ConsentState:
    """The one way into a couple's data for a counsellor: 404 unless both consent now.

    With ``lock``, the access row stays locked until the transaction ends, so a consent
    withdrawal waits for a view in progress (which is logged) or the view sees it.
    """
    if not user.is_authenticated:
        raise Http404("No access")
    if lock:
        CounsellorAccess.objects.select_for_update().filter(pk=access_id).first()
    access = (
        CounsellorAccess.objects.current()
        .of_open_couples()
        .filter(counsellor=user, pk=access_id)
        .with_consents()
        .first()
    )
    if access is None:
        raise Http404("No access")
    state = consent_state(access)
    if not state.active:
        raise Http404("No consent")
    return state


def couple_access_or_404(couple: Couple, access_id: int) -> CounsellorAccess:
    """A partner's handle on one of their couple's counsellors (404 for anyone else's)."""
    access = (
        CounsellorAccess.objects.current()
        .filter(pk=access_id, couple=couple)
        .select_related("counsellor")
        .first()
    )
    if access is None:
        raise Http404("No such counsellor")
    return access
