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

handler400 = "intimacy.errors.bad_request"
handler403 = "intimacy.errors.permission_denied"
handler404 = "intimacy.errors.page_not_found"
handler500 = "intimacy.errors.server_error"
handler429 = "intimacy.errors.too_many_requests"
