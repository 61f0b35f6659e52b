"""A long history streams: the download is a StreamingHttpResponse of many pieces, read
from the database ``export.CHUNK`` weeks at a time in a fixed number of queries per chunk,
and the memory it takes stays that of one chunk, whatever the number of weeks."""

from __future__ import annotations

import math
import tracemalloc

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.checkin_helpers import history
from tests.export_helpers import log_in_recently
from tests.factories import UserFactory, make_couple
from yourdata import export

pytestmark = pytest.mark.django_db

DOWNLOADS = ["yourdata:export_json", "yourdata:export_print"]
LONG = 104
# Per chunk of weeks: the check-ins (with their authors), their shown answers, their
# reactions, and my own withheld answers.
PER_CHUNK = 4


def _consume(client: Client, name: str) -> tuple[int, int, int, int]:
    """(pieces, bytes, queries, peak traced memory while the stream is read)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(name))
        assert isinstance(response, StreamingHttpResponse)
        tracemalloc.start()
        try:
            pieces = size = 0
            for piece in response.streaming_content:
                pieces += 1
                size += len(piece)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    return pieces, size, len(queries), peak


def _person_with(weeks: int, label: str) -> Client:
    """A partner of a new couple with ``weeks`` revealed weeks, signed in recently, whose
    export has been made once already (templates compiled, caches warm)."""
    person = UserFactory(display_name=f"Person {label}")
    history(make_couple(person, UserFactory()), weeks, label=label)
    client = Client()
    log_in_recently(client, person)
    for name in DOWNLOADS:
        _consume(client, name)
    return client


@pytest.mark.parametrize("name", DOWNLOADS)
def test_a_long_history_streams_in_many_pieces(name):
    pieces, size, _, _ = _consume(_person_with(LONG, "long"), name)
    chunks = math.ceil(LONG / export.CHUNK)
    # JSON: a piece per week; the printable page: a piece per chunk of weeks, and the rest.
    assert pieces > (LONG if name.endswith("json") else chunks)
    assert size > 100_000


@pytest.mark.parametrize("name", DOWNLOADS)
def test_memory_stays_flat_however_long_the_history(name):
    """Two chunks of weeks against four: read whole, the long export would take about twice
    the memory (it is twice the data); streamed, it takes about the same. (Against a single
    chunk the peak is higher: while one chunk is written the next is being read, so two are
    alive at once.)"""
    two = _consume(_person_with(2 * export.CHUNK, "two"), name)
    many = _consume(_person_with(LONG, "many"), name)
    assert LONG >= 4 * export.CHUNK
    assert many[1] > 1.8 * two[1]  # twice the text went out…
    assert many[3] < 1.2 * two[3], (two, many)  # …in about the same memory


def test_queries_grow_only_with_the_number_of_chunks():
    """The same number of queries for 1 week and for one full chunk, and PER_CHUNK more for
    each further chunk: never a query per week."""
    clients = {weeks: _person_with(weeks, f"w{weeks}") for weeks in (1, export.CHUNK, LONG)}
    more_chunks = math.ceil(LONG / export.CHUNK) - 1
    for name in DOWNLOADS:
        counts = {weeks: _consume(client, name)[2] for weeks, client in clients.items()}
        assert counts[export.CHUNK] == counts[1], name
        assert counts[LONG] == counts[1] + PER_CHUNK * more_chunks, name
