from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from accounts import language_views, security_views
from accounts import urls as accounts_urls
from counselling import partner_urls as counselling_partner_urls
from intimacy import views

admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = "Twoway"

# The partners' pages share one namespace, "couple", whichever app serves them.
couple_urls = ([*accounts_urls.urlpatterns, *counselling_partner_urls.urlpatterns], "couple")

urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("safety/", views.safety, name="safety"),
    path("healthz", views.healthz, name="healthz"),
    # The footer's language switch and the settings' choice (Django's set_language, storing
    # the choice of a person signed in): the same URLs serve every language.
    path("i18n/setlang/", language_views.set_language, name="set_language"),
    path("", include(couple_urls)),
    path("", include("checkins.urls")),
    path("", include("counselling.urls")),
    path("", include("notifications.urls")),
    path("", include("yourdata.urls")),
    path("accounts/not-me/<str:token>/", security_views.not_me, name="not_me"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

# Django itself has no 429 hook; allauth looks this name up in the root URLconf when one of
# its rate limits trips (allauth.core.internal.ratelimit.respond_429), and Twoway's own
# rate-limited views return the same page (tests/test_accounts.py checks allauth's path).
handler400 = "intimacy.errors.bad_request"
handler403 = "intimacy.errors.permission_denied"
handler404 = "intimacy.errors.page_not_found"
handler500 = "intimacy.errors.server_error"
handler429 = "intimacy.errors.too_many_requests"
