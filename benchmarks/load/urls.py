"""The project's URLs plus ``/bench/floor/``: the cheapest page a logged-in person can get,
behind the same middleware, so each page's speed can be given as a share of it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import path

from intimacy import urls as project_urls
from intimacy.urls import (  # noqa: F401  (the project's error handlers, unchanged)
    handler400,
    handler403,
    handler404,
    handler429,
    handler500,
)


@login_required
def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/floor/", floor, name="bench_floor"), *project_urls.urlpatterns]
