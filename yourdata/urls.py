from __future__ import annotations

from django.urls import URLPattern, path

from yourdata import erasure_views

app_name = "yourdata"

urlpatterns: list[URLPattern] = [
    path("account/delete/", erasure_views.erase, name="erase"),
    path("account/deleted/", erasure_views.erased, name="erased"),
]
