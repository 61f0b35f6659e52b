"""Every URL of the app, for every role: who gets the page, who is sent to log in, who 404s.

A new URL pattern fails ``test_every_url_is_in_the_matrix`` until it is added here.
"""

import re
from contextlib import ExitStack
from datetime import timedelta
from http.cookies import SimpleCookie

import pytest
from django.core.cache import cache
from django.db import connections, transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import Couple, PauseEvent
from checkins.models import Answer, CheckIn, Reaction, Week
from checkins.selectors import clock_for
from counselling.models import Consent, CounsellorAccess, CounsellorInvite
from notifications.models import WeeklyEmail
from tests import url_matrix_roles as roles
from tests.db_helpers import rolled_back

pytestmark = pytest.mark.django_db

# "pending": started a couple whose invitation nobody has accepted yet (no partner).
ROLES = ["anonymous", "loner", "outsider", "partner", "counsellor", "pending"]
LOGIN = "login"  # redirected to the login page


def _outcome(response):
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return LOGIN
    return response.status_code


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


# ---------------------------------------------------------------------------------------------
# The full matrix: every URL pattern of Twoway's apps and of allauth, GET and POST, as each of
# twelve roles (tests/url_matrix_roles.py), each answer asserted (status, and where it goes
# when it redirects), and no response to anyone carrying a sentinel they may not see. The
# couple's data is built once for the module; each request runs in a savepoint rolled back
# after it, so a POST that succeeds changes nothing the next request sees.
#
# What it would catch: a view that forgets its scoping helper (a stranger's 200, or a
# sentinel in their page); a counsellor page that skips the consent check (c_one, c_withdrawn,
# c_expired see a sentinel) or the MFA check (c_nomfa); a week page that shows the partner's
# words before both submitted (b sees a's week-2 sentinels), or the private note to the
# partner or a counsellor; a new URL, or a new text field, nobody thought about (no row; no
# classification in NOT_PERSONAL/PLANTED); a state change on GET (a 302 where 405 is due).
# ---------------------------------------------------------------------------------------------

# URL arguments by pattern name (placeholders are World.values; "{access}" is the role's own
# access to our couple, or our counsellor's for everyone else).
URL_ARGS = {
    "couple:invite": {"token": "{invite}"},
    "couple:invite_accept": {"token": "{invite}"},
    "couple:counsellor_consent": {"access_id": "{access}"},
    "couple:counsellor_revoke": {"access_id": "{access}"},
    "couple:counsellor_remove": {"access_id": "{access}"},
    "checkins:week": {"week": "{week}"},
    "checkins:checkin": {"week": "{current}"},
    "checkins:share": {"week": "{week}"},
    "checkins:react": {"week": "{week}"},
    "checkins:autosave": {"week": "{current}"},
    "checkins:skip": {"week": "{current}"},
    "checkins:unskip": {"week": "{current}"},
    "counsellor:summary": {"access_id": "{access}"},
    "counsellor:summary_print": {"access_id": "{access}"},
    "counsellor:status": {"access_id": "{access}"},
    "counsellor:invite": {"token": "{counsellor_invite}"},
    "counsellor:invite_accept": {"token": "{counsellor_invite}"},
    "notifications:nudge": {"week": "{current}"},
    "notifications:unsubscribe": {"token": "{unsubscribe}"},
    "not_me": {"token": "{not_me}"},
    "account_confirm_email": {"key": "not-a-real-key"},
    "account_reset_password_from_key": {"uidb36": "0", "key": "not-a-real-key"},
    "mfa_remove_webauthn": {"pk": "999999"},
    "mfa_edit_webauthn": {"pk": "999999"},
}


def url_patterns():
    """(qualified name, URL pattern text) for every named pattern outside the admin."""
    found = []

    def walk(resolver, prefix, namespace):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                ns = ":".join(filter(None, [namespace, p.namespace]))
                if ns == "admin":
                    continue  # Django's own; staff only, and secure_admin_login guards it
                walk(p, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern):
                assert p.name, f"an unnamed URL pattern: {prefix}{p.pattern}"
                found.append((":".join(filter(None, [namespace, p.name])), prefix + str(p.pattern)))

    walk(get_resolver(), "", "")
    return found


@pytest.fixture(scope="module")
def everyone(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), ExitStack() as stack:
        for alias in connections:
            stack.enter_context(transaction.atomic(using=alias))
        cache.clear()
        try:
            yield roles.build()
        finally:
            for alias in connections:
                transaction.set_rollback(True, using=alias)


def _url(world, role, name):
    values = dict(world.values)
    if role in world.access and role != "c_other":
        values["access"] = str(world.access[role])
    kwargs = {k: v.format(**values) for k, v in URL_ARGS.get(name, {}).items()}
    return reverse(name, kwargs=kwargs)


def _symbolic(location, world, role):
    """A redirect target with the world's values put back as placeholders."""
    if "/accounts/login/" in location:
        return LOGIN
    path = location.split("?", 1)[0]
    # "This wasn't me" goes on to a password reset with a fresh key.
    path = re.sub(r"^/accounts/password/reset/key/[^/]+/$", "{reset-key}", path)
    values = dict(world.values)
    if role in world.access:
        values["access"] = str(world.access[role])
    for key, value in sorted(values.items(), key=lambda kv: -len(kv[1])):
        path = path.replace(f"/{value}/", "/{" + key + "}/")
    return path


# Pages opened with other arguments too, GET only: the one-sided week 2 (A submitted, B has a
# draft) and the closed check-ins of weeks 1 and 2.
EXTRA_GETS = [
    ("checkins:week", {"week": "{week2}"}),
    ("checkins:checkin", {"week": "{week}"}),
    ("checkins:checkin", {"week": "{week2}"}),
]


def _requests(world, role):
    for name, _pattern in url_patterns():
        for method in ("get", "post"):
            yield f"{name} {method}", method, _url(world, role, name)
    values = dict(world.values)
    for name, kwargs in EXTRA_GETS:
        args = {k: v.format(**values) for k, v in kwargs.items()}
        tag = ",".join(kwargs.values()).strip("{}")
        yield f"{name}@{tag} get", "get", reverse(name, kwargs=args)


def _walk(client, world, role):
    """{(name, method): outcome} and {(name, method): body} for one role."""
    outcomes, bodies = {}, {}
    user = world.users[role]
    if user is not None:
        client.force_login(user)
        # Once, kept: the session's "last seen" mark, which every request would otherwise
        # write again (and roll back) as the savepoints undo it.
        client.get(reverse("healthz"))
    cookies = SimpleCookie(client.cookies.output(header="", sep="\n"))
    for key, method, url in _requests(world, role):
        cache.clear()  # rate limits: every request counts from zero
        with rolled_back():
            response = getattr(client, method)(url)
        client.cookies = SimpleCookie(cookies.output(header="", sep="\n"))
        if 300 <= response.status_code < 400:
            outcome = f"{response.status_code} {_symbolic(response['Location'], world, role)}"
        else:
            outcome = str(response.status_code)
        outcomes[key] = outcome
        body = b"".join(response.streaming_content) if response.streaming else response.content
        bodies[key] = body.decode("utf-8", "replace")
    return outcomes, bodies


# Every answer, by "name method": "*" for every role not listed. "302 login" is the login page;
# other redirects give their path with the world's values as placeholders. Reviewed by hand:
# counsellors without both consents get 403 on their own access's pages (they know it exists)
# and 404 on anyone else's; one without a second factor is sent to set one up; a partner of
# another couple opens /weeks/<our week>/ as their own couple's week (the date is theirs too).
EXPECTED = {
    "home get": {
        "*": "200",
        "c_both": "302 /counsellor/",
        "c_one": "302 /counsellor/",
        "c_withdrawn": "302 /counsellor/",
        "c_expired": "302 /counsellor/",
        "c_nomfa": "302 /counsellor/",
        "c_other": "302 /counsellor/",
    },
    "home post": {"*": "405"},
    "privacy get": {"*": "200"},
    "privacy post": {"*": "405"},
    "safety get": {"*": "200"},
    "safety post": {"*": "405"},
    "set_language get": {"*": "405"},
    "set_language post": {"*": "302 /"},
    "healthz get": {"*": "200"},
    "healthz post": {"*": "405"},
    "couple:start get": {"*": "405", "anonymous": "302 login"},
    "couple:start post": {"*": "302 /", "anonymous": "302 login"},
    "couple:invite_new get": {"*": "405", "anonymous": "302 login"},
    "couple:invite_new post": {
        "*": "404",
        "anonymous": "302 login",
        "pending": "302 /",
        "a": "302 /",
        "b": "302 /",
        "other": "302 /",
    },
    "couple:invite_revoke get": {"*": "405", "anonymous": "302 login"},
    "couple:invite_revoke post": {
        "*": "404",
        "anonymous": "302 login",
        "pending": "302 /",
        "a": "302 /",
        "b": "302 /",
        "other": "302 /",
    },
    "couple:invite_send get": {"*": "405", "anonymous": "302 login"},
    "couple:invite_send post": {
        "*": "404",
        "anonymous": "302 login",
        "pending": "200",
        "a": "302 /",
        "b": "302 /",
        "other": "302 /",
    },
    "couple:settings get": {
        "*": "404",
        "anonymous": "302 login",
        "pending": "200",
        "a": "200",
        "b": "200",
        "other": "200",
    },
    "couple:settings post": {
        "*": "404",
        "anonymous": "302 login",
        "pending": "200",
        "a": "200",
        "b": "200",
        "other": "200",
    },
    "couple:settings_choices get": {"*": "405", "anonymous": "302 login"},
    "couple:settings_choices post": {
        "*": "404",
        "anonymous": "302 login",
        "pending": "302 /couple/settings/",
        "a": "302 /couple/settings/",
        "b": "302 /couple/settings/",
        "other": "302 /couple/settings/",
    },
    "couple:pause get": {"*": "405", "anonymous": "302 login"},
    "couple:pause post": {
        "*": "404",
        "anonymous": "302 login",
        "a": "302 /couple/settings/",
        "b": "302 /couple/settings/",
        "other": "302 /couple/settings/",
    },
    "couple:resume get": {"*": "405", "anonymous": "302 login"},
    "couple:resume post": {"*": "404", "anonymous": "302 login"},
    "couple:unpair get": {
        "*": "404",
        "anonymous": "302 login",
        "pending": "200",
        "a": "200",
        "b": "200",
        "other": "200",
    },
    "couple:unpair post": {
        "*": "404",
        "anonymous": "302 login",
        "pending": "200",
        "a": "200",
        "b": "200",
        "other": "200",
    },
    "couple:invite get": {"*": "200", "pending": "409", "a": "409", "b": "409", "other": "409"},
    "couple:invite post": {"*": "405"},
    "couple:invite_accept get": {"*": "405", "anonymous": "302 login"},
    "couple:invite_accept post": {
        "*": "302 /",
        "anonymous": "302 login",
        "pending": "409",
        "a": "409",
        "b": "409",
        "other": "409",
    },
    "couple:counsellors get": {
        "*": "404",
        "anonymous": "302 login",
        "a": "200",
        "b": "200",
        "other": "200",
    },
    "couple:counsellors post": {"*": "405", "anonymous": "302 login"},
    "couple:counsellor_log_csv get": {
        "*": "404",
        "anonymous": "302 login",
        "a": "200",
        "b": "200",
        "other": "200",
    },
    "couple:counsellor_log_csv post": {"*": "405", "anonymous": "302 login"},
    "couple:counsellor_invite get": {"*": "405", "anonymous": "302 login"},
    "couple:counsellor_invite post": {
        "*": "404",
        "anonymous": "302 login",
        "a": "422",
        "b": "422",
        "other": "422",
    },
    "couple:counsellor_consent get": {"*": "404", "anonymous": "302 login", "a": "200", "b": "200"},
    "couple:counsellor_consent post": {
        "*": "302 /accounts/reauthenticate/",
        "anonymous": "302 login",
    },
    "couple:counsellor_revoke get": {"*": "405", "anonymous": "302 login"},
    "couple:counsellor_revoke post": {
        "*": "404",
        "anonymous": "302 login",
        "a": "302 /couple/counsellors/",
        "b": "302 /couple/counsellors/",
    },
    "couple:counsellor_remove get": {"*": "405", "anonymous": "302 login"},
    "couple:counsellor_remove post": {
        "*": "404",
        "anonymous": "302 login",
        "a": "302 /couple/counsellors/",
        "b": "302 /couple/counsellors/",
    },
    "checkins:this_week get": {
        "*": "404",
        "anonymous": "302 login",
        "a": "302 /weeks/{current}/checkin/",
        "b": "302 /weeks/{current}/checkin/",
        "other": "302 /weeks/{current}/checkin/",
    },
    "checkins:this_week post": {"*": "405", "anonymous": "302 login"},
    "checkins:week_pick get": {"*": "404", "anonymous": "302 login"},
    "checkins:week_pick post": {"*": "405", "anonymous": "302 login"},
    "checkins:week get": {
        "*": "404",
        "anonymous": "302 login",
        "a": "200",
        "b": "200",
        "other": "200",
    },
    "checkins:week post": {"*": "405", "anonymous": "302 login"},
    "checkins:trends get": {"*": "200", "anonymous": "302 login"},
    "checkins:trends post": {"*": "405", "anonymous": "302 login"},
    "checkins:flag_rules get": {"*": "200", "anonymous": "302 login"},
    "checkins:flag_rules post": {"*": "405", "anonymous": "302 login"},
    "checkins:checkin get": {
        "*": "404",
        "anonymous": "302 login",
        "a": "200",
        "b": "200",
        "other": "200",
    },
    "checkins:checkin post": {
        "*": "404",
        "anonymous": "302 login",
        "a": "302 /weeks/{current}/checkin/",
        "b": "302 /weeks/{current}/checkin/",
        "other": "302 /weeks/{current}/checkin/",
    },
    "checkins:share get": {"*": "405", "anonymous": "302 login"},
    "checkins:share post": {"*": "404", "anonymous": "302 login"},
    "checkins:react get": {"*": "405", "anonymous": "302 login"},
    "checkins:react post": {"*": "404", "anonymous": "302 login"},
    "checkins:autosave get": {"*": "405", "anonymous": "302 login"},
    "checkins:autosave post": {
        "*": "404",
        "anonymous": "302 login",
        "a": "200",
        "b": "200",
        "other": "200",
    },
    "checkins:skip get": {"*": "405", "anonymous": "302 login"},
    "checkins:skip post": {
        "*": "404",
        "anonymous": "302 login",
        "a": "302 /",
        "b": "302 /",
        "other": "302 /",
    },
    "checkins:unskip get": {"*": "405", "anonymous": "302 login"},
    "checkins:unskip post": {
        "*": "404",
        "anonymous": "302 login",
        "a": "302 /weeks/{current}/checkin/",
        "b": "302 /weeks/{current}/checkin/",
        "other": "302 /weeks/{current}/checkin/",
    },
    "checkins:history get": {
        "*": "302 /history/earlier/",
        "anonymous": "302 login",
        "a": "200",
        "b": "200",
        "other": "200",
    },
    "checkins:history post": {"*": "405", "anonymous": "302 login"},
    "checkins:past get": {"*": "200", "anonymous": "302 login"},
    "checkins:past post": {"*": "405", "anonymous": "302 login"},
    "checkins:questions get": {
        "*": "404",
        "anonymous": "302 login",
        "a": "200",
        "b": "200",
        "other": "200",
    },
    "checkins:questions post": {"*": "405", "anonymous": "302 login"},
    "counsellor:dashboard get": {"*": "200", "anonymous": "302 login"},
    "counsellor:dashboard post": {"*": "405", "anonymous": "302 login"},
    "counsellor:mfa_needed get": {
        "*": "200",
        "anonymous": "302 login",
        "c_both": "302 /counsellor/",
        "c_one": "302 /counsellor/",
        "c_withdrawn": "302 /counsellor/",
        "c_expired": "302 /counsellor/",
        "c_other": "302 /counsellor/",
    },
    "counsellor:mfa_needed post": {"*": "405", "anonymous": "302 login"},
    "counsellor:summary get": {
        "*": "404",
        "anonymous": "302 login",
        "c_both": "200",
        "c_one": "403",
        "c_withdrawn": "403",
        "c_expired": "403",
        "c_nomfa": "302 /counsellor/two-factor/",
    },
    "counsellor:summary post": {"*": "405", "anonymous": "302 login"},
    "counsellor:summary_print get": {
        "*": "404",
        "anonymous": "302 login",
        "c_both": "200",
        "c_one": "403",
        "c_withdrawn": "403",
        "c_expired": "403",
        "c_nomfa": "302 /counsellor/two-factor/",
    },
    "counsellor:summary_print post": {"*": "405", "anonymous": "302 login"},
    "counsellor:status get": {
        "*": "404",
        "anonymous": "302 login",
        "c_both": "204",
        "c_one": "200",
        "c_withdrawn": "200",
        "c_expired": "200",
        "c_nomfa": "204",
    },
    "counsellor:status post": {"*": "405", "anonymous": "302 login"},
    "counsellor:invite get": {"*": "409", "anonymous": "200"},
    "counsellor:invite post": {"*": "405"},
    "counsellor:invite_accept get": {"*": "405", "anonymous": "302 login"},
    "counsellor:invite_accept post": {"*": "409", "anonymous": "302 login"},
    "notifications:settings get": {"*": "200", "anonymous": "302 login"},
    "notifications:settings post": {"*": "422", "anonymous": "302 login"},
    "notifications:reminder_offer get": {"*": "405", "anonymous": "302 login"},
    "notifications:reminder_offer post": {"*": "302 /", "anonymous": "302 login"},
    "notifications:nudge get": {"*": "405", "anonymous": "302 login"},
    "notifications:nudge post": {
        "*": "404",
        "anonymous": "302 login",
        "a": "302 /",
        "b": "302 /",
        "other": "302 /",
    },
    "notifications:unsubscribe get": {"*": "200"},
    "notifications:unsubscribe post": {"*": "200"},
    "yourdata:index get": {"*": "302 /accounts/reauthenticate/", "anonymous": "302 login"},
    "yourdata:index post": {"*": "405", "anonymous": "302 login"},
    "yourdata:export_json get": {"*": "302 /accounts/reauthenticate/", "anonymous": "302 login"},
    "yourdata:export_json post": {"*": "405", "anonymous": "302 login"},
    "yourdata:export_print get": {"*": "302 /accounts/reauthenticate/", "anonymous": "302 login"},
    "yourdata:export_print post": {"*": "405", "anonymous": "302 login"},
    "yourdata:erase get": {"*": "200", "anonymous": "302 login"},
    "yourdata:erase post": {"*": "422", "anonymous": "302 login"},
    "yourdata:erased get": {"*": "200"},
    "yourdata:erased post": {"*": "405"},
    "not_me get": {"*": "200"},
    "not_me post": {"*": "302 {reset-key}"},
    "account_login get": {"*": "302 /", "anonymous": "200"},
    "account_login post": {"*": "302 /", "anonymous": "200"},
    "account_logout get": {"*": "200", "anonymous": "302 /"},
    "account_logout post": {"*": "302 /"},
    "account_inactive get": {"*": "200"},
    "account_inactive post": {"*": "405"},
    "account_signup get": {"*": "302 /", "anonymous": "200"},
    "account_signup post": {"*": "302 /", "anonymous": "200"},
    "account_reauthenticate get": {"*": "200", "anonymous": "302 login"},
    "account_reauthenticate post": {"*": "200", "anonymous": "302 login"},
    "account_email get": {"*": "200", "anonymous": "302 login"},
    "account_email post": {"*": "302 /accounts/email/", "anonymous": "302 login"},
    "account_email_verification_sent get": {"*": "200"},
    "account_email_verification_sent post": {"*": "405"},
    "account_change_password get": {"*": "200", "anonymous": "302 login"},
    "account_change_password post": {"*": "200", "anonymous": "302 login"},
    "account_set_password get": {"*": "302 /accounts/password/change/", "anonymous": "302 login"},
    "account_set_password post": {"*": "302 /accounts/password/change/", "anonymous": "302 login"},
    "account_reset_password get": {"*": "200"},
    "account_reset_password post": {"*": "200"},
    "account_confirm_login_code get": {"*": "302 /", "anonymous": "302 login"},
    "account_confirm_login_code post": {"*": "302 /", "anonymous": "302 login"},
    "account_confirm_email get": {"*": "200"},
    "account_confirm_email post": {"*": "404"},
    "account_reset_password_from_key_done get": {"*": "200"},
    "account_reset_password_from_key_done post": {"*": "405"},
    "account_reset_password_from_key get": {"*": "200"},
    "account_reset_password_from_key post": {"*": "200"},
    "account_reset_password_done get": {"*": "200"},
    "account_reset_password_done post": {"*": "405"},
    "mfa_index get": {"*": "200", "anonymous": "302 login"},
    "mfa_index post": {"*": "405", "anonymous": "302 login"},
    "mfa_authenticate get": {"*": "302 /", "anonymous": "302 login"},
    "mfa_authenticate post": {"*": "302 /", "anonymous": "302 login"},
    "mfa_reauthenticate get": {
        "*": "302 /accounts/reauthenticate/",
        "anonymous": "302 login",
        "c_both": "200",
        "c_one": "200",
        "c_withdrawn": "200",
        "c_expired": "200",
        "c_other": "200",
    },
    "mfa_reauthenticate post": {
        "*": "302 /accounts/reauthenticate/",
        "anonymous": "302 login",
        "c_both": "200",
        "c_one": "200",
        "c_withdrawn": "200",
        "c_expired": "200",
        "c_other": "200",
    },
    "mfa_activate_totp get": {"*": "302 /accounts/reauthenticate/", "anonymous": "302 login"},
    "mfa_activate_totp post": {"*": "302 /accounts/reauthenticate/", "anonymous": "302 login"},
    "mfa_deactivate_totp get": {
        "*": "404",
        "anonymous": "302 login",
        "c_both": "302 /accounts/reauthenticate/",
        "c_one": "302 /accounts/reauthenticate/",
        "c_withdrawn": "302 /accounts/reauthenticate/",
        "c_expired": "302 /accounts/reauthenticate/",
        "c_other": "302 /accounts/reauthenticate/",
    },
    "mfa_deactivate_totp post": {
        "*": "404",
        "anonymous": "302 login",
        "c_both": "302 /accounts/reauthenticate/",
        "c_one": "302 /accounts/reauthenticate/",
        "c_withdrawn": "302 /accounts/reauthenticate/",
        "c_expired": "302 /accounts/reauthenticate/",
        "c_other": "302 /accounts/reauthenticate/",
    },
    "mfa_view_recovery_codes get": {"*": "404", "anonymous": "302 login"},
    "mfa_view_recovery_codes post": {"*": "405", "anonymous": "302 login"},
    "mfa_generate_recovery_codes get": {
        "*": "302 /accounts/reauthenticate/",
        "anonymous": "302 login",
    },
    "mfa_generate_recovery_codes post": {
        "*": "302 /accounts/reauthenticate/",
        "anonymous": "302 login",
    },
    "mfa_download_recovery_codes get": {"*": "404", "anonymous": "302 login"},
    "mfa_download_recovery_codes post": {"*": "404", "anonymous": "302 login"},
    "mfa_list_webauthn get": {"*": "200", "anonymous": "302 login"},
    "mfa_list_webauthn post": {"*": "405", "anonymous": "302 login"},
    "mfa_add_webauthn get": {"*": "302 /accounts/reauthenticate/", "anonymous": "302 login"},
    "mfa_add_webauthn post": {"*": "302 /accounts/reauthenticate/", "anonymous": "302 login"},
    "mfa_reauthenticate_webauthn get": {
        "*": "302 /accounts/reauthenticate/",
        "anonymous": "302 login",
    },
    "mfa_reauthenticate_webauthn post": {
        "*": "302 /accounts/reauthenticate/",
        "anonymous": "302 login",
    },
    "mfa_remove_webauthn get": {"*": "302 /accounts/reauthenticate/", "anonymous": "302 login"},
    "mfa_remove_webauthn post": {"*": "302 /accounts/reauthenticate/", "anonymous": "302 login"},
    "mfa_edit_webauthn get": {"*": "302 /accounts/reauthenticate/", "anonymous": "302 login"},
    "mfa_edit_webauthn post": {"*": "302 /accounts/reauthenticate/", "anonymous": "302 login"},
    "mfa_login_webauthn get": {"*": "302 /", "anonymous": "302 login"},
    "mfa_login_webauthn post": {"*": "302 /", "anonymous": "302 login"},
    "usersessions_list get": {"*": "200", "anonymous": "302 login"},
    "usersessions_list post": {"*": "302 /accounts/sessions/", "anonymous": "302 login"},
    "checkins:week@week2 get": {
        "*": "404",
        "anonymous": "302 login",
        "a": "200",
        "b": "200",
        "other": "200",
    },
    "checkins:checkin@week get": {
        "*": "404",
        "anonymous": "302 login",
        "a": "302 /weeks/{week}/",
        "b": "302 /weeks/{week}/",
        "other": "302 /weeks/{week}/",
    },
    "checkins:checkin@week2 get": {
        "*": "404",
        "anonymous": "302 login",
        "a": "302 /weeks/{week2}/",
        "b": "200",
        "other": "302 /weeks/{week2}/",
    },
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", roles.ROLES)
def test_every_url_as_every_role(client, everyone, role):
    client.raise_request_exception = False  # a 500 is an answer to report, with the others
    outcomes, bodies = _walk(client, everyone, role)
    wrong = [
        f"{key}: expected {EXPECTED[key].get(role, EXPECTED[key]['*'])}, got {got}"
        for key, got in outcomes.items()
        if key in EXPECTED and got != EXPECTED[key].get(role, EXPECTED[key]["*"])
    ]
    leaks, missing = [], []
    for sentinel in everyone.sentinels:
        seen = [key for key, body in bodies.items() if roles.found_in(body, sentinel.text)]
        leaks += [
            f"{sentinel.where} in {key}"
            for key in seen
            if role not in sentinel.may and (role, key) not in sentinel.may_at
        ]
        if role in sentinel.must and not seen:
            missing.append(sentinel.where)
    # All three together, so a broken rule shows both its wrong answers and what leaked.
    report = [
        *wrong,
        "shown to someone who may not see it:",
        *leaks,
        "not shown where it should be (the leak check would be blind):",
        *missing,
    ]
    assert not (wrong or leaks or missing), "\n".join(report)  # noqa: PT018


def test_every_url_pattern_has_a_row(everyone):
    """A new URL (Twoway's or allauth's) fails here until its row says who gets what."""
    keys = {key for key, _method, _url in _requests(everyone, "a")}
    assert keys - EXPECTED.keys() == set()
    assert EXPECTED.keys() - keys == set()
    assert not any("500" in v for row in EXPECTED.values() for v in row.values())


def test_every_text_field_holds_a_sentinel_or_says_why_not():
    """A new text field on a model fails here until it is planted or explained."""
    from checkins.models import Answer, CheckIn

    automatic = {
        f"{m._meta.label}.{name}" for m in (CheckIn, Answer) for name in roles._texts_of(m)
    }
    unclassified = roles.text_fields() - roles.PLANTED - roles.NOT_PERSONAL.keys() - automatic
    assert unclassified == set()
    assert {"checkins.CheckIn.private_note", "checkins.Answer.reflection"} <= automatic


def test_the_sentinels_cover_every_planted_field(everyone):
    wheres = " ".join(s.where for s in everyone.sentinels)
    for label in roles.PLANTED:
        model, name = label.split(".")[1:]
        assert f"{model}.{name}" in wheres, label
    texts = [s.text for s in everyone.sentinels]
    assert len(texts) == len(set(texts))
