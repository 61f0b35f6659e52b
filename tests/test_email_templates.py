"""Every email has a plain-text and an HTML part, in Twoway's words, on one shared layout.

Twoway's own emails (``templates/emails/``) are rendered directly; allauth's (sign-up,
password reset, notifications) are sent through the test client and read from the outbox.
"""

import re
from datetime import UTC, datetime
from pathlib import Path

import allauth
import pytest
from allauth.account.adapter import get_adapter
from allauth.core.context import request_context
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.cache import SessionStore
from django.core import mail
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

ROOT = Path(__file__).resolve().parent.parent
EMAILS = ROOT / "templates" / "emails"
ALLAUTH_TEMPLATES = Path(allauth.__file__).parent / "templates"

# The marker element only the shared layout (templates/emails/base.html) has.
LAYOUT = 'data-email-layout="twoway"'
TAG = re.compile(r"</?[a-zA-Z][^>]*>")
URL = re.compile(r"https?://\S+")
UNSUBSCRIBE = "https://twoway.example/unsubscribe/abc123/"

KINDS = sorted(p.name.removesuffix("_body.txt") for p in EMAILS.glob("*_body.txt"))
EXPIRES = datetime(2026, 3, 14, 9, 0, tzinfo=UTC)
# What each kind is sent with (see send_after_commit( in accounts, checkins, counselling).
CONTEXTS = {
    "consent_revoked": {"partner": "Alex", "counsellor": "Dr. Rivera"},
    "counsellor_invite": {
        "inviter": "Alex",
        "link": "/counsellor/invite/tok3n-abc/",
        "expires_at": EXPIRES,
    },
    "counsellor_joined": {"counsellor": "Dr. Rivera", "link": "/couple/counsellors/"},
    "counsellor_removed": {"counsellor": "Dr. Rivera"},
    "counsellor_removed_partner": {"partner": "Alex", "counsellor": "Dr. Rivera"},
    "invite": {"inviter": "Alex", "link": "/invite/tok3n-abc/", "expires_at": EXPIRES},
    "partner_checked_in": {"name": "Alex", "link": "/checkin/2026-03-09/"},
    "revealed": {"name": "Alex", "link": "/week/2026-03-09/"},
    "unpaired": {"name": "Alex"},
    # Erasure (yourdata.erasure): the name the partner knew the erased person by.
    "partner_erased": {"name": "Alex"},
    "reminder": {"partner": "Alex", "link": "/weeks/2026-03-09/checkin/"},
    "last_call": {
        "link": "/weeks/2026-03-02/checkin/",
        "open_until": datetime(2026, 3, 15, 23, 59, 59, tzinfo=UTC),
    },
    "nudge": {"partner": "Alex", "link": "/weeks/2026-03-09/checkin/"},
    "partner_joined": {"name": "Alex", "link": "/"},
    # Time-boxed counsellor access (counselling.services).
    "consent_given": {
        "partner": "Alex",
        "counsellor": "Dr. Rivera",
        "link": "/couple/counsellors/",
    },
    "sharing_started": {
        "counsellor": "Dr. Rivera",
        "names": "Alex and Sam",
        "ends": "3 June 2027",
        "link": "/couple/counsellors/",
    },
    "sharing_started_counsellor": {
        "counsellor": "Dr. Rivera",
        "names": "Alex and Sam",
        "ends": "",
        "link": "/counsellor/couples/1/",
    },
    "access_expired": {
        "counsellor": "Dr. Rivera",
        "names": "Alex and Sam",
        "date": "3 March 2027",
        "link": "/couple/counsellors/",
    },
    "access_expired_counsellor": {
        "counsellor": "Dr. Rivera",
        "names": "Alex and Sam",
        "date": "3 March 2027",
    },
    "expiry_warning": {
        "counsellor": "Dr. Rivera",
        "names": "Alex and Sam",
        "date": "3 March 2027",
        "link": "/couple/counsellors/",
    },
    "expiry_warning_counsellor": {
        "counsellor": "Dr. Rivera",
        "names": "Alex and Sam",
        "date": "3 March 2027",
    },
}
# Emails a person may opt out of: their text bodies include emails/_footer.txt.
OPTIONAL = {
    "partner_checked_in",
    "revealed",
    "unpaired",
    "reminder",
    "last_call",
    "nudge",
    "partner_joined",
}


def _render(kind: str, **extra: object) -> tuple[str, str]:
    context = {"site_url": settings.SITE_URL, **CONTEXTS[kind], **extra}
    return (
        render_to_string(f"emails/{kind}_body.txt", context),
        render_to_string(f"emails/{kind}_body.html", context),
    )


def _html_of(message) -> str:
    html = [content for content, mimetype in message.alternatives if mimetype == "text/html"]
    assert len(html) == 1, "no HTML alternative"
    return html[0]


def _assert_plain(text: str) -> None:
    assert not TAG.search(text), f"HTML in a text part: {TAG.search(text).group(0)}"


def _assert_in_twoway_voice(text: str) -> None:
    assert text.startswith("Hello,")
    assert text.rstrip().endswith("Twoway")
    for default in (
        "Hello from",
        "Thank you for using",
        "127.0.0.1!",
        "testserver!",
        "example.com!",
    ):
        assert default not in text


# --- Twoway's own emails -------------------------------------------------------------------


def test_every_kind_has_a_context_here():
    assert set(KINDS) == set(CONTEXTS), "a new email kind: add its context to CONTEXTS"


@pytest.mark.parametrize("kind", KINDS)
def test_every_text_body_has_an_html_twin(kind):
    assert (EMAILS / f"{kind}_body.html").is_file()


@pytest.mark.parametrize("kind", KINDS)
def test_both_parts_render_and_say_the_same_thing(kind):
    text, html = _render(kind)
    _assert_plain(text)
    _assert_in_twoway_voice(text)
    assert LAYOUT in html
    assert "<p>Hello,</p>" in html
    # Every address in the text part is a link in the HTML part.
    for url in URL.findall(text):
        assert f'href="{url}"' in html
    for name in {v for k, v in CONTEXTS[kind].items() if k in {"name", "inviter", "partner"}}:
        assert name in text
        assert name in html
    if "link" in CONTEXTS[kind]:
        assert f'href="{settings.SITE_URL}{CONTEXTS[kind]["link"]}"' in html
        assert f"{settings.SITE_URL}{CONTEXTS[kind]['link']}" in text
    if "expires_at" in CONTEXTS[kind]:
        assert "14 March 2026" in text
        assert "14 March 2026" in html


@pytest.mark.parametrize("kind", KINDS)
def test_no_unsubscribe_line_without_an_unsubscribe_url(kind):
    text, html = _render(kind)
    assert "Unsubscribe" not in text
    assert "Unsubscribe" not in html


@pytest.mark.parametrize("kind", KINDS)
def test_the_unsubscribe_line_links_to_the_unsubscribe_url(kind):
    text, html = _render(kind, unsubscribe_url=UNSUBSCRIBE)
    line = "Don't want these emails? Unsubscribe in one click"
    assert f'<a href="{UNSUBSCRIBE}">{line}</a>' in html
    if kind in OPTIONAL:
        assert f"{line}:\n{UNSUBSCRIBE}" in text
    _assert_plain(text)


def test_names_are_escaped_in_html_and_left_alone_in_text():
    text, html = _render("revealed", name='Jo & "Sam" <b>')
    assert 'You and Jo & "Sam" <b> have both checked in' in text
    assert "You and Jo &amp; &quot;Sam&quot; &lt;b&gt; have both checked in" in html


def test_the_layout_has_a_footer_block():
    layout = (EMAILS / "base.html").read_text()
    assert "{% block footer %}{% endblock" in layout
    assert "Twoway" in render_to_string("emails/base.html", {})


# --- allauth's emails, end to end ------------------------------------------------------------

SIGNUP = {
    "display_name": "Sam",
    "email": "sam@example.com",
    "password1": PASSWORD,
    "password2": PASSWORD,
}


def _assert_allauth_email(message, link: str) -> str:
    """Twoway's words in both parts, the link in both, the HTML on the shared layout."""
    assert message.subject.startswith("[Twoway] ")
    _assert_plain(message.body)
    _assert_in_twoway_voice(message.body)
    assert link in message.body
    html = _html_of(message)
    assert LAYOUT in html
    assert f'href="{link}"' in html
    assert "Hello from" not in html
    return html


@pytest.mark.django_db
def test_the_sign_up_confirmation_email(client):
    client.post(reverse("account_signup"), SIGNUP)
    (message,) = mail.outbox
    assert message.to == ["sam@example.com"]
    assert message.subject == "[Twoway] Welcome to Twoway: confirm your email"
    link = URL.search(message.body).group(0)
    assert "/accounts/confirm-email/" in link or "confirm" in link
    html = _assert_allauth_email(message, link)
    assert "Confirm your email address</a>" in html
    assert "If you didn't sign up" in message.body
    # The link in the email is the one that confirms the address.
    client.post(link)
    from allauth.account.models import EmailAddress

    assert EmailAddress.objects.get(email="sam@example.com").verified


@pytest.mark.django_db
def test_signing_up_with_a_taken_address_tells_its_owner_kindly(client):
    UserFactory(email="taken@example.com")
    client.post(reverse("account_signup"), SIGNUP | {"email": "taken@example.com"})
    (message,) = [m for m in mail.outbox if m.to == ["taken@example.com"]]
    assert message.subject == "[Twoway] You already have a Twoway account"
    link = URL.search(message.body).group(0)
    assert reverse("account_reset_password") in link
    _assert_allauth_email(message, link)
    assert "If it wasn't you, you can ignore this email" in message.body


@pytest.mark.django_db
def test_the_password_reset_email(client):
    UserFactory(email="forgetful@example.com")
    client.post(reverse("account_reset_password"), {"email": "forgetful@example.com"})
    (message,) = mail.outbox
    assert message.subject == "[Twoway] Reset your password"
    link = URL.search(message.body).group(0)
    assert "/password/reset/key/" in link
    _assert_allauth_email(message, link)
    assert "If you didn't ask for this" in message.body
    assert client.get(link, follow=True).status_code == 200


@pytest.mark.django_db
def test_the_password_reset_email_for_an_unknown_address(client):
    client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})
    (message,) = mail.outbox
    assert message.subject == "[Twoway] No Twoway account for this address"
    link = URL.search(message.body).group(0)
    assert link.endswith(reverse("account_signup"))
    _assert_allauth_email(message, link)
    assert "nobody@example.com" in message.body
    assert "nobody@example.com" in _html_of(message)


@pytest.mark.django_db
def test_the_password_changed_notification(client, settings):
    settings.ACCOUNT_EMAIL_NOTIFICATIONS = True
    UserFactory(email="alex@example.com")
    client.post(reverse("account_login"), {"login": "alex@example.com", "password": PASSWORD})
    new = "another long passphrase 77"
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.subject == "[Twoway] Your password was changed"
    link = URL.search(message.body).group(0)
    assert "/accounts/not-me/" in link
    html = _assert_allauth_email(message, link)
    assert "If it wasn't you, this link logs out every device at once" in message.body
    assert "IP address: 127.0.0.1" in message.body
    assert "IP address: 127.0.0.1" in html


MFA_NOTIFICATIONS = sorted(
    p.name.removesuffix("_message.txt")
    for p in (ALLAUTH_TEMPLATES / "mfa" / "email").glob("*_message.txt")
)


@pytest.mark.django_db
@pytest.mark.parametrize("name", MFA_NOTIFICATIONS)
def test_the_mfa_notifications(name, settings):
    """Sent the way allauth's MFA flows send them (setting up an authenticator in the test
    client needs a live TOTP code; the sending is the same)."""
    settings.ACCOUNT_EMAIL_NOTIFICATIONS = True
    user = UserFactory(email="alex@example.com")
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Firefox")
    request.user, request.session = user, SessionStore()
    with request_context(request):
        get_adapter(request).send_notification_mail(f"mfa/email/{name}", user)
    (message,) = mail.outbox
    assert message.to == ["alex@example.com"]
    link = URL.search(message.body).group(0)
    assert "/accounts/not-me/" in link
    html = _assert_allauth_email(message, link)
    assert "Twoway account" in message.body
    assert "IP address: 203.0.113.7" in message.body
    assert "Browser: Firefox" in html


# --- Every allauth email is overridden, with both parts ------------------------------------

ALLAUTH_MESSAGES = sorted(
    f"{p.parent.parent.name}/email/{p.name.removesuffix('_message.txt')}"
    for folder in ("account", "mfa")
    for p in (ALLAUTH_TEMPLATES / folder / "email").glob("*_message.txt")
    if not p.name.startswith("base_")
)


@pytest.mark.parametrize("prefix", ALLAUTH_MESSAGES)
def test_every_allauth_email_is_ours_in_text_and_html(prefix):
    for part in ("_subject.txt", "_message.txt", "_message.html"):
        assert (ROOT / "templates" / f"{prefix}{part}").is_file(), f"{prefix}{part}"


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ALLAUTH_MESSAGES)
def test_every_allauth_email_renders_in_both_parts(prefix):
    request = RequestFactory().get("/")
    request.user, request.session = AnonymousUser(), SessionStore()
    user = UserFactory.build(email="alex@example.com", display_name="Alex")
    url = "http://testserver/some/link/"
    context = {
        "request": request,
        "user": user,
        "email": "alex@example.com",
        "activate_url": url,
        "password_reset_url": url,
        "signup_url": url,
        "code": "" if "confirmation" in prefix else "K7Q-2MX",
        "from_email": "old@example.com",
        "to_email": "alex@example.com",
        "deleted_email": "old@example.com",
        "ip": "203.0.113.7",
        "user_agent": "Firefox",
        "timestamp": EXPIRES,
    }
    with request_context(request):
        subject = render_to_string(f"{prefix}_subject.txt", context).strip()
        text = render_to_string(f"{prefix}_message.txt", context, request).strip()
        html = render_to_string(f"{prefix}_message.html", context, request)
    # Sentence case: only the first word and Twoway's name start with a capital.
    words = subject.split()
    assert words[0][0].isupper()
    assert all(w[0].islower() or w.strip(":") == "Twoway" for w in words[1:]), subject
    assert len(subject) <= 40
    _assert_plain(text)
    _assert_in_twoway_voice(text)
    assert LAYOUT in html
    if prefix.endswith("_code"):
        assert "K7Q-2MX" in text
        assert "K7Q-2MX" in html
    for found in URL.findall(text):
        assert f'href="{found}"' in html
    # Why they got it, and what to do if it was not them.
    assert "wasn't you" in text or "didn't" in text


@pytest.mark.django_db
def test_the_confirmation_email_sent_when_an_unconfirmed_address_signs_in(client):
    UserFactory(email="late@example.com", verified=False)
    client.post(reverse("account_login"), {"login": "late@example.com", "password": PASSWORD})
    (message,) = mail.outbox
    assert message.subject == "[Twoway] Confirm your email address"
    link = URL.search(message.body).group(0)
    _assert_allauth_email(message, link)
    assert "If this wasn't you" in message.body
