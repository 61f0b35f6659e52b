"""A consent withdrawal racing a counsellor's page view: the view is either refused or
logged, never shown without a log entry."""

import pytest
from django.test import Client
from django.urls import reverse

from counselling import services as counselling_services
from counselling.models import AccessLogEntry
from counselling.state import consent_state
from tests.checkin_helpers import history
from tests.concurrency import at_once
from tests.counselling_helpers import connect

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("attempt", range(5))
def test_revocation_racing_a_view_never_leaves_an_unlogged_view(
    couple, counsellor, partner_a, partner_b, attempt
):
    history(couple, 2)
    access = connect(couple, counsellor, partner_a, partner_b)
    viewer = Client()
    viewer.force_login(counsellor)
    url = reverse("counsellor:summary", args=[access.pk])

    response, _ = at_once(
        lambda: viewer.get(url),
        lambda: counselling_services.consent_revoke(access=access, partner=partner_b),
    )

    logged = AccessLogEntry.objects.filter(access=access, page="summary").count()
    assert response.status_code in {200, 403}, response
    assert logged == (1 if response.status_code == 200 else 0)
    assert not consent_state(access).active
    assert viewer.get(url).status_code == 403  # and the next request shows nothing
