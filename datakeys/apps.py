from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DatakeysConfig(AppConfig):
    name = "datakeys"
    verbose_name = _("Data keys")
