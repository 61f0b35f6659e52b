from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.factories import UserFactory, make_couple

# The tests' key-encryption key (never a real one): fixed, so no .data-kek file is made.
TEST_KEK = "test-kek:" + "dGVzdC1rZXktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM="


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    settings.DATA_KEYS_KEK = TEST_KEK
    settings.DATA_KEYS_OLD_KEKS = []


def _with_every_database(item: pytest.Item) -> None:
    """A test that uses the database uses the keys database too (private text is sealed
    under keys kept there): its django_db marker gets ``databases="__all__"``."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    if marker is None and not {"db", "transactional_db", "live_server"} & set(fixtures):
        return
    args, kwargs = (marker.args, dict(marker.kwargs)) if marker else ((), {})
    if kwargs.get("databases") is None and not args[2:3]:
        kwargs["databases"] = "__all__"
        item.add_marker(pytest.mark.django_db(*args, **kwargs), append=False)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests of PostgreSQL's row locks or of the Redis cache do not apply to a run on SQLite
    with the local-memory cache: they are deselected there (not skipped) and run in CI's
    PostgreSQL + Redis leg. Tests of the SQLite file itself are deselected on PostgreSQL."""
    from django.conf import settings

    on_postgresql = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    with_redis = bool(getattr(settings, "REDIS_URL", ""))
    dropped = [
        item
        for item in items
        if (item.get_closest_marker("postgres") and not on_postgresql)
        or (item.get_closest_marker("redis") and not with_redis)
        or (item.get_closest_marker("sqlite") and on_postgresql)
    ]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for item in items if item not in dropped]
    for item in items:
        _with_every_database(item)


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate-limit counters live in the cache (Redis in CI): start every test from zero.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _no_cached_data_keys():
    # Each test's keys roll back with its database: forget the unwrapped ones it cached.
    from datakeys.services import forget_cached_keys

    forget_cached_keys()
    yield
    forget_cached_keys()


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    # Background tasks run in the process that queues them, once the transaction commits;
    # tests/test_task_worker.py runs the real database backend and worker.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def user(db):
    return UserFactory(display_name="Alex")


@pytest.fixture
def partner_a(db):
    return UserFactory(display_name="Alex", email="alex@example.com")


@pytest.fixture
def partner_b(db):
    return UserFactory(display_name="Sam", email="sam@example.com")


@pytest.fixture
def couple(partner_a, partner_b):
    return make_couple(partner_a, partner_b)


@pytest.fixture
def outsider(db):
    """Someone with a couple of their own, who must never see ours."""
    # Long names: a test may check they are absent, and no random token can contain them.
    person = UserFactory(display_name="Olive Outerbridge", email="olive@example.com")
    make_couple(person, UserFactory(display_name="Omar Otherington"))
    return person


@pytest.fixture
def loner(db):
    """Someone signed in with no couple at all."""
    return UserFactory(display_name="Lee", email="lee@example.com")


@pytest.fixture
def counsellor(db):
    """Someone with two-factor authentication on, ready to counsel."""
    from tests.counselling_helpers import make_counsellor

    return make_counsellor(display_name="Dr. Rivera", email="rivera@example.com")


@pytest.fixture
def world(couple, partner_a, partner_b, counsellor, outsider, loner):
    """Everything at once: our couple with two revealed weeks and a counsellor both consent
    to, another couple, a loner, a pending couple (started, its invitation not accepted)
    and a counsellor invitation; with every person by role, for tests that walk every URL."""
    from accounts import services
    from checkins.selectors import clock_for
    from counselling import services as counselling_services
    from tests.checkin_helpers import history
    from tests.counselling_helpers import connect

    weeks = history(couple, 2)
    access = connect(couple, counsellor, partner_a, partner_b)
    inviter = UserFactory(display_name="Inviter", email="inviter@example.com")
    _, invite_token = services.invite_create(couple=services.couple_start(user=inviter), by=inviter)
    _, counsellor_token = counselling_services.counsellor_invite_create(
        couple=couple, by=partner_a, email="new@example.com"
    )
    from notifications.kinds import Kind
    from notifications.unsubscribe import make_token

    return {
        "unsubscribe": make_token(user_id=partner_b.pk, kind=Kind.WEEK_READY),
        "week": weeks[0].starts_on.isoformat(),
        "current": clock_for(couple).current.isoformat(),
        "access": access.pk,
        "invite": invite_token,
        "counsellor_invite": counsellor_token,
        "users": {
            "anonymous": None,
            "loner": loner,
            "outsider": outsider,
            "partner": partner_a,
            "counsellor": counsellor,
            "pending": inviter,  # in a couple with no partner yet
        },
    }
