"""The emails a person can turn off, each with its template and the preference that holds it.

Essential emails (invitations, email confirmation, password reset, counsellor access
changes) are not here: they go whatever the preferences say and carry no unsubscribe link.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    REMINDER = "reminder", _("your weekly reminder")
    LAST_CALL = "last_call", _("the last call before a week closes")
    NUDGE = "nudge", _("nudges from your partner")
    PARTNER_JOINED = "partner_joined", _("when your partner joins")
    PARTNER_CHECKED_IN = "partner_checked_in", _("when your partner checks in")
    WEEK_READY = "week_ready", _("when your week is ready to see")
    UNPAIRED = "unpaired", _("when your partner unpairs")


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

# Kinds sent at most once per person and week: the reminders and the nudge.
WEEKLY = (Kind.REMINDER, Kind.LAST_CALL, Kind.NUDGE)
