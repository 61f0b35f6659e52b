import time, pytest
from django.urls import reverse
from tests.checkin_helpers import history

def best(client, url, n=20):
    b = 1e9
    for _ in range(n):
        t = time.process_time(); client.get(url); b = min(b, time.process_time() - t)
    return round(b * 1000, 1)

@pytest.mark.django_db
def test_prof(client, partner_a, couple):
    history(couple, 12)
    client.force_login(partner_a)
    url = reverse("checkins:trends")
    client.get(url)
    print("\nTRENDS", best(client, url))
