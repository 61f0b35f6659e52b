from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("settings/emails/", views.preferences, name="settings"),
    path("settings/emails/reminder-offer/", views.reminder_offer, name="reminder_offer"),
    path("nudge/<str:week>/", views.nudge, name="nudge"),
    path("emails/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
