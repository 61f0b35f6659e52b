"""Page weight: what a phone downloads on a first visit to the check-in page, compressed.

The check-in page's HTML and every asset it references (stylesheets, scripts, the icon, and
anything a stylesheet pulls in with ``url(...)``: fonts, images) must stay under 40 KB once
compressed, as the proxy (HTML) and whitenoise (static files) serve them. Static files are
precompressed at ``collectstatic`` time: gzip always, and brotli because the ``brotli``
package is a dependency (whitenoise skips ``.br`` without it).
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import brotli
import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from checkins.selectors import clock_for
from tests.checkin_helpers import history
from tests.production import run_manage

BUDGET = 40 * 1024  # bytes, compressed: HTML plus every asset of a first load

_REFERENCE = re.compile(r"""(?:href|src)=["']([^"']+)["']""")
_CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")


def _gzip(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def _brotli(data: bytes) -> int:
    return len(brotli.compress(data))


def _static_path(url: str) -> Path:
    """The file behind a static URL (``/static/css/twoway.css``), through the finders."""
    name = (
        url.split("?", 1)[0]
        .split("#", 1)[0]
        .removeprefix("/" + settings.STATIC_URL.strip("/") + "/")
    )
    found = finders.find(name)
    assert found, f"the page references {url}, which no static finder has"
    return Path(found)


def first_load_assets(html: str) -> dict[str, bytes]:
    """Every static file a first load of ``html`` fetches, by URL: the stylesheets, scripts
    and icons it links, then whatever those stylesheets import or ``url(...)``."""
    static = "/" + settings.STATIC_URL.strip("/") + "/"
    todo = [u for u in _REFERENCE.findall(html) if u.startswith(static)]
    assets: dict[str, bytes] = {}
    while todo:
        url = todo.pop()
        if url in assets:
            continue
        data = _static_path(url).read_bytes()
        assets[url] = data
        if url.endswith(".css"):
            base = url.rsplit("/", 1)[0] + "/"
            for ref in _CSS_URL.findall(data.decode()):
                if ref.startswith("data:"):
                    continue
                todo.append(ref if ref.startswith("/") else base + ref)
    return assets


@pytest.fixture
def checkin_page(client, partner_a, couple):
    history(couple, 52)
    client.force_login(partner_a)
    url = reverse("checkins:checkin", args=[clock_for(couple).current.isoformat()])
    response = client.get(url)
    assert response.status_code == 200
    return response.content


@pytest.mark.django_db
def test_the_checkin_page_first_load_is_under_40_kb_compressed(checkin_page):
    assets = first_load_assets(checkin_page.decode())
    # The page's own stylesheet, its scripts and htmx are among what it loads.
    names = " ".join(assets)
    for expected in ("twoway.css", "twoway.js", "htmx", "quick-exit.js", "icon.svg"):
        assert expected in names, f"{expected} not found among {sorted(assets)}"
    gzipped = _gzip(checkin_page) + sum(_gzip(data) for data in assets.values())
    brotlied = _brotli(checkin_page) + sum(_brotli(data) for data in assets.values())
    assert gzipped < BUDGET, (gzipped, {u: _gzip(d) for u, d in assets.items()})
    assert brotlied <= gzipped


def test_the_asset_collector_follows_stylesheet_urls(tmp_path, settings):
    """A font or image a stylesheet pulls in is counted too (so a new one cannot slip past
    the budget)."""
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "a.css").write_text(
        "@font-face{src:url('../fonts/f.woff2')} b{background:url(data:image/png;base64,AA)}"
    )
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "f.woff2").write_bytes(b"\0" * 10)
    settings.STATICFILES_DIRS = [tmp_path]
    static = "/" + settings.STATIC_URL.strip("/") + "/"
    found = first_load_assets(f'<link rel="stylesheet" href="{static}css/a.css">')
    assert sorted(found) == [f"{static}css/../fonts/f.woff2", f"{static}css/a.css"]


def test_collectstatic_writes_brotli_and_gzip_copies(tmp_path):
    """Production's storage (whitenoise's CompressedManifestStaticFilesStorage) precompresses
    every text asset twice; whitenoise serves the ``.br`` to browsers that accept it."""
    result = run_manage("collectstatic", "--noinput", "-v0", STATIC_ROOT=str(tmp_path))
    assert result.returncode == 0, result.stderr
    for original in ("css/twoway.css", "js/twoway.js", "django_htmx/htmx-2.min.js"):
        stem, _, ext = original.rpartition(".")
        hashed = [
            p
            for p in tmp_path.glob(f"{stem}.*.{ext}")
            if re.fullmatch(r"[0-9a-f]{12}", p.suffixes[-2][1:])
        ]
        assert hashed, f"no hashed copy of {original}"
        source = (tmp_path / original).read_bytes()
        br = Path(f"{hashed[0]}.br")
        gz = Path(f"{hashed[0]}.gz")
        assert br.exists(), original
        assert gz.exists(), original
        assert brotli.decompress(br.read_bytes()) == source
        assert gzip.decompress(gz.read_bytes()) == source
        assert br.stat().st_size < gz.stat().st_size < len(source)


#: The templates drawn once per week, chart point or table row: written flush left, since
#: their indentation was repeated in the page for every row (a fifth to a quarter of trends
#: over all weeks, the journal and the counsellor's summary). Comments keep theirs.
FLUSH_LEFT = [
    "checkins/_chart.html",
    "checkins/history.html",
    "checkins/questions.html",
    "checkins/trends.html",
    "counselling/_summary_charts.html",
    "counselling/_summary_print_weeks.html",
    "counselling/_summary_since.html",
    "counselling/_summary_weeks.html",
]


@pytest.mark.parametrize("name", FLUSH_LEFT)
def test_the_templates_drawn_per_row_are_not_indented(name):
    source = (Path(settings.BASE_DIR) / "templates" / name).read_text()
    source = re.sub(r"\{% comment %\}.*?\{% endcomment %\}", "", source, flags=re.S)
    indented = [line for line in source.splitlines() if line[:1] in (" ", "\t")]
    assert not indented, indented[:3]


# Bytes of HTML (uncompressed) for 52 weeks of `tests.checkin_helpers.history`, every answer
# shared; before the templates were written flush left they were 123,788, 238,723 and
# 234,872 (docs/performance.md, "Page weight"). The journal shows 13 weeks a page since
# (194,756 bytes for all 53 weeks before, 49,191 now).
LONG_PAGE_BUDGETS = {"trends_all": 100_000, "history": 55_000, "summary": 215_000}


@pytest.mark.django_db
def test_the_long_pages_stay_within_their_weight(client, partner_a, partner_b, couple, counsellor):
    from checkins.models import Answer
    from tests.counselling_helpers import connect

    made = history(couple, 52)
    Answer.objects.filter(checkin__week__in=made).update(share_with_counsellor=True)
    access = connect(couple, counsellor, partner_a, partner_b, span="all")
    pages = {
        "trends_all": (partner_a, reverse("checkins:trends") + "?span=all"),
        "history": (partner_a, reverse("checkins:history")),
        "summary": (counsellor, reverse("counsellor:summary", args=[access.pk])),
    }
    for name, (viewer, url) in pages.items():
        client.force_login(viewer)
        response = client.get(url)
        assert response.status_code == 200, url
        assert len(response.content) <= LONG_PAGE_BUDGETS[name], (name, len(response.content))


def _widget_markup(form) -> list[str]:
    """Each choice and checkbox of ``form`` as Django's own widget templates write it."""
    found = []
    for name in ("follow_through", "signs"):
        if name in form.fields:
            found += [str(option.tag()) for option in form[name]]
    found += [
        str(form[name]) for name in form.fields if name.endswith("share") or name == "share_week"
    ]
    return found


@pytest.mark.django_db
def test_the_checkin_writes_its_choices_exactly_as_django_widgets_would(
    client, partner_a, partner_b, couple, counsellor
):
    """The check-in writes its radio buttons and checkboxes in the template instead of
    rendering two to four widget templates for each: the markup is Django's, byte for byte,
    empty, filled in, and with errors (aria-invalid)."""
    from tests.counselling_helpers import connect

    history(couple, 3)  # last week's wishes, so step 1 asks "Did we manage it?"
    connect(couple, counsellor, partner_a, partner_b, span="all")  # the share boxes
    client.force_login(partner_a)
    url = reverse("checkins:checkin", args=[clock_for(couple).current.isoformat()])
    responses = [client.get(url + step) for step in ("", "?step=2", "?step=5")]
    client.post(url, {"step": "ratings", "follow_through": "yes", "go": "1"})
    client.post(url, {"step": "emotional", "emotional-share": "on", "go": "2"})
    client.post(url, {"step": "finish", "signs": ["distant", "no_help"], "share_week": "on"})
    responses += [client.get(url + step) for step in ("", "?step=2", "?step=5")]
    responses.append(client.post(url, {"step": "ratings", "follow_through": "bogus", "go": "1"}))
    responses.append(client.post(url, {"step": "finish", "signs": ["bogus"], "go": "5"}))
    checked = invalid = 0
    for response in responses:
        html = response.content.decode()
        expected = _widget_markup(response.context["form"])
        assert expected, response.context["step"]
        for markup in expected:
            assert markup in html, markup
            checked += " checked" in markup
            invalid += "aria-invalid" in markup
    assert checked >= 5  # follow-through, a share box, two signs, the week's box (twice over)
    assert invalid >= 2  # a bad follow-through and bad signs
