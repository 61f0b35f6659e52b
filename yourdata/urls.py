from __future__ import annotations

from django.urls import URLPattern, path

from yourdata import erasure_views, export_views

app_name = "yourdata"

urlpatterns: list[URLPattern] = [
    path("accounts/your-data/", export_views.index, name="index"),
    path("accounts/your-data/twoway-export.json", export_views.export_json, name="export_json"),
    path("accounts/your-data/printable/", export_views.export_print, name="export_print"),
    path("accounts/your-data/delete/", erasure_views.erase, name="erase"),
    path("accounts/goodbye/", erasure_views.erased, name="erased"),
]
