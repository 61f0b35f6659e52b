"""Names in emails: subjects are plain text (``O'Brien``, not ``O&#x27;Brien``), and a name
cannot pass for a link, an address or a second line, since it goes into emails sent to any
address (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core import mail

from accounts.names import is_plain_name
from intimacy.notify import render_message

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def test_a_subject_keeps_a_name_as_it_is_written():
    message = render_message(
        to="sam@example.com",
        template="invite",
        context={"inviter": "Siobhán O'Brien & <Co>", "link": "/x/", "expires_at": None},
    )
    assert message.subject == "Siobhán O'Brien & <Co> invited you to Twoway"
    # The HTML part is still escaped: there the name is text, never markup.
    html = message.alternatives[0][0]
    assert "&lt;Co&gt;" in html
    assert "<Co>" not in html


@pytest.mark.parametrize("path", sorted(TEMPLATES.rglob("*_subject.txt")), ids=str)
def test_every_subject_template_is_plain_text(path):
    """Subjects are not HTML: each template turns escaping off (a new one without it fails
    here before it sends ``O&#x27;Brien`` to someone)."""
    assert "{% autoescape off %}" in path.read_text()


@pytest.mark.parametrize(
    "name",
    [
        "Sam",
        "Dr. Rivera",
        "J.R. Smith",
        "Siobhán O'Brien",
        "李小龙",
        "Zoë-Jane",
        "👩‍❤️‍👨 us",
        "Ali بن",
    ],
)
def test_names_people_have_are_plain(name):
    assert is_plain_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "Sam http://evil.example",
        "see www.evil.example",
        "Sam (go to evil.example)",
        "bit.ly/abc",
        "sam@evil.example",
        "Sam\nClick the link below",
        "Sam\u202ereversed",
        "Sam\u200binvisible",
    ],
)
def test_a_name_that_could_pass_for_a_link_or_a_line_is_refused(name):
    assert not is_plain_name(name)


@pytest.mark.django_db
def test_sign_up_explains_and_keeps_what_was_typed(client):
    typed = "Sam, claim your prize at evil.example"
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new@example.com",
            "password1": "a-long-and-fine-password-9",
            "password2": "a-long-and-fine-password-9",
            "display_name": typed,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "without a web or email address" in page
    assert 'value="new@example.com"' in page
    assert "claim your prize at evil.example" in page  # kept in the field, to edit
    assert mail.outbox == []


@pytest.mark.django_db
def test_how_a_partner_is_shown_is_a_plain_name_too(client, couple, partner_a):
    client.force_login(partner_a)
    seat = partner_a.memberships.get()
    response = client.post(
        "/couple/settings/",
        {"time_zone": "UTC", "week_start_day": "0", f"name_{seat.pk}": "www.evil.example"},
    )
    assert response.status_code in (200, 422)
    assert "without a web or email address" in response.content.decode()
    seat.refresh_from_db()
    assert seat.shown_name == ""
