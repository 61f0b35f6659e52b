from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from intimacy import views

admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = "Twoway"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("", include("accounts.urls")),
    path("", include("checkins.urls")),
    path("", include("checkins.counsellor_urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "intimacy.views.bad_request"
handler403 = "intimacy.views.permission_denied"
handler404 = "intimacy.views.page_not_found"
handler500 = "intimacy.views.server_error"
handler429 = "intimacy.views.too_many_requests"
