"""What a person's name may hold. Names go into emails sent to any address (an invitation
reaches whoever the inviter typed), so a name must not pass for a link, an email address
or a second line: "Sam" and "Dr. Rivera" are names, "Sam (go to evil.example)" is not."""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# A web address, a domain name ("evil.example", "bit.ly"), or an email address. A dot
# followed by a space or the end ("Dr. Rivera", "Jr.") or by one letter ("J.R.") is fine.
_LINK = re.compile(r"(://|www\.|@|[^\W_]\.[^\W\d_]{2,})", re.IGNORECASE)


# Joiners inside emoji sequences and scripts (👩‍❤️‍👨, Persian) are formatting characters
# that belong in names; the other ones (bidi overrides, invisible marks) do not.
_JOINERS = {"\u200c", "\u200d"}


def is_plain_name(name: str) -> bool:
    """No link, no address and no control or formatting character (newline, bidi)."""
    if any(unicodedata.category(c) in {"Cc", "Cf"} and c not in _JOINERS for c in name):
        return False
    return _LINK.search(name) is None


def validate_person_name(name: str) -> None:
    if not is_plain_name(name):
        raise ValidationError(
            _(
                "Please use just a name here, without a web or email address: it appears "
                "in emails, where it must not look like a link."
            ),
            code="not_a_plain_name",
        )
