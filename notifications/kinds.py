"""The emails a person can turn off, each with its template and the preference that holds it.

Essential emails (invitations, email confirmation, password reset, counsellor access
changes) are not here: they go whatever the preferences say and carry no unsubscribe link.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    # Each label completes "You won't get ... any more." on the unsubscribe page. Both
    # reminders are one choice: unsubscribing from either turns reminders off.
    REMINDER = "reminder", _("reminders to check in")
    LAST_CALL = "last_call", _("reminders to check in")
    NUDGE = "nudge", _("nudges from your partner")
    PARTNER_JOINED = "partner_joined", _("emails when your partner joins")
    PARTNER_CHECKED_IN = "partner_checked_in", _("emails when your partner checks in")
    WEEK_READY = "week_ready", _("emails when your week is ready to see")
    UNPAIRED = "unpaired", _("emails when your partner unpairs")


# The email template (``templates/emails/<name>_body.txt`` and ``.html``) of each kind.
TEMPLATE = {
    Kind.REMINDER: "reminder",
    Kind.LAST_CALL: "last_call",
    Kind.NUDGE: "nudge",
    Kind.PARTNER_JOINED: "partner_joined",
    Kind.PARTNER_CHECKED_IN: "partner_checked_in",
    Kind.WEEK_READY: "revealed",
    Kind.UNPAIRED: "unpaired",
}

# The boolean on EmailPreferences that turns each kind off. The two reminders share the
# reminder choice itself (a weekday, or none), so unsubscribing from either turns it off.
SWITCH = {
    Kind.NUDGE: "nudges",
    Kind.PARTNER_JOINED: "partner_joined",
    Kind.PARTNER_CHECKED_IN: "partner_checked_in",
    Kind.WEEK_READY: "week_ready",
    Kind.UNPAIRED: "partner_unpaired",
}
