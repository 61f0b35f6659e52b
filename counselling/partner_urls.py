"""The partners' counselling pages. They keep their names in the ``couple`` namespace they
have always had (``couple:counsellors``, ...), so ``intimacy.urls`` mounts them together with
``accounts.urls``: no bookmark or emailed link changed when counselling got its own app."""

from django.urls import path

from counselling import partner_views as views

urlpatterns = [
    path("couple/counsellors/", views.counsellors, name="counsellors"),
    path("couple/counsellors/log.csv", views.log_csv, name="counsellor_log_csv"),
    path("couple/counsellors/invite/", views.invite, name="counsellor_invite"),
    path("couple/counsellors/<int:access_id>/consent/", views.consent, name="counsellor_consent"),
    path("couple/counsellors/<int:access_id>/revoke/", views.revoke, name="counsellor_revoke"),
    path("couple/counsellors/<int:access_id>/remove/", views.remove, name="counsellor_remove"),
]
