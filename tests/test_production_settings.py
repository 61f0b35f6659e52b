"""Production settings: refuse unsafe values at start, and pass Django's deploy checks."""

import pytest

from tests.production import run_manage, run_python


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """Production serves hashed static files, so collect them once for these tests."""
    root = str(tmp_path_factory.mktemp("static"))
    result = run_manage("collectstatic", "--noinput", "-v0", STATIC_ROOT=root)
    assert result.returncode == 0, result.stderr
    return root


def test_check_deploy_is_clean_with_production_variables():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"SECRET_KEY": None}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY must be at least 50 characters"),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS must list"),
        ({"DATABASE_URL": None}, "DATABASE_URL must point at PostgreSQL"),
        ({"DATABASE_URL": "mysql://x@y/z"}, "DATABASE_URL must start with one of"),
        ({"REDIS_URL": None}, "REDIS_URL must be set"),
        ({"EMAIL_URL": None}, "EMAIL_URL must be set"),
        ({"SITE_URL": None}, "SITE_URL must be the site's https:// address"),
        ({"SITE_URL": "http://twoway.example.org"}, "SITE_URL must be the site's https:// address"),
        ({"TASKS_BACKEND": "celery"}, "TASKS_BACKEND must be"),
        ({"DEBUG": "perhaps"}, "DEBUG must be true or false"),
        ({"DATA_KEYS_KEK": None}, "DATA_KEYS_KEK must be set when DEBUG=false"),
        ({"DATA_KEYS_KEK": "no-colon"}, "DATA_KEYS_KEK must be '<id>:<base64"),
        ({"DATA_KEYS_KEK": "k1:c2hvcnQ="}, "DATA_KEYS_KEK must hold exactly 32 bytes"),
        ({"DATA_KEYS_KEK": "k1:not base64!"}, "is not base64"),
        ({"DATA_KEYS_OLD_KEKS": "old:c2hvcnQ="}, "DATA_KEYS_OLD_KEKS must hold exactly 32"),
        ({"KEYS_DATABASE_URL": None}, "KEYS_DATABASE_URL must point at a PostgreSQL"),
        (
            {"KEYS_DATABASE_URL": "postgres://twoway@127.0.0.1:5432/twoway"},
            "KEYS_DATABASE_URL must name another database than DATABASE_URL",
        ),
        ({"TRUSTED_PROXY_COUNT": "two"}, "TRUSTED_PROXY_COUNT must be a whole number"),
        # The quick exit and the help link are links on every page: never javascript: or data:.
        ({"QUICK_EXIT_URL": "javascript:history.back()"}, "QUICK_EXIT_URL must start with one of"),
        ({"SAFETY_HELP_URL": "data:text/html,hi"}, "SAFETY_HELP_URL must start with one of"),
    ],
)
def test_it_refuses_to_start_with_a_bad_value(overrides, message):
    result = run_manage("check", **overrides)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_responses_carry_hsts_and_csp_and_redirect_to_https(static_root):
    code = """
import django; django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
r = Client(HTTP_HOST="twoway.example.org").get("/", secure=True)
print(r.status_code)
for h in ("Strict-Transport-Security", "Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"):
    print(h, "=", r.headers.get(h))
r = Client(HTTP_HOST="twoway.example.org").get("/")
print("plain-http", r.status_code, r.headers.get("Location"))
"""
    result = run_python(code, STATIC_ROOT=static_root)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("200")
    assert "Strict-Transport-Security = max-age=31536000; includeSubDomains; preload" in out
    assert "default-src 'self'" in out
    assert "X-Content-Type-Options = nosniff" in out
    assert "Referrer-Policy = same-origin" in out
    assert "plain-http 301 https://twoway.example.org/" in out


def test_a_database_that_is_down_gives_503_health_and_the_styled_503_page(static_root):
    code = """
import django; django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
c = Client(HTTP_HOST="twoway.example.org", raise_request_exception=False)
r = c.get("/healthz", secure=True)
print("healthz", r.status_code, r.content.decode())
r = c.post("/accounts/login/", {"login": "a@b.org", "password": "x"}, secure=True)
print("login", r.status_code, r.get("Retry-After"))
print(r.content.decode())
"""
    # Nothing listens on port 9: the database is really unreachable.
    result = run_python(
        code, DATABASE_URL="postgres://twoway@127.0.0.1:9/twoway", STATIC_ROOT=static_root
    )
    assert result.returncode == 0, result.stderr
    assert 'healthz 503 {"status": "error", "database": "unavailable"}' in result.stdout
    # A database outage is not a bug: 503 with Retry-After and the "short break" page.
    assert "login 503 30" in result.stdout
    assert "Twoway is taking a short break" in result.stdout
