"""Word counts are stored with the text (``checkins.word_counts``): after every way a text is
written, its count is ``count_words`` of it, so the flags never need to read the text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checkins.fields import PrivateTextField
from checkins.flags import count_words
from checkins.models import Answer, CheckIn, Week
from checkins.selectors import clock_for, planned_prompts
from checkins.word_counts import WordCountField, word_counts
from demo.build import create_demo
from tests.checkin_helpers import checkin_for, history, plant_markers
from tests.counselling_helpers import connect
from tests.test_checkin import DIMS, answers, url

pytestmark = pytest.mark.django_db

#: Private texts with no stored count, each on purpose. A new ``PrivateTextField`` fails
#: ``test_every_private_text_has_a_count_or_is_named_here`` until it gets a
#: ``WordCountField`` or a line here saying why it needs none.
UNCOUNTED = {
    # Nothing but its author reads it, and no rule counts it: no number about it is kept.
    "checkins.CheckIn.private_note",
}

words = st.lists(
    st.sampled_from(("we", "walked", "don't", "well-being", "我们", "שלום", "😀", "…", " ", "")),
    max_size=30,
).map(" ".join)
texts = st.one_of(words, st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))


def counted_right(*rows: Answer | CheckIn) -> None:
    """Every count of every row, read back from the database, is the count of its text."""
    assert rows
    for row in rows:
        fresh = type(row).objects.get(pk=row.pk)
        for source, counts in word_counts(type(row)).items():
            for count in counts:
                text = getattr(fresh, source)
                assert getattr(fresh, count.attname) == count_words(text), (count.name, text)


def all_rows() -> list[Answer | CheckIn]:
    return [*Answer.objects.all(), *CheckIn.objects.all()]


def test_every_private_text_has_a_count_or_is_named_here() -> None:
    found = set()
    for model in apps.get_models():
        counts = word_counts(model)
        for field in model._meta.concrete_fields:
            if isinstance(field, PrivateTextField):
                label = f"{model._meta.label}.{field.name}"
                found.add(label)
                assert field.name in counts or label in UNCOUNTED, f"{label} has no word count"
                assert not (field.name in counts and label in UNCOUNTED), label
        for source, fields in counts.items():
            assert isinstance(model._meta.get_field(source), PrivateTextField), fields
    assert found >= UNCOUNTED, "UNCOUNTED names a field that is no longer a private text"
    assert {"checkins.Answer.reflection", "checkins.CheckIn.appreciation"} <= found


def test_the_counted_fields_are_the_ones_the_flags_read() -> None:
    assert {s: [f.name for f in c] for s, c in word_counts(Answer).items()} == {
        "reflection": ["reflection_words"],
        "need": ["need_words"],
    }
    assert {s: [f.name for f in c] for s, c in word_counts(CheckIn).items()} == {
        "appreciation": ["appreciation_words"]
    }
    assert not Answer._meta.get_field("reflection_words").editable  # never on a form


# --------------------------------------------------------------------------------------------
# The model-level paths
# --------------------------------------------------------------------------------------------


@pytest.fixture
def week(couple) -> Week:
    starts_on = clock_for(couple).current
    return Week.objects.create(
        couple=couple, starts_on=starts_on, prompts=planned_prompts(couple, starts_on)
    )


@pytest.fixture
def checkin(week, partner_a) -> CheckIn:
    return CheckIn.objects.create(
        week=week, membership=partner_a.memberships.get(), appreciation="thank you so much"
    )


@contextmanager
def refused_unless_empty(text: str) -> Iterator[None]:
    """A write of ``text`` outside ``save()``: refused, whole, unless ``text`` is empty."""
    if not text:
        yield
        return
    with pytest.raises(ValueError, match="refuses a plain value"), transaction.atomic():
        yield


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(first=texts, second=texts, third=texts)
def test_every_save_path_keeps_the_counts(checkin, first, second, third) -> None:
    Answer.objects.filter(checkin=checkin).delete()
    made = Answer.objects.create(checkin=checkin, dimension="emotional", reflection=first)
    counted_right(made)  # create

    made.reflection, made.need = second, third
    made.save()
    counted_right(made)  # save()

    made.need = first
    made.save(update_fields=["need"])
    counted_right(made)  # save(update_fields=[...]) naming only the text

    (bulk,) = Answer.objects.bulk_create(
        [Answer(checkin=checkin, dimension="experiential", reflection=third, need=second)]
    )
    counted_right(bulk)  # bulk_create

    # Text never goes through update() or bulk_update(): it would be written unsealed. Only
    # emptying a text can (nothing to seal), and then its count follows.
    with refused_unless_empty(second):
        Answer.objects.filter(checkin=checkin).update(reflection=second)
    counted_right(*Answer.objects.filter(checkin=checkin))  # QuerySet.update
    bulk.need = third
    with refused_unless_empty(third):
        Answer.objects.bulk_update([bulk], ["need"])
    counted_right(*Answer.objects.filter(checkin=checkin))  # bulk_update

    Answer.objects.update_or_create(
        checkin=checkin, dimension="experiential", defaults={"reflection": first}
    )
    checkin.appreciation = third
    checkin.save(update_fields=["appreciation"])
    checkin.refresh_from_db()
    counted_right(*Answer.objects.filter(checkin=checkin), checkin)  # update_or_create


def test_a_deferred_row_saved_whole_keeps_the_count_of_its_new_text(checkin) -> None:
    answer = Answer.objects.create(checkin=checkin, dimension="emotional", reflection="one")
    loaded = Answer.objects.defer("reflection_words").get(pk=answer.pk)
    loaded.reflection = "one two three four"
    loaded.save()  # Django saves the loaded fields; the count of the loaded text goes too
    assert Answer.objects.get(pk=answer.pk).reflection_words == 4


def test_a_row_saved_without_its_text_keeps_its_count_and_never_reads_the_text(checkin) -> None:
    answer = Answer.objects.create(checkin=checkin, dimension="emotional", reflection="a b c")
    numbers = Answer.objects.only("id", "rating", "reflection_words").get(pk=answer.pk)
    numbers.rating = 4
    numbers.save()
    assert "reflection" not in numbers.__dict__  # the text was never loaded to count it
    assert Answer.objects.get(pk=answer.pk).reflection_words == 3


def test_update_refuses_an_expression_it_cannot_count(checkin) -> None:
    Answer.objects.create(checkin=checkin, dimension="emotional", reflection="a b")
    with pytest.raises(TypeError, match="word count"):
        Answer.objects.update(reflection=Concat(F("reflection"), Value(" c")))
    assert Answer.objects.get().reflection == "a b"


# --------------------------------------------------------------------------------------------
# The app's own paths: the check-in steps, autosave, changing after submitting, the seeder
# --------------------------------------------------------------------------------------------


def test_the_check_in_steps_and_submit_store_the_counts(client, partner_a, couple) -> None:
    client.force_login(partner_a)
    client.post(url(couple), {"step": "ratings", "emotional-rating": "3", "go": "2"})
    client.post(
        url(couple),
        {"step": "emotional", "emotional-reflection": "we walked by the sea", "go": "3"},
    )
    counted_right(*all_rows())
    response = client.post(url(couple), answers(action="submit", appreciation="thank you 🙏"))
    assert response.status_code == 302
    mine = CheckIn.objects.get(membership__user=partner_a)
    assert mine.is_submitted
    assert mine.appreciation_words == 2
    counted_right(*all_rows())


def test_autosave_and_a_change_until_the_partner_submits_keep_the_counts(
    client, partner_a, couple
) -> None:
    client.force_login(partner_a)
    client.post(url(couple, "checkins:autosave"), {"step": "emotional", "emotional-need": "hug"})
    need = Answer.objects.get(dimension="emotional")
    assert need.need_words == 1
    client.post(url(couple), answers(action="submit"))
    # Submitted, not yet revealed: still changeable, by a step and by autosave.
    client.post(
        url(couple, "checkins:autosave"),
        {"step": "emotional", "emotional-need": "a long walk, just us two"},
    )
    client.post(
        url(couple),
        {"step": "finish", "appreciation": "你好 and thanks", "action": "submit"},
    )
    assert Answer.objects.get(dimension="emotional").need_words == 6
    assert CheckIn.objects.get(membership__user=partner_a).appreciation_words == 4
    counted_right(*all_rows())
    for dim in DIMS:
        assert Answer.objects.get(dimension=dim).reflection_words == count_words(f"About {dim}.")


def test_the_test_helpers_and_the_demo_seeder_store_the_counts(couple, week, partner_b) -> None:
    history(couple, 3)
    planted = checkin_for(week, partner_b.memberships.get(), text="«x» y z")
    plant_markers(planted, "tag")
    create_demo()
    assert Answer.objects.count() > 20
    counted_right(*all_rows())


def test_the_migration_backfill_counts_existing_rows(couple, monkeypatch) -> None:
    from importlib import import_module

    history(couple, 2)
    sealed_pk = Answer.objects.order_by("pk").first().pk  # stays sealed: counted as saved
    with connection.cursor() as cursor:  # as before the migration: text in clear, no counts
        for answer in Answer.objects.exclude(pk=sealed_pk):
            cursor.execute(
                "UPDATE checkins_answer SET reflection = %s, need = %s WHERE id = %s",
                [answer.reflection, answer.need, answer.pk],
            )
        for row in CheckIn.objects.all():
            cursor.execute(
                "UPDATE checkins_checkin SET appreciation = %s WHERE id = %s",
                [row.appreciation, row.pk],
            )
    Answer.objects.exclude(pk=sealed_pk).update(reflection_words=0, need_words=0)
    CheckIn.objects.all().update(appreciation_words=0)
    migration = import_module("checkins.migrations.0008_word_counts")
    monkeypatch.setattr(migration, "BATCH", 2)  # several batches
    migration.count_existing(apps, None)
    counted_right(*all_rows())
    assert all(a.reflection_words > 0 for a in Answer.objects.all())


def test_count_fields_are_word_count_fields() -> None:
    field = Answer._meta.get_field("need_words")
    assert isinstance(field, WordCountField)
    assert field.deconstruct()[3] == {"source": "need"}


# --------------------------------------------------------------------------------------------
# Pages that show only numbers never read a text column
# --------------------------------------------------------------------------------------------

TEXT_COLUMNS = [
    f'"{model._meta.db_table}"."{field.column}"'
    for model in (Answer, CheckIn)
    for field in model._meta.fields
    if isinstance(field, PrivateTextField)
]


@pytest.mark.parametrize(
    "page_name", ["home", "trends", "trends_all", "counsellor_summary", "counsellor_dashboard"]
)
def test_the_pages_that_show_numbers_read_no_written_text(
    client, partner_a, partner_b, couple, counsellor, page_name
) -> None:
    history(couple, 14)  # nothing shared with the counsellor: no text is theirs to see
    access = connect(couple, counsellor, partner_a, partner_b, span="all")
    viewer, address = {
        "home": (partner_a, reverse("home")),
        "trends": (partner_a, reverse("checkins:trends")),
        "trends_all": (partner_a, reverse("checkins:trends") + "?span=all"),
        "counsellor_summary": (counsellor, reverse("counsellor:summary", args=[access.pk])),
        "counsellor_dashboard": (counsellor, reverse("counsellor:dashboard")),
    }[page_name]
    client.force_login(viewer)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    read = [q["sql"] for q in queries if any(column in q["sql"] for column in TEXT_COLUMNS)]
    # The counsellor's one read of texts: only the answers shared with them (none here).
    shared_only = '"checkins_answer"."share_with_counsellor"'
    read = [sql for sql in read if shared_only not in sql.partition(" WHERE ")[2]]
    assert read == []
    assert any('"checkins_answer"."reflection_words"' in q["sql"] for q in queries)


COUNTING = re.compile(r"\bcount_words\b|\bflags\.written\b|\bimport\b[^\n]*\bwritten\b")


def test_only_saving_counts_words() -> None:
    """Outside the flag package's definition, only the stored count's field and the migration
    that filled it (and the bulk seeder, which saves too) call ``count_words``; no page counts (nor builds ``written`` weeks)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    allowed = {
        "checkins/word_counts.py",
        "checkins/migrations/0008_word_counts.py",
        # The load-test seeder writes rows in bulk (COPY), so it counts as saving does.
        "demo/load.py",
    }
    callers = []
    for path in root.glob("*/**/*.py"):
        name = path.relative_to(root).as_posix()
        if name.split("/")[0] in {"tests", "benchmarks", ".venv"} or name.startswith(
            "checkins/flags/"
        ):
            continue
        source = path.read_text(encoding="utf-8")
        if COUNTING.search(source) and name not in allowed:
            callers.append(name)
    assert callers == []
