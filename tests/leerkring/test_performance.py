"""Issue 15: the health check, the anonymous page cache, the connection pool settings and
WeasyPrint loaded only where a PDF is made, with one font configuration per process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from cohorts.services.enrolment import enrol
from courses.demo import ensure_home_page
from leerkring import page_cache
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import make_cohort, make_participant

ROOT = Path(__file__).resolve().parents[2]


def _python(code: str, **env) -> str:
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "SECRET_KEY"}
    }
    environment |= env
    return subprocess.run(  # noqa: S603 — our own interpreter with fixed code
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout.strip()


def test_a_worker_starts_without_the_pdf_libraries():
    # WeasyPrint and segno (QR codes) cost start-up time; only PDF-making code imports them.
    out = _python(
        "import sys, django; django.setup();"
        "from django.urls import resolve; import leerkring.urls, leerkring.wsgi;"
        "resolve('/'); print('weasyprint' in sys.modules, 'segno' in sys.modules)",
        DJANGO_SETTINGS_MODULE="leerkring.settings.test",
    )
    assert out == "False False"


def test_a_worker_starts_without_wagtails_v3_api_or_the_calendar_library():
    """Wagtail's images, documents, snippets and redirects apps register routers on its v3
    API (django-ninja, pydantic models built at import) that we never mount; icalendar is
    needed only when a calendar is made. Together about a sixth of a worker's start-up."""
    heavy = ["ninja", "wagtail.api.v3.api", "wagtail.api.v3.registry", "icalendar"]
    out = _python(
        "import sys, django; django.setup();"
        "from django.urls import resolve; import leerkring.urls, leerkring.wsgi;"
        f"resolve('/'); print([m for m in {heavy!r} if m in sys.modules])",
        DJANGO_SETTINGS_MODULE="leerkring.settings.test",
    )
    assert out == "[]"


def test_the_wagtail_configs_mirror_wagtails_own_ready():
    """leerkring.wagtail_apps copies what Wagtail's ready() does, without the API. If an
    upgrade changes Wagtail's ready(), copy the change there and renew the hash."""
    import hashlib
    import inspect

    from leerkring.wagtail_apps import MIRRORED

    for config, digest in MIRRORED.items():
        source = inspect.getsource(config.ready)
        assert hashlib.sha256(source.encode()).hexdigest() == digest, (
            f"Wagtail's {config.__name__}.ready() changed: mirror it in leerkring/wagtail_apps.py"
        )


def test_what_wagtails_ready_registers_is_still_registered():
    """The admin's image chooser for image foreign keys, the permission policies, the
    reference index, the snippets and the automatic redirect on a moved page."""
    from django.apps import apps
    from wagtail.admin.forms.models import registry as form_overrides
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.contrib.redirects.signal_handlers import autocreate_redirects_on_page_move
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.images.widgets import AdminImageChooser
    from wagtail.models.reference_index import ReferenceIndex
    from wagtail.permissions import policy_registry
    from wagtail.signals import post_page_move
    from wagtail.snippets.models import get_snippet_models

    from courses.models import CoursePage, Trainer
    from leerkring import wagtail_apps

    for label, config in [
        ("wagtailimages", wagtail_apps.ImagesConfig),
        ("wagtaildocs", wagtail_apps.DocumentsConfig),
        ("wagtailsnippets", wagtail_apps.SnippetsConfig),
        ("wagtailredirects", wagtail_apps.RedirectsConfig),
    ]:
        assert type(apps.get_app_config(label)) is config
    image_field = CoursePage._meta.get_field("image")
    assert form_overrides.get(image_field)["widget"] is AdminImageChooser
    for model in (get_image_model(), get_document_model(), Redirect):
        assert policy_registry.get_by_type(model, fallback=False) is not None
    assert ReferenceIndex.is_indexed(get_image_model())
    assert ReferenceIndex.is_indexed(get_document_model())
    assert Trainer in get_snippet_models()
    assert autocreate_redirects_on_page_move in [r[1]() for r in post_page_move.receivers]


def test_production_pools_postgresql_connections_from_the_environment():
    code = (
        "import django; django.setup(); from django.conf import settings;"
        "d = settings.DATABASES['default']; print(d['OPTIONS']['pool'], d['CONN_MAX_AGE'])"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "leerkring.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "leerkring.nl",
        "DATABASE_URL": "postgres://u@127.0.0.1:5432/x",
    }
    assert _python(code, **env) == "{'min_size': 1, 'max_size': 4, 'timeout': 10.0} 0"
    out = _python(code, DB_POOL_MAX_SIZE="8", DB_POOL_TIMEOUT="2.5", **env)
    assert out == "{'min_size': 1, 'max_size': 8, 'timeout': 2.5} 0"


@pytest.mark.django_db
def test_health_check_does_one_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/gezond/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_pdfs_share_one_font_configuration(monkeypatch):
    from leerkring import pdf

    seen = []

    import weasyprint

    def fake_write_pdf(self, *args, **kwargs):
        seen.append(kwargs["font_config"])
        return b"%PDF"

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", fake_write_pdf)
    pdf.html_to_pdf("<p>Een</p>")
    pdf.html_to_pdf("<p>Twee</p>")
    assert seen[0] is seen[1] is pdf.font_configuration()


def test_pdfs_share_one_fetcher_stylesheet_and_image_cache(monkeypatch):
    """Issue 15: what does not change between certificates is made once per process: the
    fetcher (WeasyPrint's sets up an SSL context), the parsed certificate stylesheet and the
    images it draws (the logo)."""
    from certificates.render import STYLESHEET
    from leerkring import pdf

    seen = []

    import weasyprint

    def fake_write_pdf(self, *args, **kwargs):
        seen.append((self.url_fetcher, kwargs["stylesheets"][0], kwargs["cache"]))
        return b"%PDF"

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", fake_write_pdf)
    pdf.html_to_pdf("<p>Een</p>", stylesheets=(STYLESHEET,))
    pdf.html_to_pdf("<p>Twee</p>", stylesheets=(STYLESHEET,))
    (fetcher, css, cache), again = seen
    assert again[0] is fetcher and again[1] is css and again[2] is cache
    assert isinstance(css, weasyprint.CSS)


@pytest.fixture
def cached(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "leerkring.page_cache.AnonymousPageCacheMiddleware",
    ]
    ensure_home_page()


@pytest.mark.django_db
def test_anonymous_visitors_get_the_cached_page_with_their_own_token_and_nonce(client, cached):
    first = client.get("/")
    assert "X-Page-Cache" not in first
    other = client.__class__()
    second = other.get("/")
    assert second["X-Page-Cache"] == "hit"
    html = second.content.decode()
    # The language switch works: the token in the page belongs to this visitor's cookie.
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert token not in first.content.decode()
    response = other.post(reverse("set_language"), {"language": "en", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    # The script nonce in the page is the one in this response's policy.
    nonce = html.split('nonce="')[1].split('"')[0]
    assert f"'nonce-{nonce}'" in second["Content-Security-Policy"]


@pytest.mark.django_db
def test_logged_in_visitors_never_get_or_fill_the_shared_cache(client, cached):
    user = UserFactory()
    client.force_login(user)
    client.get("/")
    assert "X-Page-Cache" not in client.get("/")
    anonymous = client.__class__()
    anonymous.get("/")
    client.get("/")
    assert "X-Page-Cache" not in client.get("/")


@pytest.mark.django_db
def test_publishing_a_page_clears_the_cache(client, cached, django_capture_on_commit_callbacks):
    home = ensure_home_page()
    client.get("/")
    assert client.__class__().get("/")["X-Page-Cache"] == "hit"
    home.title = "Leerkring vernieuwd"
    with django_capture_on_commit_callbacks(execute=True):
        home.save_revision().publish()
    fresh = client.__class__().get("/")
    assert "X-Page-Cache" not in fresh


@pytest.mark.django_db
def test_an_enrolment_clears_the_cache_only_once_committed(
    client, cached, django_capture_on_commit_callbacks
):
    cohort = make_cohort()
    before = page_cache.generation()
    with django_capture_on_commit_callbacks() as callbacks:
        enrol(cohort=cohort, participant=make_participant())
    # Not while the enrolment's transaction (and its lock on the cohort) is open: a page
    # rendered then would be kept under the new generation with the places left before.
    assert page_cache.generation() == before
    for callback in callbacks:
        callback()
    assert page_cache.generation() > before


def test_only_anonymous_requests_without_a_session_are_cacheable(rf, settings):
    request = rf.get("/")
    request.user = AnonymousUser()
    assert page_cache._cacheable_request(request)
    request.COOKIES[settings.SESSION_COOKIE_NAME] = "abc"
    assert not page_cache._cacheable_request(request)
    assert not page_cache._cacheable_request(rf.post("/"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/beheer/images/",
        "/beheer/documents/",
        "/beheer/redirects/",
        "/beheer/snippets/courses/trainer/",
    ],
)
def test_the_admin_of_the_mirrored_apps_still_works(admin_client, url):
    assert admin_client.get(url).status_code == 200


def test_templates_are_compiled_once_per_process():
    """No "loaders" in TEMPLATES, so Django wraps the loaders in its cached loader (in every
    setting, production included): the admin listings' many small templates are parsed once
    per process, not once per row (issue 15)."""
    from django.template import engines
    from django.template.loaders.cached import Loader

    (loader,) = engines["django"].engine.template_loaders
    assert isinstance(loader, Loader)
