"""The fixed vocabulary of a check-in: dimensions, the closeness scale, warning signs.

Grounded in the seed text on intimacy (``shared/seed/intimacy.txt``). Pure data:
importing this module needs no configured settings.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Dimension(models.TextChoices):
    """The parts of a check-in, by the friendly names used everywhere a couple reads them."""

    EMOTIONAL = "emotional", _("Feeling close")
    EXPERIENTIAL = "experiential", _("Doing things together")
    INTELLECTUAL = "intellectual", _("Sharing ideas")
    PHYSICAL = "physical", _("Affection")


# The names the seed text and counsellors use, shown as a subtitle under the friendly name.
TECHNICAL_NAMES = {
    Dimension.EMOTIONAL: _("Emotional intimacy"),
    Dimension.EXPERIENTIAL: _("Experiential intimacy"),
    Dimension.INTELLECTUAL: _("Intellectual intimacy"),
    Dimension.PHYSICAL: _("Physical intimacy"),
}


CORE_DIMENSIONS: tuple[Dimension, ...] = (
    Dimension.EMOTIONAL,
    Dimension.EXPERIENTIAL,
    Dimension.INTELLECTUAL,
)


class Closeness(models.IntegerChoices):
    """The 1 to 5 closeness rating, with words on every step."""

    FAR_APART = 1, _("Far apart")
    A_BIT_DISTANT = 2, _("A bit distant")
    OKAY = 3, _("Okay")
    CLOSE = 4, _("Close")
    VERY_CLOSE = 5, _("Very close")


class WarningSign(models.TextChoices):
    """The signs from the seed text that a kind of intimacy may be lacking."""

    DISTANT = "distant", _("Feeling distant from each other")
    NOT_LISTENED = "not_listened", _("Not feeling listened to")
    NO_HELP = "no_help", _("Not asking each other for help or support")
    NOT_TALKING = "not_talking", _("Not talking about our lives")
    ONLY_ONE_SHARES = "only_one_shares", _("Feeling like the only one who shares")


class FollowThrough(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NOT_YET = "not_yet", _("Not yet")
