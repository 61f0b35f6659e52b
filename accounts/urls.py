from django.urls import path

from accounts import counsellor_views, views

app_name = "couple"

urlpatterns = [
    path("couple/start/", views.start, name="start"),
    path("couple/invite/new/", views.invite_new, name="invite_new"),
    path("couple/invite/revoke/", views.invite_revoke, name="invite_revoke"),
    path("couple/invite/send/", views.invite_send, name="invite_send"),
    path("couple/settings/", views.settings_view, name="settings"),
    path("couple/unpair/", views.unpair, name="unpair"),
    path("couple/counsellors/", counsellor_views.counsellors, name="counsellors"),
    path("couple/counsellors/invite/", counsellor_views.invite, name="counsellor_invite"),
    path(
        "couple/counsellors/<int:access_id>/consent/",
        counsellor_views.consent,
        name="counsellor_consent",
    ),
    path(
        "couple/counsellors/<int:access_id>/revoke/",
        counsellor_views.revoke,
        name="counsellor_revoke",
    ),
    path(
        "couple/counsellors/<int:access_id>/remove/",
        counsellor_views.remove,
        name="counsellor_remove",
    ),
    path("invite/<str:token>/", views.invite, name="invite"),
    path("invite/<str:token>/accept/", views.invite_accept, name="invite_accept"),
]
