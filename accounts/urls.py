from django.urls import path

from accounts import views

# Mounted in the "couple" namespace, with the partners' counselling pages, by intimacy.urls.

urlpatterns = [
    path("couple/start/", views.start, name="start"),
    path("couple/invite/new/", views.invite_new, name="invite_new"),
    path("couple/invite/revoke/", views.invite_revoke, name="invite_revoke"),
    path("couple/invite/send/", views.invite_send, name="invite_send"),
    path("couple/settings/", views.settings_view, name="settings"),
    path("couple/settings/just-for-you/", views.settings_choices, name="settings_choices"),
    path("couple/pause/", views.pause, name="pause"),
    path("couple/resume/", views.resume, name="resume"),
    path("couple/unpair/", views.unpair, name="unpair"),
    path("invite/<str:token>/", views.invite, name="invite"),
    path("invite/<str:token>/accept/", views.invite_accept, name="invite_accept"),
]
