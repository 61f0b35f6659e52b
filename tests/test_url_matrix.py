"""Every URL of the app, for every role: who gets the page, who is sent to log in, who 404s.

A new URL pattern fails ``test_every_url_is_in_the_matrix`` until it is added here.
"""

from datetime import timedelta

import pytest
from django.urls import get_resolver, reverse

from accounts.models import Couple, PauseEvent
from accounts.security import not_me_token
from checkins.models import Answer, CheckIn, Reaction, Week
from checkins.selectors import clock_for
from counselling.models import Consent, CounsellorAccess, CounsellorInvite
from notifications.models import WeeklyEmail

pytestmark = pytest.mark.django_db

# "pending": started a couple whose invitation nobody has accepted yet (no partner).
ROLES = ["anonymous", "loner", "outsider", "partner", "counsellor", "pending"]
LOGIN = "login"  # redirected to the login page


def matrix(w):
    """(name, args, method, {role: expected}) for GET pages and their POST actions."""
    week, current, access = w["week"], w["current"], w["access"]
    # A couple's pages: a pending person has a couple but no partner, so the pages that
    # need a partner are 404 for them, the same answer as for someone with no couple.
    page = {
        "anonymous": LOGIN,
        "loner": 404,
        "outsider": 200,
        "partner": 200,
        "counsellor": 404,
        "pending": 404,
    }
    ours = page | {"outsider": 404}
    return [
        # A counsellor without a couple of their own is home on their dashboard.
        ("home", [], "get", dict.fromkeys(ROLES, 200) | {"counsellor": 302}),
        ("healthz", [], "get", dict.fromkeys(ROLES, 200)),
        ("privacy", [], "get", dict.fromkeys(ROLES, 200)),
        ("safety", [], "get", dict.fromkeys(ROLES, 200)),
        # Settings and ending the couple need a couple, not a partner.
        ("couple:settings", [], "get", page | {"pending": 200}),
        ("couple:unpair", [], "get", page | {"pending": 200}),
        ("couple:counsellors", [], "get", page),
        # Each couple downloads its own log (an outsider gets theirs, never ours).
        ("couple:counsellor_log_csv", [], "get", page),
        ("couple:counsellor_consent", [access], "get", ours),
        # Invitation pages are public (the token is the key); people it can't be for get 409.
        (
            "couple:invite",
            [w["invite"]],
            "get",
            # The pending person is the one who sent it: their own invitation.
            dict.fromkeys(ROLES, 200) | {"outsider": 409, "partner": 409, "pending": 409},
        ),
        (
            "counsellor:invite",
            [w["counsellor_invite"]],
            "get",
            # Counsellor invitations work only for the address they were sent to.
            dict.fromkeys(ROLES, 409) | {"anonymous": 200},
        ),
        ("checkins:this_week", [], "get", page | {"outsider": 302, "partner": 302}),
        ("checkins:checkin", [current], "get", page),
        ("checkins:week", [week], "get", ours),
        ("checkins:week_pick", [], "get", page | {"outsider": 404, "partner": 404}),
        # Without a partner there are no weeks together: history sends to one's own past.
        ("checkins:history", [], "get", page | {"loner": 302, "counsellor": 302, "pending": 302}),
        # Only a couple has questions: without a partner there is no such page.
        ("checkins:questions", [], "get", page | {"loner": 404, "counsellor": 404, "pending": 404}),
        ("checkins:past", [], "get", dict.fromkeys(ROLES, 200) | {"anonymous": LOGIN}),
        ("checkins:trends", [], "get", page | {"loner": 200, "counsellor": 200, "pending": 200}),
        ("checkins:flag_rules", [], "get", dict.fromkeys(ROLES, 200) | {"anonymous": LOGIN}),
        ("counsellor:dashboard", [], "get", dict.fromkeys(ROLES, 200) | {"anonymous": LOGIN}),
        (
            "counsellor:mfa_needed",
            [],
            "get",
            dict.fromkeys(ROLES, 200) | {"anonymous": LOGIN, "counsellor": 302},
        ),
        ("counsellor:summary", [access], "get", ours | {"partner": 404, "counsellor": 200}),
        ("counsellor:summary_print", [access], "get", ours | {"partner": 404, "counsellor": 200}),
        # Everyone signed in has their own email settings; unsubscribing needs only the link.
        ("notifications:settings", [], "get", dict.fromkeys(ROLES, 200) | {"anonymous": LOGIN}),
        ("notifications:unsubscribe", [w["unsubscribe"]], "get", dict.fromkeys(ROLES, 200)),
        ("counsellor:status", [access], "get", ours | {"partner": 404, "counsellor": 204}),
        # Everyone signed in has data of their own; each page first asks to confirm it's you
        # (302 to reauthenticate: force_login is no recent password), tests/test_export.py.
        ("yourdata:index", [], "get", dict.fromkeys(ROLES, 302) | {"anonymous": LOGIN}),
        ("yourdata:export_json", [], "get", dict.fromkeys(ROLES, 302) | {"anonymous": LOGIN}),
        ("yourdata:export_print", [], "get", dict.fromkeys(ROLES, 302) | {"anonymous": LOGIN}),
        # "This wasn't me" in a security email: the link is the key, whoever is signed in.
        ("not_me", [not_me_token(w["users"]["partner"])], "get", dict.fromkeys(ROLES, 200)),
        # Everyone signed in may delete their own account; the goodbye page is for anyone.
        ("yourdata:erase", [], "get", dict.fromkeys(ROLES, 200) | {"anonymous": LOGIN}),
        ("yourdata:erased", [], "get", dict.fromkeys(ROLES, 200)),
    ]


def _outcome(response):
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return LOGIN
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_every_page_for_every_role(client, world, role):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    failures = []
    for name, args, method, expected in matrix(world):
        response = getattr(client, method)(reverse(name, args=args))
        if _outcome(response) != expected[role]:
            failures.append(f"{name}: expected {expected[role]}, got {_outcome(response)}")
    assert not failures, "\n".join(failures)


# State-changing URLs: POST only; for everyone but the owning partner they change nothing.
ACTIONS = [
    ("couple:start", []),
    ("couple:invite_new", []),
    ("couple:invite_revoke", []),
    ("couple:invite_send", []),
    ("couple:settings_choices", []),
    ("couple:counsellor_invite", []),
    ("couple:counsellor_revoke", ["access"]),
    ("couple:counsellor_remove", ["access"]),
    ("couple:invite_accept", ["invite"]),
    ("counsellor:invite_accept", ["counsellor_invite"]),
    ("couple:pause", []),
    ("couple:resume", []),
    ("checkins:autosave", ["current"]),
    ("checkins:skip", ["current"]),
    ("checkins:unskip", ["current"]),
    ("checkins:share", ["week"]),
    ("checkins:react", ["week"]),
    ("notifications:nudge", ["current"]),
    ("notifications:reminder_offer", []),
]


@pytest.mark.parametrize(("name", "args"), ACTIONS)
def test_actions_refuse_get(client, world, name, args):
    client.force_login(world["users"]["partner"])
    assert client.get(reverse(name, args=[world[a] for a in args])).status_code == 405


@pytest.mark.parametrize(("name", "args"), ACTIONS)
def test_actions_send_anonymous_people_to_log_in(client, world, name, args):
    response = client.post(reverse(name, args=[world[a] for a in args]))
    assert _outcome(response) == LOGIN


@pytest.mark.parametrize("role", ["outsider", "counsellor"])
def test_others_cannot_touch_our_counsellor_or_answers(client, world, role, couple):
    client.force_login(world["users"][role])
    for name in ("couple:counsellor_revoke", "couple:counsellor_remove"):
        assert client.post(reverse(name, args=[world["access"]])).status_code == 404
    client.post(
        reverse("checkins:share", args=[world["week"]]), {"dimension": "emotional", "share": "on"}
    )
    week = Week.objects.get(couple=couple, starts_on=world["week"])
    assert not week.checkins.filter(answers__share_with_counsellor=True).exists()


# The actions only a paired partner may take, with the arguments they are posted with.
PAIRED_ONLY_ACTIONS = [
    ("couple:counsellor_invite", [], {"email": "someone@example.com"}),
    ("couple:counsellor_revoke", ["access"], {}),
    ("couple:counsellor_remove", ["access"], {}),
    ("couple:pause", [], {}),
    ("couple:resume", [], {}),
    ("checkins:autosave", ["current"], {"appreciation": "«pending-autosave»"}),
    ("checkins:skip", ["current"], {}),
    ("checkins:unskip", ["current"], {}),
    ("checkins:share", ["week"], {"dimension": "emotional", "share": "on"}),
    ("checkins:react", ["week"], {"part": "reflection:emotional", "kind": "thanks"}),
    ("notifications:nudge", ["current"], {}),
]


def _everything_an_action_could_change():
    return (
        list(CheckIn.objects.order_by("pk").values()),
        list(Answer.objects.order_by("pk").values_list("pk", "share_with_counsellor")),
        list(CounsellorInvite.objects.values_list("pk", flat=True)),
        list(Consent.objects.values_list("pk", flat=True)),
        list(CounsellorAccess.objects.values_list("pk", "removed_at")),
        list(Reaction.objects.order_by("pk").values()),
        list(WeeklyEmail.objects.values_list("pk", flat=True)),
        list(PauseEvent.objects.values_list("pk", flat=True)),
        list(Couple.objects.order_by("pk").values_list("pk", "paused_at")),
    )


@pytest.mark.parametrize(("name", "args", "data"), PAIRED_ONLY_ACTIONS)
def test_a_person_without_a_partner_yet_gets_404_on_paired_only_actions(
    client, world, name, args, data
):
    """Catches a paired-only view that forgets ``paired=True`` (a pending person's couple
    has one seat: there is no partner to check in with, share with or counsel)."""
    client.force_login(world["users"]["pending"])
    before = _everything_an_action_could_change()
    response = client.post(reverse(name, args=[world[a] for a in args]), data)
    assert response.status_code == 404
    assert _everything_an_action_could_change() == before


def test_every_url_is_in_the_matrix(world):
    covered = {name for name, *_ in matrix(world)} | {name for name, _ in ACTIONS}
    ours = set()
    for namespace in ("couple", "checkins", "counsellor", "notifications", "yourdata"):
        resolver = get_resolver().namespace_dict[namespace][1]
        ours |= {f"{namespace}:{n}" for n in resolver.reverse_dict if isinstance(n, str)}
    assert ours - covered == set()


def test_old_weeks_stay_closed_for_everyone(client, world, couple, partner_a):
    client.force_login(partner_a)
    old = (clock_for(couple).current - timedelta(weeks=2)).isoformat()
    assert (
        client.post(reverse("checkins:checkin", args=[old]), {"action": "save"}).status_code == 409
    )


# Reacting to the partner's answer in our revealed week: only the partner gets through (and is
# sent back to the week); everyone else gets the login page or a 404 and changes nothing.
REACT_OUTCOME = {
    "anonymous": LOGIN,
    "loner": 404,
    "outsider": 404,
    "partner": 302,
    "counsellor": 404,
    "pending": 404,
}


@pytest.mark.parametrize("role", ROLES)
def test_reacting_for_every_role(client, world, role):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    response = client.post(
        reverse("checkins:react", args=[world["week"]]),
        {"part": "reflection:emotional", "kind": "thanks"},
    )
    assert _outcome(response) == REACT_OUTCOME[role]
    assert Reaction.objects.exists() == (role == "partner")


# Pausing our couple: only its partner gets through; everyone else changes nothing of ours.
PAUSE_OUTCOME = REACT_OUTCOME | {"outsider": 302}


@pytest.mark.parametrize("role", ROLES)
def test_pausing_for_every_role(client, world, role, couple):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    response = client.post(reverse("couple:pause"))
    assert _outcome(response) == PAUSE_OUTCOME[role]
    couple.refresh_from_db()
    assert couple.is_paused == (role == "partner")
    # Resuming lifts only one's own pause (the outsider's own couple, never ours).
    response = client.post(reverse("couple:resume"))
    assert _outcome(response) == PAUSE_OUTCOME[role]
    couple.refresh_from_db()
    assert not couple.is_paused
