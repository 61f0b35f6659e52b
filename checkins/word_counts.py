"""Word counts stored beside the text they count, so that nothing that needs only numbers
(the flags, bright spots, trends, the counsellor's summary) ever reads the text.

``WordCountField(source="reflection")`` is a number column that holds
``checkins.flags.count_words`` of another field of the same row. It computes itself in
``pre_save`` from the text on the instance, so it is right after every way a row is written:

* ``save()`` and ``objects.create()``, ``get_or_create``, ``update_or_create``;
* ``save(update_fields=[...])``: ``CountsWords.save`` adds the count of every source named
  (and, for an instance with deferred fields, which Django saves as "the loaded fields",
  the counts of the loaded sources);
* ``bulk_create``, whose insert calls each field's ``pre_save``;
* ``QuerySet.update(reflection=...)`` and ``bulk_update(objs, ["reflection"])`` through
  ``CountsWordsQuerySet``, which add the counts. ``update()`` refuses an expression for a
  counted text unless its counts are given beside it (there is no text to count in Python).

A count follows only its text: when the text is deferred (not loaded), or loaded and never
opened (a ``checkins.fields.Sealed`` value, unchanged by definition), the stored count is kept
as it is, so a row can be saved without its data key. ``tests/test_word_counts.py`` checks every path and that every
``PrivateTextField`` either has a count or is named as having none on purpose.

It lives apart from ``checkins.fields`` (the encryption seam) on purpose: the count is taken
from the plain text on the instance, before any encryption of the column, and the seam can
change without touching it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db import models

from checkins.fields import Sealed
from checkins.flags import count_words

_M = TypeVar("_M", bound=models.Model)


class WordCountField(models.PositiveIntegerField):  # type: ignore[type-arg]
    """How many words the field named ``source`` holds, kept up to date when it is saved."""

    description = "The number of words of another field (checkins.flags.count_words)"

    def __init__(self, *args: Any, source: str, **kwargs: Any) -> None:
        self.source = source
        kwargs.setdefault("default", 0)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        if kwargs.get("default") == 0:
            del kwargs["default"]
        if kwargs.get("editable") is False:
            del kwargs["editable"]
        return name, path, args, kwargs

    def count_of(self, instance: models.Model) -> int:
        """The count of ``instance``'s text now, or the stored count when the text is not
        loaded or was loaded and never opened (so it is unchanged, and needs no data key)."""
        if self.source not in instance.__dict__ or isinstance(
            instance.__dict__[self.source], Sealed
        ):
            return int(getattr(instance, self.attname))
        return count_words(getattr(instance, self.source) or "")

    def pre_save(self, model_instance: models.Model, add: bool) -> int:
        value = self.count_of(model_instance)
        setattr(model_instance, self.attname, value)
        return value


def word_counts(model: type[models.Model]) -> dict[str, list[WordCountField]]:
    """The count fields of ``model`` by the name of the text field each counts."""
    found: dict[str, list[WordCountField]] = {}
    for field in model._meta.concrete_fields:
        if isinstance(field, WordCountField):
            found.setdefault(field.source, []).append(field)
    return found


def _with_counts(model: type[models.Model], names: Iterable[str]) -> list[str]:
    names = list(names)
    counts = word_counts(model)
    extra = [c.name for source in names for c in counts.get(source, []) if c.name not in names]
    return [*names, *extra]


class CountsWords(models.Model):
    """A model with ``WordCountField`` columns: ``save(update_fields=...)`` that names a
    counted text saves its count too, as Django's documentation suggests for a field
    derived from another ("Overriding predefined model methods")."""

    class Meta:
        abstract = True

    def save(self, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is None and not kwargs.get("force_insert"):
            deferred = self.get_deferred_fields()
            if deferred and self._state.db == kwargs.get("using", self._state.db):
                # What Django would save (the loaded fields), with the loaded texts' counts.
                update_fields = [
                    f.attname
                    for f in self._meta.concrete_fields
                    if not f.primary_key and not f.generated and f.attname not in deferred
                ]
        if update_fields is not None:
            kwargs["update_fields"] = _with_counts(type(self), update_fields)
        super().save(**kwargs)


class CountsWordsQuerySet(models.QuerySet[_M]):
    """``update()`` and ``bulk_update()`` that keep the word counts of the texts they write."""

    def update(self, **kwargs: Any) -> int:
        for source, counts in word_counts(self.model).items():
            if source not in kwargs or all(c.name in kwargs for c in counts):
                continue  # not written, or written with its counts (as bulk_update does)
            text = kwargs[source]
            if not isinstance(text, str):
                raise TypeError(
                    f"update({source}=...) needs the text itself, so its word count can follow"
                )
            for count in counts:
                kwargs[count.name] = count_words(text)
        return super().update(**kwargs)

    def bulk_update(
        self, objs: Iterable[_M], fields: Iterable[str], batch_size: int | None = None
    ) -> int:
        objs = list(objs)
        fields = list(fields)
        with_counts = _with_counts(self.model, fields)
        counts = word_counts(self.model)
        for source in fields:
            for count in counts.get(source, []):
                for obj in objs:
                    count.pre_save(obj, add=False)
        return super().bulk_update(objs, with_counts, batch_size=batch_size)
