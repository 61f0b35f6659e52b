from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


class CheckinsConfig(AppConfig):
    name = "checkins"
    verbose_name = _("Check-ins")

    def ready(self) -> None:
        # A bad TWOWAY_FLAGS value stops the app at start, naming the key.
        from checkins.comparison import thresholds

        try:
            thresholds()
        except ValueError as error:
            raise ImproperlyConfigured(str(error)) from None
