"""Whatever anyone types, it is saved exactly or refused with a message; never mangled."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.scoping import couple_for
from checkins import services
from checkins.forms import CheckInForm
from checkins.models import Answer, CheckIn
from checkins.selectors import clock_for

pytestmark = pytest.mark.django_db

DIMS = ("emotional", "experiential", "intellectual")
# Any character HTTP and UTF-8 can carry (lone surrogates cannot be sent by a browser).
typed = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=2100)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(reflection=typed, need=st.text(max_size=600), appreciation=typed)
def test_typed_text_reads_back_identical_or_is_refused(
    partner_a, couple, reflection, need, appreciation
):
    data = {
        "emotional-reflection": reflection,
        "emotional-need": need,
        "appreciation": appreciation,
    }
    # Browsers send line breaks as \r\n; they are kept as \n. Nothing else may change.
    reflection, need, appreciation = (
        t.replace("\r\n", "\n").replace("\r", "\n") for t in (reflection, need, appreciation)
    )
    form = CheckInForm(data, dimensions=DIMS)
    if not form.is_valid():
        assert form.errors
        assert all(message for errors in form.errors.values() for message in errors)
        too_long = len(reflection) > 2000 or len(need) > 500 or len(appreciation) > 1000
        has_nul = "\x00" in reflection + need + appreciation
        assert too_long or has_nul
        return
    ctx = couple_for(partner_a)
    services.checkin_save_draft(ctx=ctx, starts_on=clock_for(couple).current, data=form.to_data())
    answer = Answer.objects.get(checkin__membership__user=partner_a, dimension="emotional")
    assert answer.reflection == reflection
    assert answer.need == need
    assert CheckIn.objects.get(membership__user=partner_a).appreciation == appreciation


@given(rating=st.one_of(st.integers(), st.text(max_size=5), st.floats(allow_nan=True)))
def test_ratings_outside_one_to_five_are_refused(rating):
    form = CheckInForm({"emotional-rating": str(rating)}, dimensions=DIMS)
    valid = str(rating) in {"", "1", "2", "3", "4", "5"}  # empty: no rating yet, fine in a draft
    assert form.is_valid() is valid
    if not valid:
        assert "Choose one of the five steps" in str(form.errors)


def test_browser_line_breaks_count_once_against_the_limit():
    text = ("x" * 9 + "\r\n") * 200  # 2000 characters as the text box counts them
    form = CheckInForm({"emotional-reflection": text}, dimensions=DIMS)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["emotional-reflection"] == text.replace("\r\n", "\n")
