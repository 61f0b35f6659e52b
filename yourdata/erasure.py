"""Erasing a person: everything they wrote goes, and what must stay names no one.

``erase_person(*, user)`` is one transaction. What goes, what stays and why is written up in
``docs/privacy.md`` ("Erasure"); in short:

- **Deleted**: their check-ins (answers, private notes, drafts) and every reaction on them,
  the reactions they gave, their seats (``Membership``), invitations they sent or that were
  sent to their address (partner and counsellor), their email addresses, sessions, two-factor
  authenticators, email choices, the record of reminders and nudges sent to them, queued or
  finished background tasks whose arguments name them, the admin's log entries about them,
  and finally the ``User`` row itself. A couple nobody is left in goes with its weeks.
- **Kept, naming no one**: the consent records and the counsellor access log (append-only:
  who granted, withdrew or looked, when, which weeks), and the few pointers to who did
  something (who closed a couple, an access or a change-log entry). They point at a
  *tombstone*: a new, inactive ``User`` with a random address at ``erased.invalid``, no
  password, the display name "Someone who left Twoway" and a new id, one per erasure (so
  a record still tells "the same person granted, then withdrew" apart from "the partner
  did"). Why not delete those records, or leave their pointers empty: they are the
  partner's and the counsellor's proof, and the columns are ``PROTECT``/not null, so a
  tombstone keeps them whole without a schema change. Consent wording is
  emptied (it is text, and one naming an erased counsellor names them); change-log details
  of their couples are emptied (they may hold shown names).
- **The former partner** keeps their own check-ins, as check-ins from a past couple. Their
  open couple closes as in unpairing (``accounts.services.couple_close``; counsellor access
  ends through the ``couple_closed`` signal), and they get one kind email after the commit,
  naming this person as the partner knew them (their shown name).

**Lock order** (every lock is held until the transaction ends):

1. the person (``User``), so a second erasure of the same person waits and then finds no one;
2. their open couple, by ``couple_close`` (the lock unpairing and settings take);
3. every week of every couple they ever had a seat in, by primary key (the lock both
   partners' check-in writes take first: a partner's submit either lands before, and its
   reveal is then undone by the deletions, or waits and finds the couple closed);
4. their check-ins (the lock a partner's reaction takes: a reaction either lands before, and
   is deleted with the check-in, or finds no check-in).

``invite_accept`` locks the couple before the person; the two meet only if this same person
accepts an invitation at the same instant as erasing their account, and PostgreSQL's
deadlock detection then aborts one of the two.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from functools import partial
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from accounts.models import Couple, CoupleEvent, Invite, Membership, User
from accounts.services import couple_close
from checkins.models import Answer, CheckIn, Reaction, Week
from counselling.models import AccessLogEntry, Consent, CounsellorAccess, CounsellorInvite
from datakeys.services import destroy_person_keys
from intimacy.notify import send_after_commit
from notifications.models import EmailPreferences, WeeklyEmail

TOMBSTONE_DOMAIN = "erased.invalid"
TOMBSTONE_NAME = _("Someone who left Twoway")


@dataclass(frozen=True)
class Erased:
    """What an erasure did, for the view and the tests (nothing here names the person)."""

    tombstone_id: int
    partner_told: bool


@transaction.atomic
def erase_person(*, user: User) -> Erased:
    """Erase ``user`` and everything that names them; see the module's docstring."""
    user = User.objects.select_for_update().get(pk=user.pk)  # lock 1: the person
    # The person's data keys go the moment this erasure commits: from then on their text is
    # unreadable in every backup of the database taken before. Not before the commit: while
    # this transaction waits for its locks, the partner's pages may still read that text
    # (tests/test_erasure_races.py caught a reaction meeting a destroyed key). Nothing
    # below reads written text (tests/test_erasure.py makes every read of it fail). Robust:
    # should the keys database fail then, the error is logged and the person still leaves.
    transaction.on_commit(partial(destroy_person_keys, person_id=user.pk), robust=True)

    memberships = list(Membership.objects.filter(user=user).select_related("couple"))
    partner_told = _tell_partner(user, memberships)
    for seat in memberships:
        if seat.left_at is None and seat.couple.closed_at is None:
            couple_close(couple=seat.couple, by=user, tell_partner=False)  # lock 2
    couples = {seat.couple_id for seat in memberships}
    _lock(Week.objects.filter(couple_id__in=couples))  # lock 3
    mine = CheckIn.objects.filter(membership__in=memberships)
    _lock(mine)  # lock 4

    addresses = _addresses(user)
    tombstone = _tombstone()
    _erase_writing(memberships)
    _erase_counselling(user, tombstone, addresses)
    _erase_couple_records(user, tombstone, couples, addresses)
    Membership.objects.filter(pk__in=[m.pk for m in memberships]).delete()
    _erase_empty_couples(couples)
    _erase_account(user, addresses)
    return Erased(tombstone_id=tombstone.pk, partner_told=partner_told)


def _lock(queryset: QuerySet[Any]) -> None:
    list(queryset.select_for_update().order_by("pk").values_list("pk", flat=True))


def _tell_partner(user: User, memberships: list[Membership]) -> bool:
    """Email the current partner, once the erasure commits, by the name they knew."""
    current = next(
        (m for m in memberships if m.left_at is None and m.couple.closed_at is None), None
    )
    if current is None:
        return False
    partner = (
        Membership.objects.current()
        .filter(couple_id=current.couple_id)
        .exclude(user=user)
        .select_related("user")
        .first()
    )
    if partner is None:
        return False
    send_after_commit(
        to=[partner.user.email], template="partner_erased", context={"name": current.name}
    )
    return True


def _addresses(user: User) -> set[str]:
    """Every address the person signed up or verified with."""
    return {user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)}


def _any_of(field: str, addresses: set[str]) -> Q:
    """``field`` holds one of ``addresses``, in any case."""
    match = Q(pk__in=[])
    for address in addresses:
        match |= Q(**{f"{field}__iexact": address})
    return match


def _tombstone() -> User:
    """A new, inactive account that names nobody, for the records that must point somewhere."""
    tombstone = User(
        email=f"erased-{secrets.token_hex(12)}@{TOMBSTONE_DOMAIN}",
        # Shown where a kept record names who acted ("Someone who left Twoway viewed your
        # overview on ..."); stored in the language of the moment (English for now).
        display_name=str(TOMBSTONE_NAME),
        is_active=False,
    )
    tombstone.set_unusable_password()
    tombstone.save()
    return tombstone


def _erase_writing(memberships: list[Membership]) -> None:
    """Their check-ins with their answers, the reactions on them, and the reactions they
    gave. Written text is never loaded on the way: answers and reactions go by plain
    ``DELETE`` statements and the check-ins with only their keys, so this works the same
    once their data key is gone and the text can no longer be decrypted."""
    mine = CheckIn.objects.filter(membership__in=memberships)
    Reaction.objects.filter(Q(by__in=memberships) | Q(checkin__in=mine)).delete()
    Answer.objects.filter(checkin__in=mine).delete()
    mine.only("pk").delete()


def _erase_counselling(user: User, tombstone: User, addresses: set[str]) -> None:
    """Consent records and the access log keep who did what and when, naming no one.

    These are the only writes to the append-only records anywhere, through the plain base
    manager: the emptied wording and the changed pointer are the whole change.
    """
    consents = Consent._base_manager
    consents.filter(partner=user).update(partner=tombstone, wording="")
    consents.filter(access__counsellor=user).update(wording="")
    AccessLogEntry._base_manager.filter(counsellor=user).update(counsellor=tombstone)
    now = timezone.now()
    # Counselling others: their relations end (the couples see it on their Counselling page).
    CounsellorAccess.objects.filter(counsellor=user, removed_at__isnull=True).update(
        removed_at=now, removed_by=tombstone
    )
    CounsellorAccess.objects.filter(counsellor=user).update(counsellor=tombstone)
    CounsellorAccess.objects.filter(invited_by=user).update(invited_by=tombstone)
    CounsellorAccess.objects.filter(removed_by=user).update(removed_by=tombstone)
    CounsellorInvite.objects.filter(Q(created_by=user) | _any_of("email", addresses)).delete()


def _erase_couple_records(
    user: User, tombstone: User, couples: set[int], addresses: set[str]
) -> None:
    Invite.objects.filter(Q(created_by=user) | _any_of("sent_to", addresses)).delete()
    Invite.objects.filter(used_by=user).update(used_by=None)
    Couple.objects.filter(closed_by=user).update(closed_by=tombstone)
    CoupleEvent.objects.filter(actor=user).update(actor=tombstone)
    # A change-log line may hold a shown name ("renamed Sam to Sammy"): only the kind stays.
    CoupleEvent.objects.filter(couple_id__in=couples).update(detail="", change={})


def _erase_empty_couples(couples: set[int]) -> None:
    """A couple nobody is left in (a pending one, or both partners erased) goes, with its
    weeks, unless a counsellor relation's records still hang on it."""
    empty = (
        Couple.objects.filter(pk__in=couples)
        .exclude(memberships__isnull=False)
        .exclude(counsellors__isnull=False)
    )
    ids = list(empty.values_list("pk", flat=True))
    Week.objects.filter(couple_id__in=ids).delete()  # no seat left, so no check-in either
    Couple.objects.filter(pk__in=ids).delete()


def _erase_account(user: User, addresses: set[str]) -> None:
    """Sign-in, email and background-task records, then the account itself. Anything else
    still pointing at the person with ``PROTECT`` makes this raise, and nothing is erased."""
    keys = UserSession.objects.filter(user=user).values_list("session_key", flat=True)
    Session.objects.filter(session_key__in=list(keys)).delete()
    UserSession.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    EmailAddress.objects.filter(Q(user=user) | _any_of("email", addresses)).delete()
    EmailPreferences.objects.filter(user=user).delete()
    WeeklyEmail.objects.filter(user=user).delete()
    WeeklyEmail.objects.filter(sent_by=user).update(sent_by=None)
    DBTaskResult.objects.filter(
        Q(args_kwargs__kwargs__recipient_id=user.pk) | Q(args_kwargs__kwargs__actor_id=user.pk)
    ).delete()
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).delete()
    user.delete()
