"""The week page's picker, built in Python (``WeekNav.options``), writes exactly what the
template loop it replaced wrote, in every language offered."""

import pytest
from django.template import Context, Template
from django.utils import translation

from checkins.selectors import clock_for, week_nav
from tests.checkin_helpers import history

pytestmark = pytest.mark.django_db

OLD_LOOP = (
    "{% for choice in nav.choices %}<option value=\"{{ choice|date:'Y-m-d' }}\""
    '{% if choice == starts_on %} selected{% endif %}>{{ choice|date:"j M Y" }}</option>'
    "{% endfor %}"
)


@pytest.mark.parametrize("language", ["en", "de", "es"])
def test_picker_options_match_the_template_loop(couple, language):
    history(couple, 52)
    clock = clock_for(couple)
    nav = week_nav(clock, clock.previous)
    with translation.override(language):
        old = Template(OLD_LOOP).render(Context({"nav": nav, "starts_on": clock.previous}))
        new = Template("{{ nav.options }}").render(Context({"nav": nav}))
    assert new == old
    assert new.count("<option") == len(nav.choices) > 50
    assert new.count(" selected") == 1
