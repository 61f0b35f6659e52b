from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class YourdataConfig(AppConfig):
    name = "yourdata"
    verbose_name = _("Your data")
