"""The cost of encryption at rest on its own: sealing and opening one text of typical length
under a cached data key, and loading 52 weeks of a couple's text from the database.

Run with ``.venv/bin/pytest benchmarks/bench_encryption.py --benchmark-enable -p no:randomly``.
"""

from __future__ import annotations

import pytest

from checkins.models import Answer, CheckIn
from datakeys.sealing import seal, unseal
from datakeys.services import key_for_person
from tests.checkin_helpers import history

TEXT = "We walked by the river on Sunday and talked about your mother's visit. " * 4  # ~280


@pytest.mark.django_db
def test_seal_one_text(benchmark, partner_a) -> None:
    key_for_person(partner_a.pk)  # cached, as on a warm server
    benchmark.group = "one text"
    benchmark(seal, person_id=partner_a.pk, text=TEXT, context="checkins_answer.need:x")


@pytest.mark.django_db
def test_open_one_text(benchmark, partner_a) -> None:
    stored = seal(person_id=partner_a.pk, text=TEXT, context="checkins_answer.need:x")
    benchmark.group = "one text"
    assert benchmark(unseal, stored=stored, context="checkins_answer.need:x") == TEXT


@pytest.mark.django_db
def test_read_52_weeks_of_text(benchmark, couple) -> None:
    """Every check-in and answer of 52 weeks (104 check-ins, 312 answers, 832 texts), from the
    database, each text opened."""
    history(couple, 52)

    def read_all() -> int:
        texts = [c.appreciation + c.private_note for c in CheckIn.objects.all()]
        texts += [a.reflection + a.need for a in Answer.objects.all()]
        return len(texts)

    read_all()  # the keys cached, as after a first page
    benchmark.group = "52 weeks of text"
    assert benchmark(read_all) == 104 + 312
