"""The field every piece of written text is stored in.

Today it is a plain text column. It is the one seam where encryption at rest with
per-user keys will go (in ``get_prep_value``/``from_db_value``), so views and templates
never touch stored text any other way. Because of that, never filter, order or search
on these columns in SQL: once encrypted, the database cannot read them.
"""

from __future__ import annotations

from django.db import models


class PrivateTextField(models.TextField[str, str]):
    description = "Private written text (encrypted at rest in a later release)"
