"""Erasure across every table: after ``erase_person`` no row of any table, introspected from
the database itself (so a table added later is searched too), names the person, holds a
word they wrote, or points at them, their seats or their check-ins; their former partner
keeps their own answers and sees nothing of the erased person's."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.usersessions.models import UserSession
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import connection, models
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from accounts import services as account_services
from accounts.models import Couple, Membership, User
from checkins.models import Answer, CheckIn, Reaction, ReactionKind, Week
from checkins.selectors import clock_for
from counselling import services as counselling_services
from counselling.models import AccessLogEntry, Consent, CounsellorAccess
from datakeys.models import DataKey
from datakeys.sealing import PREFIX as SEALED_PREFIX
from notifications.kinds import Kind
from notifications.models import EmailPreferences, WeeklyEmail
from notifications.tasks import send_notice
from tests.checkin_helpers import checkin_for, history
from tests.counselling_helpers import connect, make_counsellor
from tests.factories import PASSWORD, UserFactory, make_couple
from yourdata.erasure import TOMBSTONE_DOMAIN, erase_person

pytestmark = pytest.mark.django_db

NAME = "Quentin Marchbanks"
SHOWN = "Quenty Quillfeather"
EMAIL = "quentin.marchbanks@example.com"
SECOND_EMAIL = "q.marchbanks.alias@example.com"


def _written(memberships: list[Membership]) -> list[str]:
    """Every text the person wrote, read before the erasure."""
    texts = []
    for checkin in CheckIn.objects.filter(membership__in=memberships):
        texts += [checkin.appreciation, checkin.private_note]
        for answer in checkin.answers.all():
            texts += [answer.reflection, answer.need]
    return [t for t in texts if t.strip()]


@pytest.fixture
def everything(partner_a, django_capture_on_commit_callbacks, settings, client):
    """Quentin with every kind of data, partnered with Alex, and once before with Fran."""
    quentin = UserFactory(display_name=NAME, email=EMAIL)
    quentin.emailaddress_set.create(email=SECOND_EMAIL, verified=True, primary=False)

    # An earlier couple with Fran, which Quentin started and invited Fran to; then ended.
    fran = UserFactory(display_name="Fran Elderberry", email="fran@example.com")
    earlier = account_services.couple_start(user=quentin)
    _invite, token = account_services.invite_create(couple=earlier, by=quentin, sent_to=fran.email)
    account_services.invite_accept(token=token, user=fran)
    earlier_weeks = history(earlier, 2, label="earlier")
    q_old, f_old = earlier.memberships.order_by("seat")
    Reaction.objects.create(
        checkin=earlier_weeks[0].checkin_of(f_old),
        part="appreciation",
        by=q_old,
        kind=ReactionKind.THANK_YOU,
    )
    account_services.couple_close(couple=earlier, by=quentin)

    # The couple with Alex (seat 1), Quentin in seat 2 with a shown name Alex gave them.
    couple = make_couple(partner_a, quentin)
    alex_seat, q_seat = couple.memberships.order_by("seat")
    account_services.couple_update_settings(
        couple=couple, by=partner_a, changes={}, names={q_seat.pk: SHOWN}
    )
    revealed = history(couple, 3, label="shared")
    unrevealed = Week.objects.create(
        couple=couple, starts_on=revealed[-1].starts_on - timedelta(weeks=1), prompts={}
    )
    checkin_for(unrevealed, alex_seat, text="«alex-alone»", note="«alex-alone-note»")
    checkin_for(unrevealed, q_seat, submitted=False, text="«q-draft»", note="«q-draft-note»")
    current = Week.objects.create(couple=couple, starts_on=clock_for(couple).current, prompts={})
    checkin_for(current, q_seat, text="«q-waiting»", note="«q-waiting-note»")
    # Reactions both ways on a revealed week.
    Reaction.objects.create(
        checkin=revealed[0].checkin_of(alex_seat), part="appreciation", by=q_seat, kind="thanks"
    )
    Reaction.objects.create(
        checkin=revealed[0].checkin_of(q_seat),
        part="need:emotional",
        by=alex_seat,
        kind=ReactionKind.WILL_DO,
    )

    # Counselling: Rivera, both consented, Quentin withdrew (and the log has entries); a
    # second counsellor Quentin invited; a pending counsellor invitation Quentin sent.
    rivera = make_counsellor(display_name="Dr. Rivera", email="rivera@example.com")
    access = connect(couple, rivera, partner_a, quentin)
    AccessLogEntry.objects.create(access=access, counsellor=rivera, page="summary")
    counselling_services.consent_revoke(access=access, partner=quentin)
    AccessLogEntry.objects.create(access=access, counsellor=rivera, page="dashboard")
    second = make_counsellor(display_name="Dr. Second", email="second@example.com")
    CounsellorAccess.objects.create(couple=couple, counsellor=second, invited_by=quentin)
    counselling_services.counsellor_invite_create(
        couple=couple, by=quentin, email="third@example.com"
    )
    # Quentin counsels another couple too, and looked at it.
    pat = UserFactory(display_name="Pat", email="pat@example.com")
    kim = UserFactory(display_name="Kim", email="kim@example.com")
    theirs = make_couple(pat, kim)
    counselled = connect(theirs, quentin, pat, kim)
    AccessLogEntry.objects.create(access=counselled, counsellor=quentin, page="summary")

    # An invitation someone else sent to Quentin's address, still pending.
    inviter = UserFactory(display_name="Ivy", email="ivy@example.com")
    account_services.invite_create(
        couple=account_services.couple_start(user=inviter), by=inviter, sent_to=EMAIL.upper()
    )

    # Emails: choices, a reminder that went to Quentin, a nudge Quentin sent Alex.
    EmailPreferences.objects.create(user=quentin, remind_weekday=2, time_zone="Europe/Paris")
    week = revealed[0].starts_on
    WeeklyEmail.objects.create(user=quentin, couple=couple, week=week, kind=Kind.REMINDER)
    WeeklyEmail.objects.create(
        user=partner_a, couple=couple, week=week, kind=Kind.NUDGE, sent_by=quentin
    )
    # A session, as signing in makes it (before two-factor, which would ask for a code).
    response = client.post(reverse("account_login"), {"login": EMAIL, "password": PASSWORD})
    assert response.status_code == 302
    session_keys = list(
        UserSession.objects.filter(user=quentin).values_list("session_key", flat=True)
    )
    # Two-factor: TOTP and recovery codes.
    TOTP.activate(quentin, generate_totp_secret())
    RecoveryCodes.activate(quentin)
    # Queued background tasks naming Quentin, as recipient and as the one who caused it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    send_notice.enqueue(kind=Kind.NUDGE, recipient_id=quentin.pk, couple_id=couple.pk, site="x")
    send_notice.enqueue(
        kind=Kind.NUDGE,
        recipient_id=partner_a.pk,
        couple_id=couple.pk,
        actor_id=quentin.pk,
        site="x",
    )
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

    # A site admin once edited the account: the admin's history names it.
    LogEntry.objects.create(
        user=UserFactory(is_staff=True, display_name="Admin", email="admin@example.com"),
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(quentin.pk),
        object_repr=str(quentin),
        action_flag=CHANGE,
        change_message="[]",
    )

    memberships = list(Membership.objects.filter(user=quentin))
    return {
        "quentin": quentin,
        "fran": fran,
        "couple": couple,
        "earlier": earlier,
        "revealed": revealed,
        "access": access,
        "session_keys": session_keys,
        "user_id": quentin.pk,
        "membership_ids": {m.pk for m in memberships},
        "checkin_ids": set(
            CheckIn.objects.filter(membership__in=memberships).values_list("pk", flat=True)
        ),
        # Their texts are sealed at rest, so the database holds them only as ciphertexts
        # under their data key: its id, in every one of them, is the needle for those.
        "needles": [NAME, SHOWN, EMAIL, SECOND_EMAIL, *_written(memberships), _sealed_by(quentin)],
        "alex_texts": _written([alex_seat]),
    }


def _sealed_by(user: User) -> str:
    """What every ciphertext under ``user``'s data key starts with."""
    return f"{SEALED_PREFIX}{DataKey.objects.get(person_id=user.pk).pk}:"


def test_the_fixture_has_every_kind_of_data(everything):
    quentin = everything["quentin"]
    assert CheckIn.objects.filter(membership__user=quentin, submitted_at__isnull=True).exists()
    assert Reaction.objects.filter(by__user=quentin).count() == 2
    assert Reaction.objects.filter(checkin__membership__user=quentin).exists()
    assert Consent.objects.filter(partner=quentin, kind="revoke").exists()
    assert Authenticator.objects.filter(user=quentin).count() == 2
    assert Session.objects.filter(session_key__in=everything["session_keys"]).exists()
    assert UserSession.objects.filter(user=quentin).exists()
    assert DBTaskResult.objects.count() == 2
    assert everything["needles"][4:-1]  # the texts they wrote


def _text(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).decode("utf-8", "replace")
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return None


def _referring_columns(table: str, cursor: object) -> dict[str, str]:
    """Column → referenced table, from the database's own foreign keys and from the models'
    (a model's ``ForeignKey(db_constraint=False)`` has no constraint to introspect)."""
    refs = {
        column: relation[1]  # (referenced column, referenced table, ...)
        for column, relation in connection.introspection.get_relations(cursor, table).items()
    }
    for model in apps.get_models(include_auto_created=True):
        if model._meta.db_table != table:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.ForeignKey):
                refs[field.column] = field.related_model._meta.db_table
    return refs


def _what_still_names(everything: dict[str, object]) -> list[str]:
    forbidden = {
        User._meta.db_table: {everything["user_id"]},
        Membership._meta.db_table: everything["membership_ids"],
        CheckIn._meta.db_table: everything["checkin_ids"],
    }
    needles = [n.lower() for n in everything["needles"]]  # type: ignore[attr-defined]
    found = []
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        assert len(tables) > 20
        for table in tables:
            refs = _referring_columns(table, cursor)
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            # Every column, from the query itself (Django's SQLite get_table_description trips
            # over the check constraints of some tables).
            columns = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    target = refs.get(column)
                    if target in forbidden and value in forbidden[target]:
                        found.append(f"{table}.{column} = {value} points at them")
                    text = _text(value)
                    if text is None:
                        continue
                    lowered = text.lower()
                    found += [f"{table}.{column} holds {n!r}" for n in needles if n in lowered]
                    if table == DBTaskResult._meta.db_table and column == "args_kwargs":
                        kwargs = json.loads(text).get("kwargs", {})
                        if everything["user_id"] in (
                            kwargs.get("recipient_id"),
                            kwargs.get("actor_id"),
                        ):
                            found.append(f"{table}.{column} names them: {text}")
    return found


def test_the_search_finds_them_before(everything):
    found = _what_still_names(everything)
    for where in (
        "accounts_user.email",
        "accounts_membership.shown_name",
        "checkins_answer.reflection",
        "checkins_checkin.private_note",
        "accounts_coupleevent.change",
        "accounts_invite.sent_to",
        "account_emailaddress.email",
        "django_admin_log.object_repr",
        "checkins_reaction.by_id",
        "checkins_checkin.membership_id",
        "accounts_consent.partner_id",
        "mfa_authenticator.user_id",
        "django_tasks_database_dbtaskresult.args_kwargs",
    ):
        assert any(f.startswith(where) for f in found), where


def test_no_table_names_them_after(everything, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        erase_person(user=everything["quentin"])
    assert _what_still_names(everything) == []
    assert not Session.objects.filter(session_key__in=everything["session_keys"]).exists()
    assert not User.objects.filter(pk=everything["user_id"]).exists()
    # Their data key is gone too, so no copy of their ciphertexts opens again.
    assert not DataKey.objects.filter(person_id=everything["user_id"]).exists()


def test_what_must_stay_stays_and_names_no_one(
    everything, partner_a, django_capture_on_commit_callbacks
):
    access = everything["access"]
    kinds_before = list(Consent.objects.filter(access=access).values_list("kind", flat=True))
    log_before = AccessLogEntry.objects.filter(access=access).count()
    with django_capture_on_commit_callbacks(execute=True):
        result = erase_person(user=everything["quentin"])
    tombstone = User.objects.get(pk=result.tombstone_id)
    assert tombstone.email.endswith("@" + TOMBSTONE_DOMAIN)
    assert not tombstone.is_active
    assert not tombstone.has_usable_password()
    assert tombstone.display_name == "Someone who left Twoway"
    # Who granted and withdrew, and when, is still provable; no wording from the erased.
    consents = list(Consent.objects.filter(access=access))
    assert [c.kind for c in consents] == kinds_before
    assert {c.partner_id for c in consents} == {partner_a.pk, tombstone.pk}
    assert all(c.wording == "" for c in consents if c.partner_id == tombstone.pk)
    assert all(c.wording for c in consents if c.partner_id == partner_a.pk)
    assert AccessLogEntry.objects.filter(access=access).count() == log_before
    # The couple closed as in unpairing; the counsellors' access ended.
    couple = Couple.objects.get(pk=everything["couple"].pk)
    assert couple.closed_at is not None
    assert couple.closed_by_id == tombstone.pk
    assert not CounsellorAccess.objects.filter(couple=couple, removed_at__isnull=True).exists()
    # The relation Quentin had as a counsellor ended too, its log kept.
    assert not CounsellorAccess.objects.filter(
        counsellor=tombstone, removed_at__isnull=True
    ).exists()
    assert AccessLogEntry.objects.filter(counsellor=tombstone).count() == 1


def test_the_partners_keep_their_own_answers(
    everything, partner_a, django_capture_on_commit_callbacks
):
    fran = everything["fran"]
    alex_answers = Answer.objects.filter(checkin__membership__user=partner_a).count()
    fran_checkins = CheckIn.objects.filter(membership__user=fran).count()
    with django_capture_on_commit_callbacks(execute=True):
        erase_person(user=everything["quentin"])
    assert Answer.objects.filter(checkin__membership__user=partner_a).count() == alex_answers
    assert CheckIn.objects.filter(membership__user=fran).count() == fran_checkins
    texts = _written(list(Membership.objects.filter(user=partner_a)))
    assert sorted(texts) == sorted(everything["alex_texts"])
    # The reaction Alex gave on Quentin's answer went with it, and Quentin's on Alex's.
    assert not Reaction.objects.exists()


def test_the_partner_sees_nothing_of_them(
    everything, partner_a, client, django_capture_on_commit_callbacks
):
    week = everything["revealed"][0].starts_on.isoformat()
    client.force_login(partner_a)
    before = client.get(reverse("checkins:week", args=[week])).content.decode()
    assert SHOWN in before
    assert "«shared-b1»" in before
    with django_capture_on_commit_callbacks(execute=True):
        erase_person(user=everything["quentin"])
    pages = {
        "history": client.get(reverse("checkins:history"), follow=True),
        "past": client.get(reverse("checkins:past")),
        "trends": client.get(reverse("checkins:trends"), follow=True),
        "week": client.get(reverse("checkins:week", args=[week])),
        "home": client.get(reverse("home"), follow=True),
    }
    for name, response in pages.items():
        assert response.status_code in (200, 404), name
        html = response.content.decode()
        leaked = [n for n in everything["needles"] if n in html]
        assert leaked == [], name
    # Alex's own answers are still there, as a past couple's.
    past = pages["past"].content.decode()
    assert "«shared-a1»" in past
    # The former partner from the earlier couple, too.
    client.force_login(everything["fran"])
    past = client.get(reverse("checkins:past")).content.decode()
    assert "«earlier-b1»" in past
    assert [n for n in everything["needles"] if n in past] == []


def test_the_partner_is_told_kindly_once(everything, partner_a, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        result = erase_person(user=everything["quentin"])
    assert result.partner_told
    to_alex = [m for m in mail.outbox if m.to == [partner_a.email]]
    assert len(to_alex) == 1
    message = to_alex[0]
    assert f"{SHOWN} has closed their Twoway account" in message.body
    assert "own answers" in message.body
    assert not [m for m in mail.outbox if m.to == [EMAIL]]
    assert all(EMAIL not in m.body for m in mail.outbox)


def test_a_rolled_back_erasure_sends_nothing_and_keeps_everything(
    everything, monkeypatch, django_capture_on_commit_callbacks
):
    from yourdata import erasure

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(erasure, "_erase_account", fail)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        erase_person(user=everything["quentin"])
    assert User.objects.filter(pk=everything["user_id"]).exists()
    assert CheckIn.objects.filter(pk__in=everything["checkin_ids"]).count() == len(
        everything["checkin_ids"]
    )
    assert Couple.objects.get(pk=everything["couple"].pk).closed_at is None
    assert mail.outbox == []


def test_someone_with_nothing_but_an_account_is_erased(db, django_capture_on_commit_callbacks):
    lee = UserFactory(display_name="Lee Loner", email="lee.loner@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        result = erase_person(user=lee)
    assert not result.partner_told
    assert not User.objects.filter(email="lee.loner@example.com").exists()


def test_a_pending_couple_of_their_own_goes_with_them(db, django_capture_on_commit_callbacks):
    lee = UserFactory(display_name="Lee Loner", email="lee.loner@example.com")
    couple = account_services.couple_start(user=lee)
    account_services.invite_create(couple=couple, by=lee, sent_to="friend@example.com")
    Week.objects.create(couple=couple, starts_on=clock_for(couple).current, prompts={})
    with django_capture_on_commit_callbacks(execute=True):
        erase_person(user=lee)
    assert not Couple.objects.filter(pk=couple.pk).exists()
    assert not Week.objects.filter(couple_id=couple.pk).exists()


def test_erasing_twice_finds_no_one_the_second_time(everything, django_capture_on_commit_callbacks):
    quentin = everything["quentin"]
    with django_capture_on_commit_callbacks(execute=True):
        erase_person(user=quentin)
    with pytest.raises(User.DoesNotExist):
        erase_person(user=quentin)


def test_it_never_reads_their_text_so_it_works_once_the_key_is_gone(
    everything, monkeypatch, django_capture_on_commit_callbacks
):
    """Encryption at rest destroys the data key first: from then on no written text of
    theirs can be read. Here every read of written text fails, and erasure still works."""
    from checkins.fields import PrivateTextField

    def unreadable(self, value, expression, connection):
        raise AssertionError(f"erasure read written text ({self.model.__name__}.{self.name})")

    monkeypatch.setattr(PrivateTextField, "from_db_value", unreadable, raising=False)
    with django_capture_on_commit_callbacks(execute=True):
        erase_person(user=everything["quentin"])
    monkeypatch.undo()
    assert _what_still_names(everything) == []
