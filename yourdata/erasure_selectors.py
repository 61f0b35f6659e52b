"""What erasing a person would remove and what their partner would keep, counted, for the
page that asks before anything goes (``templates/yourdata/erase.html``)."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.mfa.models import Authenticator

from accounts.models import User
from accounts.scoping import couple_for
from checkins.models import CheckIn, Reaction, Week
from counselling.models import Consent, CounsellorAccess


@dataclass(frozen=True)
class ErasurePlan:
    """Counts of what goes, and who else is touched. Nothing here is text anyone wrote."""

    weeks: int  # weeks with a submitted check-in of theirs, in every couple they were in
    drafts: int
    private_notes: int
    reactions: int  # the reactions they gave
    consents: int  # their consent records (kept as a record, without its wording)
    counsellors: tuple[str, ...]  # whose access to their current couple ends
    counselled_couples: int  # couples they counsel, whose access to them ends
    earlier_couples: int
    partner_name: str  # their current partner, as they know them ("" if none)
    shared_weeks: int  # revealed weeks with that partner, where the partner loses their answers
    asks_for_password: bool  # False: a second-factor code instead (no usable password)
    can_confirm: bool  # False: neither a password nor a second factor to confirm with


def erasure_plan(*, user: User) -> ErasurePlan:
    checkins = list(
        # The row's identity (week, membership) comes too: opening a note needs it.
        CheckIn.objects.filter(membership__user=user).only(
            "week_id", "membership_id", "submitted_at", "private_note"
        )
    )
    ctx = couple_for(user)
    partner_name, shared_weeks = "", 0
    counsellors: tuple[str, ...] = ()
    if ctx is not None:
        if ctx.partner is not None:
            partner_name = ctx.partner.name
            shared_weeks = (
                Week.objects.for_couple(ctx.couple)
                .revealed()
                .filter(checkins__membership=ctx.me)
                .count()
            )
        counsellors = tuple(
            access.counsellor.display_name
            for access in CounsellorAccess.objects.current()
            .filter(couple=ctx.couple)
            .select_related("counsellor")
            .order_by("pk")
        )
    has_password = user.has_usable_password()
    has_code = Authenticator.objects.filter(user=user).exclude(type="webauthn").exists()
    return ErasurePlan(
        weeks=sum(1 for c in checkins if c.submitted_at is not None),
        drafts=sum(1 for c in checkins if c.submitted_at is None),
        # Counted in Python: written text is never filtered on in SQL (``PrivateTextField``).
        private_notes=sum(1 for c in checkins if c.private_note.strip()),
        reactions=Reaction.objects.filter(by__user=user).count(),
        consents=Consent.objects.filter(partner=user).count(),
        counsellors=counsellors,
        counselled_couples=CounsellorAccess.objects.current().filter(counsellor=user).count(),
        earlier_couples=user.memberships.filter(left_at__isnull=False).count(),
        partner_name=partner_name,
        shared_weeks=shared_weeks,
        asks_for_password=has_password,
        can_confirm=has_password or has_code,
    )
