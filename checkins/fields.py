"""The field every piece of written text is stored in, encrypted at rest.

A model with a ``PrivateTextField`` defines two methods:

* ``private_text_identity() -> str``: the row's identity, known before INSERT (its natural
  unique key), bound into each ciphertext with the table and column, so a ciphertext copied
  to another row or column does not open;
* ``private_text_owner_id() -> int``: the person whose data key seals the text.

Writing: ``pre_save`` seals the text under the owner's data key (``datakeys``). Anything else
that would write a plain string (``QuerySet.update``, ``bulk_update``, a filter on the column)
is refused by ``get_prep_value``: the database never receives clear text from this field.
Empty text stays empty.

Reading: the column's value is kept sealed on the instance and opened on first access of the
attribute (the descriptor), where the row's identity is at hand. Text stored before
encryption (no ``tw1:`` prefix) reads as it is. A ciphertext that does not open raises
``datakeys.errors.UnreadableText``: never the ciphertext, never silently empty.

``.values()``/``values_list()`` of these columns give ``Sealed`` objects, which refuse to be
used as text: read the text through model instances. Never filter, order or search on these
columns in SQL: the database cannot read them.

Historical models (in migrations) lack the two methods: there the field is a plain text
column and passes stored values through untouched, ciphertext or not.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.expressions import Expression
from django.db.models.query_utils import DeferredAttribute

from datakeys.sealing import is_sealed, seal, unseal


class Sealed:
    """A column value as read from the database, not yet opened."""

    __slots__ = ("stored",)

    def __init__(self, stored: str) -> None:
        self.stored = stored

    def __str__(self) -> str:
        raise TypeError(
            "Sealed private text: read it through a model instance's attribute, not "
            ".values()/values_list()."
        )

    def __repr__(self) -> str:
        return "<Sealed private text>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sealed) and other.stored == self.stored

    def __hash__(self) -> int:
        return hash(self.stored)


class Opened(str):
    """Text opened from a ciphertext, remembering it, so saving the row again unchanged
    writes the same ciphertext instead of sealing it anew."""

    stored: str
    context: str


class Ciphertext(str):
    """A sealed value on its way to the database (only ``pre_save`` makes these)."""


class PrivateTextDescriptor(DeferredAttribute):
    def __get__(self, instance: Any, cls: Any = None) -> Any:
        if instance is None:
            return self
        value = super().__get__(instance, cls)
        if isinstance(value, Sealed):
            field: PrivateTextField = self.field  # type: ignore[assignment]
            value = field.open(instance, value.stored)
            instance.__dict__[field.attname] = value
        return value

    def __set__(self, instance: Any, value: Any) -> None:
        instance.__dict__[self.field.attname] = value


def opened(instance: models.Model, field_name: str, value: object) -> str:
    """``value``, an annotation of ``instance``'s row with the output field ``field_name``
    (``Case(When(..., then=F("appreciation")))``), opened as that field's text would be."""
    if isinstance(value, Sealed):
        field = instance._meta.get_field(field_name)
        assert isinstance(field, PrivateTextField)
        return field.open(instance, value.stored)
    return str(value)


def opened_at(model: type[models.Model], field_name: str, value: object, *, identity: str) -> str:
    """``value``, read with ``.values()``/``values_list()`` from ``model``'s ``field_name``,
    opened at the row whose ``private_text_identity()`` is ``identity`` (cheaper than
    building model instances for a long list)."""
    if not isinstance(value, Sealed):
        return str(value)
    field = model._meta.get_field(field_name)
    assert isinstance(field, PrivateTextField)
    if not is_sealed(value.stored):
        return value.stored
    return unseal(stored=value.stored, context=field.context_at(identity))


class PrivateTextField(models.TextField[str, str]):
    description = "Private written text, encrypted at rest under its author's data key"
    descriptor_class = PrivateTextDescriptor

    def _encrypts(self) -> bool:
        model = getattr(self, "model", None)
        return model is not None and hasattr(model, "private_text_identity")

    def context_at(self, identity: str) -> str:
        return f"{self.model._meta.db_table}.{self.column}:{identity}"

    def context(self, instance: Any) -> str:
        return self.context_at(instance.private_text_identity())

    def open(self, instance: Any, stored: str) -> str:
        if not self._encrypts() or not is_sealed(stored):
            return stored
        context = self.context(instance)
        opened = Opened(unseal(stored=stored, context=context))
        opened.stored = stored
        opened.context = context
        return opened

    def from_db_value(
        self, value: str | None, expression: Expression, connection: BaseDatabaseWrapper
    ) -> str | Sealed | None:
        if not value or not self._encrypts():
            return value
        return Sealed(value)

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        if not self._encrypts():
            return super().pre_save(model_instance, add)
        raw = model_instance.__dict__.get(self.attname)
        if isinstance(raw, Sealed):  # never opened, so unchanged: write it as stored
            if is_sealed(raw.stored):
                return Ciphertext(raw.stored)
            return self._seal(model_instance, raw.stored)  # legacy plaintext: seal it now
        value = getattr(model_instance, self.attname)
        if not value:
            return value
        if isinstance(value, Opened) and value.context == self.context(model_instance):
            return Ciphertext(value.stored)
        return self._seal(model_instance, str(value))

    def _seal(self, instance: Any, text: str) -> Ciphertext:
        return Ciphertext(
            seal(
                person_id=instance.private_text_owner_id(),
                text=text,
                context=self.context(instance),
            )
        )

    def get_prep_value(self, value: Any) -> Any:
        if isinstance(value, Ciphertext):
            return str(value)  # an exact str for the database driver
        if not self._encrypts() or value is None or value == "":
            return super().get_prep_value(value)
        raise ValueError(
            f"{self.model.__name__}.{self.name} refuses a plain value: private text is written "
            "only through Model.save()/create()/bulk_create(), which seal it, never through "
            ".update(), bulk_update() or a filter on the column."
        )
