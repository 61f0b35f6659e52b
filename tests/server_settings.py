"""Production settings for the app servers of tests/servers.py, with one difference: a fast
password hasher, so that the many logins of the lockout tests cost milliseconds, not a second
of CPU each (as tests/conftest.py does in-process). Everything those tests prove (sessions,
rate limits, locks, tasks) is the same with any hasher."""

from intimacy.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
