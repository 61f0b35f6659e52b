import pytest
from django.core.exceptions import ImproperlyConfigured

from intimacy.env import env_bool, env_int, env_list, env_url
from intimacy.mail import mailer_from_url


def test_env_bool_reads_common_spellings():
    assert env_bool("X", False, environ={"X": "yes"}) is True
    assert env_bool("X", True, environ={"X": "Off"}) is False
    assert env_bool("X", True, environ={}) is True


def test_env_bool_names_the_variable_on_a_bad_value():
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be true or false"):
        env_bool("DEBUG", True, environ={"DEBUG": "maybe"})


def test_env_int_rejects_words_and_values_below_the_minimum():
    assert env_int("N", 3, environ={"N": "7"}) == 7
    with pytest.raises(ImproperlyConfigured, match="N must be a whole number"):
        env_int("N", 3, environ={"N": "seven"})
    with pytest.raises(ImproperlyConfigured, match="N must be at least 0"):
        env_int("N", 3, minimum=0, environ={"N": "-1"})


def test_env_list_splits_on_commas():
    assert env_list("H", ["a"], environ={"H": " x.org, y.org ,"}) == ["x.org", "y.org"]
    assert env_list("H", ["a"], environ={}) == ["a"]


def test_env_url_checks_the_scheme():
    assert env_url("R", ("redis",), environ={"R": "redis://h:6379/0"}) == "redis://h:6379/0"
    with pytest.raises(ImproperlyConfigured, match="R must start with one of redis://"):
        env_url("R", ("redis",), environ={"R": "http://h"})


def test_mailer_from_url_builds_an_smtp_mailer():
    mailer = mailer_from_url("smtp+tls://me%40x.org:p%3Ass@mail.x.org")
    assert mailer["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    options = mailer["OPTIONS"]
    assert (options["host"], options["port"], options["use_tls"]) == ("mail.x.org", 587, True)
    assert (options["username"], options["password"]) == ("me@x.org", "p:ss")


def test_mailer_from_url_refuses_other_schemes():
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL must look like"):
        mailer_from_url("http://mail.x.org")


def test_no_email_url_means_console_email():
    assert mailer_from_url("")["BACKEND"] == "intimacy.mail.ReadableConsoleBackend"


def test_console_email_prints_links_whole():
    import io

    from django.core.mail import EmailMessage

    from intimacy.mail import ReadableConsoleBackend

    link = "http://127.0.0.1:8000/accounts/confirm-email/" + "x" * 120 + "/"
    stream = io.StringIO()
    backend = ReadableConsoleBackend(alias="default", stream=stream)
    backend.send_messages([EmailMessage(subject="Hi", body=f"Go to {link}", to=["a@b.org"])])
    assert link in stream.getvalue()
    assert "Subject: Hi" in stream.getvalue()
