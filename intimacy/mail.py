"""Turn an email URL (smtp://user:password@host:587) into a Django 6.1 MAILERS entry."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage
from django.core.mail.backends import console


def mailer_from_url(url: str, *, name: str = "EMAIL_URL") -> dict[str, Any]:
    if not url:
        return {"BACKEND": "intimacy.mail.ReadableConsoleBackend"}
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps", "smtp+tls"} or not parts.hostname:
        raise ImproperlyConfigured(
            f"{name} must look like smtp+tls://user:password@host:587 "
            "(schemes: smtp, smtp+tls, smtps)."
        )
    try:
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured(f"{name} has a port that is not a number.") from None
    default_port = {"smtp": 25, "smtp+tls": 587, "smtps": 465}[parts.scheme]
    return {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": parts.hostname,
            "port": port or default_port,
            "username": unquote(parts.username or ""),
            "password": unquote(parts.password or ""),
            "use_tls": parts.scheme == "smtp+tls",
            "use_ssl": parts.scheme == "smtps",
            "timeout": 10,
        },
    }


class ReadableConsoleBackend(console.EmailBackend):
    """Development email: the console backend, but with the body printed as plain text.

    Django's own prints the encoded message, which wraps long links with quoted-printable
    ``=`` breaks, so a newcomer could not copy a verification link out of the terminal. The
    headers worth seeing (the unsubscribe ones among them) come first; the HTML part is
    only named.
    """

    SHOWN_HEADERS = ("List-Unsubscribe", "List-Unsubscribe-Post")

    def write_message(self, message: EmailMessage) -> None:
        lines = [f"To: {', '.join(message.to)}", f"Subject: {message.subject}"]
        lines += [
            f"{name}: {message.extra_headers[name]}"
            for name in self.SHOWN_HEADERS
            if name in message.extra_headers
        ]
        html = any(kind == "text/html" for _, kind in getattr(message, "alternatives", []))
        if html:
            lines.append("(with an HTML part)")
        self.stream.write("\n".join(lines) + "\n\n")
        self.stream.write(f"{message.body}\n{'-' * 79}\n")
