"""The export written out piece by piece, for a ``StreamingHttpResponse``: JSON (one week or
log entry at a time) and the printable page (one template partial per chunk of weeks).

Both run after the view has returned, so they carry what they need with them: the language
and time zone are set again inside the generator, and everything was scoped in the view
(``yourdata.export.export_for``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import batched
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import get_template
from django.utils import translation

from yourdata import export
from yourdata.export import Export, Record


def _dumps(value: Any) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)


def _open(record: Record) -> str:
    """``record`` as a JSON object left open (no closing brace), for more keys to follow."""
    text = _dumps(record)
    assert record, "an empty object would leave a stray comma"
    return text[:-1]


def _array(key: str, items: Iterable[Record]) -> Iterator[str]:
    """``, "key": [ ... ]``, one item per piece."""
    yield f", {_dumps(key)}: ["
    for n, item in enumerate(items):
        yield ("," if n else "") + "\n" + _dumps(item)
    yield "]"


def json_chunks(data: Export, language: str) -> Iterator[str]:
    """The export as JSON, in pieces: the head, then each couple with its weeks and its
    access log streamed from the database. Times are UTC (ISO 8601), dates ``YYYY-MM-DD``."""
    with translation.override(language):
        yield _open(export.head(data))
        yield ', "couples": ['
        for n, item in enumerate(data.couples):
            yield ("," if n else "") + "\n" + _open(export.couple_head(item))
            yield from _array("weeks", export.weeks(item))
            yield from _array("access_log", export.access_log(item))
            yield "}"
        yield "]}\n"


PRINT = "yourdata/export_print.html"


def html_chunks(data: Export, language: str) -> Iterator[str]:
    """The printable page, in pieces: the head (account, emails, consents), then for each
    couple its settings, its weeks ``export.CHUNK`` at a time, and its access log."""
    template = get_template(PRINT)
    partials = {
        name: get_template(f"{PRINT}#{name}")
        for name in ("couple_start", "weeks", "no_weeks", "log", "couple_end", "end")
    }
    base: dict[str, Any] = {
        "tz": ZoneInfo(data.time_zone),
        "generated_at": data.generated_at,
        "quick_exit_url": settings.QUICK_EXIT_URL,  # rendered without a request
    }
    with translation.override(language):
        yield template.render(base | {"head": export.head(data, readable=True)})
        for item in data.couples:
            couple = base | {
                "couple": export.couple_head(item, readable=True),
                "zone": ZoneInfo(item.couple.time_zone),
            }
            yield partials["couple_start"].render(couple)
            written = False
            for chunk in batched(export.weeks(item, readable=True), export.CHUNK):
                written = True
                yield partials["weeks"].render(couple | {"weeks": chunk})
            if not written:
                yield partials["no_weeks"].render(couple)
            first = True
            for entries in batched(export.access_log(item), export.CHUNK):
                yield partials["log"].render(couple | {"entries": entries, "first": first})
                first = False
            yield partials["couple_end"].render(couple | {"log_open": not first})
        yield partials["end"].render(base)
