"""Sealing the private text stored before encryption at rest (``encrypt_private_text``)."""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Left

from checkins.fields import PrivateTextField
from checkins.models import Answer, CheckIn
from datakeys.sealing import PREFIX

MODELS: tuple[type[models.Model], ...] = (CheckIn, Answer)
_OWNER_PATH: dict[type[models.Model], str] = {CheckIn: "membership", Answer: "checkin__membership"}


def private_columns(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.get_fields() if isinstance(f, PrivateTextField)]


def _in_clear(name: str) -> Q:
    # No filter compares the text itself (the field refuses that): only its first 4 characters.
    return Q(**{f"{name}__gt": ""}) & ~Q(**{f"_head_{name}": PREFIX})


def _pending(model: type[models.Model]) -> models.QuerySet[models.Model]:
    columns = private_columns(model)
    heads = {f"_head_{c}": Left(c, len(PREFIX), output_field=models.CharField()) for c in columns}
    pending: models.QuerySet[models.Model] = model._default_manager.alias(**heads).filter(
        reduce(or_, map(_in_clear, columns))
    )
    return pending


def plaintext_rows(model: type[models.Model]) -> int:
    return _pending(model).count()


def seal_batch(model: type[models.Model], *, after: int, size: int) -> tuple[int, int | None]:
    """Seal the text of up to ``size`` rows still in clear with a primary key above
    ``after``, in one transaction; returns ``(rows sealed, last primary key)``, the key
    ``None`` when none is left."""
    columns = private_columns(model)
    with transaction.atomic():
        rows = list(
            _pending(model)
            .filter(pk__gt=after)
            .select_related(_OWNER_PATH[model])
            .select_for_update(of=("self",))
            .order_by("pk")[:size]
        )
        for row in rows:
            row.save(update_fields=columns)  # legacy text, never read, is sealed by pre_save
    return len(rows), (rows[-1].pk if rows else None)
