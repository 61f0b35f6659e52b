"""Counsellor access and consent: what the partners are told when a counsellor joins."""

from __future__ import annotations

from django.core import mail

from counselling import services


def test_the_partners_are_told_which_counsellor_accepted(
    couple, partner_a, counsellor, django_capture_on_commit_callbacks
):
    _, token = services.counsellor_invite_create(
        couple=couple, by=partner_a, email=counsellor.email
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.counsellor_invite_accept(token=token, user=counsellor)
    joined = [m for m in mail.outbox if counsellor.email not in m.to]
    assert sorted(m.to[0] for m in joined) == ["alex@example.com", "sam@example.com"]
    for message in joined:
        assert "Dr. Rivera accepted your invitation" in message.body


def _queries_to_end_access(couple, by, counsellors):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.counselling_helpers import connect

    for person in counsellors:
        connect(couple, person)
    with CaptureQueriesContext(connection) as queries:
        services.end_all_access(couple=couple, by=by)
    return len(queries)


def test_ending_every_access_costs_the_same_queries_for_one_counsellor_or_three(
    db, django_capture_on_commit_callbacks
):
    from tests.counselling_helpers import make_counsellor
    from tests.factories import UserFactory, make_couple

    counts = []
    for n in (1, 3):
        a, b = UserFactory(), UserFactory()
        couple = make_couple(a, b)
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            counts.append(_queries_to_end_access(couple, a, [make_counsellor() for _ in range(n)]))
        assert callbacks  # the counsellors are told
    assert counts[0] == counts[1]


def test_only_the_invited_address_owner_may_accept(couple, partner_a, counsellor):
    from tests.counselling_helpers import make_counsellor

    invite, _ = services.counsellor_invite_create(
        couple=couple, by=partner_a, email=counsellor.email
    )
    someone_else = make_counsellor(email="someone.else@example.com")
    assert services.counsellor_invite_refusal(invite, someone_else) is (
        services.CounsellorRefusal.WRONG_EMAIL
    )
    assert services.counsellor_invite_refusal(invite, counsellor) is None


def test_the_couples_access_log_costs_the_same_queries_for_one_counsellor_or_three(db):
    from types import SimpleNamespace

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from counselling import selectors
    from tests.counselling_helpers import connect, make_counsellor
    from tests.factories import UserFactory, make_couple

    counts = []
    for n in (1, 3):
        a, b = UserFactory(), UserFactory()
        couple = make_couple(a, b)
        for _ in range(n):
            access = connect(couple, make_counsellor(), a, b)
            services.log_view(state=SimpleNamespace(access=access), page="summary")
        with CaptureQueriesContext(connection) as queries:
            names = [e.counsellor.display_name for e in selectors.couple_access_log(couple=couple)]
        assert len(names) == n
        counts.append(len(queries))
    assert counts[0] == counts[1]
