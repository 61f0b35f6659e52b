"""The "Your data" page and the two downloads of everything that is yours.

Both downloads ask you to confirm it's you (allauth's ``reauthentication_required``), are
made when asked and streamed (``yourdata.export_stream``), and are never cached
(``Cache-Control: private, no-store``). GET only: making an export changes nothing, and a
HEAD would do the work for nothing.
"""

from __future__ import annotations

from allauth.account.decorators import reauthentication_required
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_GET

from accounts.http import AuthenticatedHttpRequest
from accounts.scoping import couple_for
from yourdata import export, export_stream


def _private(response: HttpResponse | StreamingHttpResponse) -> None:
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"


@login_required
@require_GET
@reauthentication_required  # type: ignore[untyped-decorator]  # allauth
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What the export holds, in plain words, and the two downloads. Asking to confirm it's
    you here, first, means the downloads then start straight away."""
    response = render(
        request,
        "yourdata/index.html",
        {"ctx": couple_for(request.user), "version": export.VERSION},
    )
    _private(response)
    return response


@login_required
@require_GET
@reauthentication_required  # type: ignore[untyped-decorator]  # allauth
def export_json(request: AuthenticatedHttpRequest) -> StreamingHttpResponse:
    data = export.export_for(request.user)
    response = StreamingHttpResponse(
        export_stream.json_chunks(data, translation.get_language()),
        content_type="application/json; charset=utf-8",
    )
    name = f"twoway-export-{data.today.isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    _private(response)
    return response


@login_required
@require_GET
@reauthentication_required  # type: ignore[untyped-decorator]  # allauth
def export_print(request: AuthenticatedHttpRequest) -> StreamingHttpResponse:
    data = export.export_for(request.user)
    response = StreamingHttpResponse(
        export_stream.html_chunks(data, translation.get_language()),
        content_type="text/html; charset=utf-8",
    )
    _private(response)
    return response
