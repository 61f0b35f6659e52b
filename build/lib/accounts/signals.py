"""What ``accounts`` announces to the apps built on it, so it never imports them.

``couple_closed`` is sent inside the transaction that closes a couple (unpairing, or a
pending couple given up to accept an invitation), with ``couple`` and ``by``. A receiver
that raises rolls the closing back. Nothing may depend on it for access control: a closed
couple already gives no one access to anything.
"""

from django.dispatch import Signal

couple_closed = Signal()
