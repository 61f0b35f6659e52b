from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CounsellingConfig(AppConfig):
    name = "counselling"
    verbose_name = _("Counselling")

    def ready(self) -> None:
        from accounts.signals import couple_closed
        from checkins import sharing
        from counselling import receivers, selectors

        couple_closed.connect(receivers.end_access_when_couple_closes, dispatch_uid="counselling")
        sharing.register(selectors.has_active_counsellor)
