"""The counsellor's pages (namespace ``counsellor``)."""

from django.urls import path

from counselling import counsellor_views as views

app_name = "counsellor"

urlpatterns = [
    path("counsellor/", views.dashboard, name="dashboard"),
    path("counsellor/two-factor/", views.mfa_needed, name="mfa_needed"),
    path("counsellor/couples/<int:access_id>/", views.summary, name="summary"),
    path("counsellor/couples/<int:access_id>/print/", views.summary_print, name="summary_print"),
    path("counsellor/couples/<int:access_id>/status/", views.summary_status, name="status"),
    path("counsellor/invite/<str:token>/", views.accept_page, name="invite"),
    path("counsellor/invite/<str:token>/accept/", views.accept, name="invite_accept"),
]
