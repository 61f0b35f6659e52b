from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from allauth.account.signals import email_added
        from django.contrib.auth.signals import user_logged_in

        from accounts import adapter
        from intimacy import session_lifetime

        # Every login (allauth's, a passkey's, the test client's) starts the session clock.
        user_logged_in.connect(session_lifetime.start_on_login, dispatch_uid="session-clock")
        email_added.connect(adapter.tell_about_added_email, dispatch_uid="email-added")
