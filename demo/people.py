"""Who the demo couple are: their logins, their couple's settings, and when they joined.

Alex signs up and starts the couple on the first Monday morning of the story; Sam signs up and
joins that evening. The password is published, so the demo only runs with ``DEBUG`` on.
"""

from __future__ import annotations

from dataclasses import dataclass

from demo.story import Moment

DEMO_PASSWORD = "twoway-demo-password"
TIME_ZONE = "Europe/London"
WEEK_START_DAY = 0  # Monday


@dataclass(frozen=True)
class Person:
    """One partner. ``signed_up`` and ``joined`` (taking a seat) are moments in the first week."""

    name: str
    email: str
    seat: int
    signed_up: Moment
    joined: Moment


ALEX = Person("Alex", "alex@demo.twoway.local", seat=1, signed_up=(0, 8, 19), joined=(0, 8, 25))
SAM = Person("Sam", "sam@demo.twoway.local", seat=2, signed_up=(0, 19, 2), joined=(0, 19, 5))
DEMO_EMAILS = (ALEX.email, SAM.email)
