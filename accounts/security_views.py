"""The page behind "this wasn't me" in every security email (accounts.security)."""

from __future__ import annotations

from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts import security
from accounts.http import HtmxHttpRequest


@require_http_methods(["GET", "HEAD", "POST"])
def not_me(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """GET explains and offers one button; POST logs out everywhere and goes on to choosing
    a new password. The link is the key (anyone holding it can do this, once)."""
    claim = security.read_not_me_token(token)
    if claim is None:
        return render(request, "account/not_me.html", {"claim": None, "token": token}, status=410)
    if request.method == "POST":
        choose_password = security.account_secure(claim=claim)
        if request.user.is_authenticated:
            logout(request)
        return redirect(choose_password)
    return render(request, "account/not_me.html", {"claim": claim, "token": token})
