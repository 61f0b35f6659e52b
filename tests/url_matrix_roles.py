"""The people and the couple the URL matrix (tests/test_url_matrix.py) walks every URL as.

Built once per module. Every text field of our couple's rows holds a *sentinel*: a marker no
token, nonce or page text can contain, planted by introspection (``PLANTED_MODELS``), so a
text field added later gets one too. Each sentinel knows who may see it (``Sentinel.may``),
and the matrix checks every response of every other role for it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta

from django.apps import apps
from django.db import models
from django.utils import timezone

from accounts import services
from accounts.models import Couple, Invite, Membership, User
from checkins.fields import PrivateTextField
from checkins.models import Answer, CheckIn, Week
from checkins.selectors import clock_for, planned_prompts
from counselling import services as counselling_services
from counselling.models import Consent, CounsellorAccess, CounsellorInvite
from tests.checkin_helpers import checkin_for, history
from tests.counselling_helpers import connect, make_counsellor
from tests.factories import UserFactory, make_couple

# The roles, in the order the tables list them.
ROLES = [
    "anonymous",
    "loner",  # signed in, no couple
    "pending",  # started a couple; nobody accepted the invitation yet
    "a",  # partner A of our couple (seat 1)
    "b",  # partner B of our couple (seat 2)
    "other",  # a partner in another couple
    "c_both",  # our counsellor, both partners consent
    "c_one",  # a counsellor only A consents to
    "c_withdrawn",  # both consented, then B withdrew
    "c_expired",  # both consented for a while; that time ended
    "c_nomfa",  # both consent, but the counsellor has no second factor
    "c_other",  # the counsellor of another couple only
]
COUNSELLORS = [r for r in ROLES if r.startswith("c_")]
# Those who must never see anything of our couple, not even a name.
STRANGERS = {"anonymous", "loner", "pending", "other", "c_other"}


@dataclass
class Sentinel:
    text: str
    where: str  # model.field and whose row, for messages
    may: set[str]  # the roles that may see it
    must: set[str] = field(default_factory=set)  # roles that must see it somewhere
    # (role, "name method") where someone else may see it: the invitation a token opens.
    may_at: set[tuple[str, str]] = field(default_factory=set)


@dataclass
class World:
    users: dict[str, User | None]
    access: dict[str, int]  # role -> their access to our couple (c_other: to theirs)
    values: dict[str, str]  # URL arguments by placeholder
    sentinels: list[Sentinel]
    couple: Couple


_counter = [0]


def _mark(kind: str) -> str:
    _counter[0] += 1
    return f"«sentinel-{_counter[0]}-{kind}»"


def _mail(kind: str) -> str:
    _counter[0] += 1
    return f"sentinel{_counter[0]}x{kind.replace('_', '')}@example.org"


# The text fields of the project's models that hold no person's text, each with why. Every
# other CharField/TextField of the project's apps must be planted below, or the test fails.
NOT_PERSONAL = {
    "accounts.User.password": "a hash",
    "accounts.Couple.time_zone": "a name from the time-zone list",
    "accounts.Invite.token_hash": "a hash",
    "accounts.CoupleEvent.detail": "written by the app (what changed, in its words)",
    "counselling.CounsellorInvite.token_hash": "a hash",
    "counselling.Consent.wording": "written by the app: the terms a partner agreed to",
    "counselling.AccessLogEntry.page": "written by the app: which page was viewed",
    "checkins.Reaction.part": "written by the app: which part a reaction is to",
    "notifications.EmailPreferences.time_zone": "a name from the time-zone list",
    "datakeys.DataKey.id": "a random key id",
    "datakeys.DataKey.kek_id": "the KEK's id, from settings",
    "checkins.Week.prompts": "prompt keys from the catalogue (checkins/catalog.py)",
    "checkins.CheckIn.signs": "warning-sign choice values",
    # The change log keeps what changed as data: a setting's old and new value, or the old
    # and new shown names of a rename (the shown names carry their sentinels already).
    "accounts.CoupleEvent.change": "written by the app: which setting changed, old and new",
    "accounts.User.language": "a language code from settings.LANGUAGES",
}
# Planted by the world below, per row.
PLANTED = {
    "accounts.User.email",
    "accounts.User.display_name",
    "accounts.Membership.shown_name",
    "accounts.Invite.sent_to",
    "counselling.CounsellorInvite.email",
}
# Every text field of these is planted automatically, row by row.
PLANTED_MODELS = (CheckIn, Answer)
PROJECT_APPS = ("accounts", "checkins", "counselling", "notifications", "yourdata", "datakeys")


def text_fields() -> set[str]:
    """Every free-text field of the project's models (choices are not free text), and every
    JSON field (which could hold text)."""
    found = set()
    for app in PROJECT_APPS:
        for model in apps.get_app_config(app).get_models():
            for f in model._meta.concrete_fields:
                text = isinstance(f, models.CharField | models.TextField) and not f.choices
                if text or isinstance(f, models.JSONField):
                    found.add(f"{model._meta.label}.{f.name}")
    return found


def _texts_of(model: type[models.Model]) -> list[str]:
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField | PrivateTextField) and not f.choices
    ]


def _plant_checkin(
    checkin: CheckIn, owner: str, *, seen_by_partner: bool, walked: bool
) -> list[Sentinel]:
    """A sentinel in every text field of the check-in and its answers. The author sees all;
    the partner, once revealed, all but the private note; our counsellor (both consenting)
    only the answers shared with them in a revealed week."""
    partner = {"a": "b", "b": "a"}[owner]
    planted = []
    rows: list[models.Model] = [checkin, *checkin.answers.all()]
    for row in rows:
        names = _texts_of(type(row))
        for name in names:
            text = _mark(f"{owner}-{type(row).__name__}-{name}")
            setattr(row, name, text)
            may = {owner}
            private = name == "private_note"
            if seen_by_partner and not private:
                may.add(partner)
                if isinstance(row, Answer) and row.share_with_counsellor:
                    may.add("c_both")
            where = f"{type(row).__name__}.{name} of {owner} ({checkin.week.starts_on})"
            # Positive checks, on the weeks the matrix opens (1 and 2): the author sees
            # their words and their private note; the partner a revealed week's words; our
            # counsellor what was shared with them.
            must = set(may) if walked else set()
            planted.append(Sentinel(text, where, may, must))
        row.save(update_fields=names)
    return planted


def build() -> World:
    a = UserFactory(display_name="placeholder", email=_mail("a_email"))
    b = UserFactory(display_name="placeholder", email=_mail("b_email"))
    couple = make_couple(a, b)
    sentinels: list[Sentinel] = []

    # Names and addresses: never to a stranger. Each partner sees their own display name
    # (the greeting); B sees the name A chose to be shown by, A sees B's display name.
    a.display_name, b.display_name = _mark("a-name"), _mark("b-name")
    a.save(update_fields=["display_name"])
    b.save(update_fields=["display_name"])
    ma, mb = couple.memberships.order_by("seat")
    ma.shown_name = _mark("a-shown-name")
    ma.save(update_fields=["shown_name"])
    not_strangers = set(ROLES) - STRANGERS
    sentinels += [
        # Whoever holds the counsellor invitation's link sees who sent it (A).
        Sentinel(
            a.display_name,
            "User.display_name of a",
            not_strangers,
            {"a"},
            {("anonymous", "counsellor:invite get")},
        ),
        Sentinel(b.display_name, "User.display_name of b", not_strangers, {"a", "b"}),
        Sentinel(ma.shown_name, "Membership.shown_name of a", not_strangers, {"b"}),
        Sentinel(a.email, "User.email of a", not_strangers),
        Sentinel(b.email, "User.email of b", not_strangers),
    ]

    # Week 1 (last week): revealed, the emotional answers shared with the counsellor.
    # Week 2: only A submitted, so nothing of it is B's to see, and B's draft is not A's.
    w1, w2 = history(couple, 2)
    Answer.objects.filter(checkin__week=w1, dimension="emotional").update(
        share_with_counsellor=True
    )
    Week.objects.filter(pk=w2.pk).update(revealed_at=None)
    CheckIn.objects.filter(week=w2, membership=mb).update(submitted_at=None)
    current = clock_for(couple).current
    this_week = Week.objects.create(
        couple=couple, starts_on=current, prompts=planned_prompts(couple, current)
    )
    checkin_for(this_week, ma, submitted=False)
    for week, revealed in ((w1, True), (w2, False), (this_week, False)):
        for checkin in CheckIn.objects.filter(week=week).select_related("membership", "week"):
            owner = "a" if checkin.membership_id == ma.pk else "b"
            sentinels += _plant_checkin(checkin, owner, seen_by_partner=revealed, walked=week == w1)

    # An old invitation of ours, used by B; a counsellor invitation A sent, not yet used.
    Invite.objects.create(
        couple=couple,
        created_by=a,
        token_hash="0" * 64,
        expires_at=timezone.now() - timedelta(days=300),
        used_at=timezone.now() - timedelta(days=301),
        used_by=b,
        sent_to=_mail("invite_sent_to"),
    )
    invite_email = _mail("counsellor_invite")
    _, counsellor_token = counselling_services.counsellor_invite_create(
        couple=couple, by=a, email=invite_email
    )
    sentinels += [
        Sentinel(Invite.objects.get(couple=couple).sent_to, "Invite.sent_to", {"a", "b"}),
        Sentinel(invite_email, "CounsellorInvite.email", {"a", "b"}),
    ]

    # The counsellors.
    people: dict[str, User] = {}
    access: dict[str, int] = {}
    for role in ("c_both", "c_one", "c_withdrawn", "c_expired"):
        people[role] = make_counsellor(display_name=f"Counsellor {role}")
    people["c_nomfa"] = UserFactory(display_name="Counsellor without MFA")
    access["c_both"] = connect(couple, people["c_both"], a, b).pk
    access["c_one"] = connect(couple, people["c_one"], a).pk
    withdrawn = connect(couple, people["c_withdrawn"], a, b)
    counselling_services.consent_revoke(access=withdrawn, partner=b)
    access["c_withdrawn"] = withdrawn.pk
    expired = connect(couple, people["c_expired"])
    long_ago = timezone.now() - timedelta(days=120)
    for partner in (a, b):
        Consent.objects.create(
            access=expired,
            partner=partner,
            kind=Consent.Kind.GRANT,
            span="all",
            created_at=long_ago,
            ends_at=timezone.now() - timedelta(days=1),
        )
    counselling_services.end_expired_access()
    access["c_expired"] = expired.pk
    access["c_nomfa"] = connect(couple, people["c_nomfa"], a, b).pk

    # Another couple with a history and a counsellor of its own; a loner; a pending couple.
    other = UserFactory(display_name="Olive Outerbridge")
    other_couple = make_couple(other, UserFactory(display_name="Omar Otherington"))
    history(other_couple, 2, label="other")
    people["c_other"] = make_counsellor(display_name="Counsellor of others")
    other_partners = [m.user for m in other_couple.memberships.all()]
    access["c_other"] = connect(other_couple, people["c_other"], *other_partners).pk
    pending = UserFactory(display_name="Pending Person")
    _, invite_token = services.invite_create(couple=services.couple_start(user=pending), by=pending)

    from accounts.security import not_me_token
    from notifications.kinds import Kind
    from notifications.unsubscribe import make_token

    users: dict[str, User | None] = {
        "anonymous": None,
        "loner": UserFactory(display_name="Lee Loner"),
        "pending": pending,
        "a": a,
        "b": b,
        "other": other,
        **people,
    }
    values = {
        "week": w1.starts_on.isoformat(),
        "week2": w2.starts_on.isoformat(),
        "current": current.isoformat(),
        "access": str(access["c_both"]),
        "invite": invite_token,
        "counsellor_invite": counsellor_token,
        "unsubscribe": make_token(user_id=b.pk, kind=Kind.WEEK_READY),
        "not_me": not_me_token(b),
    }
    # Our counsellors' own sentinels: none (their names are not the couple's).
    assert all(CounsellorAccess.objects.filter(pk=pk).exists() for pk in access.values())
    assert Membership.objects.filter(couple=couple).count() == 2
    assert CounsellorInvite.objects.filter(couple=couple).count() == 1
    return World(users, access, values, sentinels, couple)


def found_in(body: str, text: str) -> bool:
    """``text`` in a page, or in a JSON body (where « » may be written \\u00ab \\u00bb)."""
    return text in body or json.dumps(text)[1:-1] in body
