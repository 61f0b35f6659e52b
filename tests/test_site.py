"""The home page, the health check, headers and the styled error pages."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_welcomes_a_visitor_with_a_sign_up_button(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Five quiet minutes a week" in html
    assert f'href="{reverse("account_signup")}"' in html


def test_it_shows_a_signed_in_person_without_a_partner_the_next_step(client, user):
    client.force_login(user)
    html = client.get("/").content.decode()
    assert "Welcome, Alex" in html
    assert "invite your partner" in html.lower()


def test_home_refuses_post(client):
    assert client.post("/").status_code == 405


def test_healthz_answers_json(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response.headers["Cache-Control"]


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/accounts/signup/", "/nowhere/"])
def test_every_page_carries_the_security_headers(client, url):
    response = client.get(url)
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_the_htmx_script_carries_the_csp_nonce(client):
    response = client.get("/accounts/login/")
    nonce = response.headers["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode()
    assert "/static/django_htmx/htmx-2" in response.content.decode()


def test_the_csrf_header_for_htmx_is_set_once_on_body(client, user):
    client.force_login(user)
    html = client.get("/").content.decode()
    assert html.count('hx-headers=\'{"X-CSRFToken":') == 1


def test_htmx_keeps_no_history_snapshots_and_injects_no_styles(client):
    html = client.get("/").content.decode()
    assert '"historyCacheSize": 0' in html
    assert '"includeIndicatorStyles": false' in html
    assert '"allowEval": false' in html


def test_an_unknown_page_gets_the_styled_404(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "find that page" in response.content.decode()


def test_a_missing_csrf_token_gets_a_clear_page(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"login": "a@b.org"})
    assert response.status_code == 403
    assert "Your form expired" in response.content.decode()


def test_signed_in_pages_are_never_cached(client, user):
    client.force_login(user)
    response = client.get("/")
    assert "no-store" in response.headers["Cache-Control"]
    assert "private" in response.headers["Cache-Control"]
    assert "Cookie" in response.headers["Vary"]


def test_public_pages_stay_cacheable(client):
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")
