from django.urls import path

from checkins import views

app_name = "checkins"

urlpatterns = [
    path("checkin/", views.this_week, name="this_week"),
    path("weeks/", views.week_pick, name="week_pick"),
    path("weeks/<str:week>/", views.week_view, name="week"),
    path("trends/", views.trends, name="trends"),
    path("flags/", views.flag_rules, name="flag_rules"),
    path("weeks/<str:week>/checkin/", views.checkin, name="checkin"),
    path("weeks/<str:week>/share/", views.share, name="share"),
    path("weeks/<str:week>/react/", views.react, name="react"),
    path("weeks/<str:week>/checkin/autosave/", views.autosave, name="autosave"),
    path("weeks/<str:week>/skip/", views.skip, name="skip"),
    path("weeks/<str:week>/unskip/", views.unskip, name="unskip"),
    path("history/", views.history, name="history"),
    path("history/earlier/", views.past, name="past"),
    path("questions/", views.questions, name="questions"),
]
