"""Each half of every scoping rule holds on its own: a test per condition, with every other
condition still in its "allowed" state, so dropping any one filter fails a test here."""

import pytest
from django.http import Http404
from django.utils import timezone

from accounts import selectors
from accounts.models import Couple, Membership
from accounts.scoping import couple_for, couple_or_404
from counselling import services as counselling_services
from counselling.models import CounsellorAccess
from counselling.scoping import counsellor_access_or_404
from counselling.state import consent_state
from tests.counselling_helpers import connect
from tests.factories import UserFactory, make_couple

pytestmark = pytest.mark.django_db


# --- accounts.scoping: a current seat, in an open couple -----------------------------------


def _leave(user):
    """``user`` leaves their seat while the couple stays open (the partner stays)."""
    Membership.objects.filter(user=user, left_at__isnull=True).update(left_at=timezone.now())


def _close_only(couple):
    """The couple is closed, but nobody's seat is marked as left."""
    Couple.objects.filter(pk=couple.pk).update(closed_at=timezone.now())


def test_the_allowed_state_gives_the_couple(couple, partner_a, partner_b):
    ctx = couple_for(partner_a)
    assert (ctx.couple, ctx.me.user, ctx.partner.user) == (couple, partner_a, partner_b)
    assert couple_or_404(partner_a, paired=True) == ctx


def test_a_left_seat_alone_gives_no_couple(couple, partner_a, partner_b):
    """Catches the seats read without ``left_at IS NULL`` (the couple is still open)."""
    _leave(partner_a)
    assert Couple.objects.get(pk=couple.pk).closed_at is None
    assert couple_for(partner_a) is None
    with pytest.raises(Http404):
        couple_or_404(partner_a)
    # And the partner who stayed is no longer paired with the one who left.
    assert couple_for(partner_b).partner is None
    with pytest.raises(Http404):
        couple_or_404(partner_b, paired=True)


def test_a_closed_couple_alone_gives_no_couple(couple, partner_a, partner_b):
    """Catches the couple read without ``closed_at IS NULL`` (no seat is marked left)."""
    _close_only(couple)
    assert Membership.objects.filter(couple=couple, left_at__isnull=True).count() == 2
    for user in (partner_a, partner_b):
        assert couple_for(user) is None
        with pytest.raises(Http404):
            couple_or_404(user)


def test_a_seat_left_in_an_open_couple_does_not_bring_its_partner_into_my_new_couple(
    couple, partner_a, partner_b
):
    """Catches "my couples" found from every seat I ever had instead of my current one: my
    old couple is still open with Sam in it, and Sam must not appear as my partner."""
    _leave(partner_a)
    robin = UserFactory(display_name="Robin")
    new = make_couple(partner_a, robin)
    ctx = couple_for(partner_a)
    assert ctx.couple == new
    assert ctx.partner.user == robin
    assert ctx.me.couple == new
    seats = selectors.couple_memberships(user=partner_a)
    assert {(m.couple, m.user) for m in seats} == {(new, partner_a), (new, robin)}


def test_someone_without_a_partner_yet_has_a_couple_but_is_not_paired(db):
    """Catches ``paired=True`` ignored."""
    alone = UserFactory()
    make_couple(alone)
    assert couple_or_404(alone).partner is None
    with pytest.raises(Http404):
        couple_or_404(alone, paired=True)


# --- counselling.scoping: current access, open couple, active accounts, both consents ------


@pytest.fixture
def access(couple, counsellor, partner_a, partner_b):
    return connect(couple, counsellor, partner_a, partner_b)


def _state_ignoring_the_query_filters(access):
    """The consent state of ``access`` read without ``current()``/``of_open_couples()``,
    so ``ConsentState.active`` is tested on its own."""
    return consent_state(CounsellorAccess.objects.with_consents().get(pk=access.pk))


def test_the_allowed_state_gives_access(access, counsellor):
    assert counsellor_access_or_404(counsellor, access.pk).access == access
    assert counsellor_access_or_404(counsellor, access.pk, lock=True).active


def _remove(access, couple):
    CounsellorAccess.objects.filter(pk=access.pk).update(removed_at=timezone.now())


def _close(access, couple):
    _close_only(couple)


# The couple's relation ended, or the couple did: the relation is not found at all ("No
# access"), and the state computed from it is not active either, each check on its own.
@pytest.mark.parametrize("end", [_remove, _close], ids=["removed access", "closed couple"])
@pytest.mark.parametrize("lock", [False, True])
def test_an_ended_relation_alone_is_404(access, couple, counsellor, end, lock):
    """Catches ``current()`` or ``of_open_couples()`` dropped from the access query, and
    the matching check dropped from ``ConsentState.active``."""
    end(access, couple)
    assert consent_state(access).partners  # both partners still consent…
    assert all(consent_state(access).granted_by(m.user) for m in consent_state(access).partners)
    with pytest.raises(Http404, match="No access"):  # …but the query finds no relation
        counsellor_access_or_404(counsellor, access.pk, lock=lock)
    assert not _state_ignoring_the_query_filters(access).active


def test_a_deactivated_partner_account_alone_is_404(access, counsellor, partner_b):
    """Catches ``is_active`` left out of ``ConsentState.active``."""
    partner_b.is_active = False
    partner_b.save(update_fields=["is_active"])
    with pytest.raises(Http404, match="No consent"):
        counsellor_access_or_404(counsellor, access.pk)
    assert not _state_ignoring_the_query_filters(access).active


@pytest.mark.parametrize("missing", ["partner_a", "partner_b"])
def test_one_consent_missing_alone_is_404(couple, counsellor, request, missing):
    """Catches "either partner consents" instead of "both"."""
    consenting = [p for p in ("partner_a", "partner_b") if p != missing]
    access = connect(couple, counsellor, *(request.getfixturevalue(p) for p in consenting))
    with pytest.raises(Http404, match="No consent"):
        counsellor_access_or_404(counsellor, access.pk)


@pytest.mark.parametrize("revoking", ["partner_a", "partner_b"])
def test_one_consent_withdrawn_alone_is_404(access, counsellor, request, revoking):
    """Catches the first consent record read instead of each partner's latest."""
    counselling_services.consent_revoke(access=access, partner=request.getfixturevalue(revoking))
    with pytest.raises(Http404, match="No consent"):
        counsellor_access_or_404(counsellor, access.pk)


def test_a_partner_who_left_alone_is_404(access, couple, counsellor, partner_b):
    """Catches a seat that was left still counted among the consenting partners (the couple
    itself stays open, with one partner)."""
    _leave(partner_b)
    with pytest.raises(Http404, match="No consent"):
        counsellor_access_or_404(counsellor, access.pk)


def test_another_counsellor_is_404(access, db):
    """Catches the relation looked up by id without its counsellor."""
    from tests.counselling_helpers import make_counsellor

    with pytest.raises(Http404, match="No access"):
        counsellor_access_or_404(make_counsellor(), access.pk)
