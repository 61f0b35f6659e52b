"""What goes wrong when stored text is opened."""

from __future__ import annotations


class UnreadableText(Exception):
    """A ciphertext that does not open: its data key is gone (the person was erased), its
    key-encryption key is not configured, or it was moved to another row or column, or
    altered. Never answered with the ciphertext or with empty text instead."""
