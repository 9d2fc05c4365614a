"""HTML to PDF with WeasyPrint, for every document the site makes (certificates, quotes).

WeasyPrint fetches stylesheets, fonts and images through `StaticFileFetcher`, which reads
them from disk and refuses every other URL: rendering never goes over the network.

WeasyPrint is imported on the first PDF, not when a worker starts (it costs about half a
second), and each process keeps one FontConfiguration, so the font faces are registered
once rather than for every document; the disk-only fetcher is made once per process too.
"""

import threading
from functools import cache, lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage

from leerkring.site_url import site_base_url

__all__ = [
    "fetcher_class",
    "font_configuration",
    "html_to_pdf",
    "site_base_url",
    "static_file_path",
]


@cache
def fetcher_class():
    """The disk-only fetcher, made on first use so that importing this module does not
    import WeasyPrint."""
    import weasyprint

    class StaticFileFetcher(weasyprint.URLFetcher):
        """Serve `/static/…` (on the site's own address) and `file:` URLs inside the static
        folders from disk; refuse everything else, so a certificate never fetches over HTTP."""

        def __init__(self, **kwargs):
            super().__init__(allowed_protocols=("http", "https", "file"), **kwargs)
            self._base = urlsplit(site_base_url())
            self._roots = [root.resolve() for root in _static_roots()]

        def fetch(self, url, headers=None):
            path = self._local_path(url)
            if path is None:
                raise ValueError(f"Certificates fetch only static files from disk, not {url!r}.")
            return weasyprint.urls.URLFetcherResponse(
                url=path.as_uri(), body=path.read_bytes(), headers={"Content-Type": _mime(path)}
            )

        def _local_path(self, url: str) -> Path | None:
            parts = urlsplit(url)
            if parts.scheme == "file":
                path = Path(url2pathname(unquote(parts.path))).resolve()
                return path if self._inside_roots(path) and path.is_file() else None
            if (parts.scheme, parts.netloc) != (self._base.scheme, self._base.netloc):
                return None
            if not parts.path.startswith(settings.STATIC_URL):
                return None
            return static_file_path(unquote(parts.path.removeprefix(settings.STATIC_URL)))

        def _inside_roots(self, path: Path) -> bool:
            return any(path.is_relative_to(root) for root in self._roots)

    return StaticFileFetcher


def __getattr__(name):
    # `from leerkring.pdf import StaticFileFetcher` still works, importing WeasyPrint then.
    if name == "StaticFileFetcher":
        return fetcher_class()
    raise AttributeError(name)


def _static_roots() -> list[Path]:
    roots = [Path(settings.STATIC_ROOT)]
    roots += [
        Path(entry[1] if isinstance(entry, tuple) else entry) for entry in settings.STATICFILES_DIRS
    ]
    return roots


def static_file_path(name: str) -> Path | None:
    """A static file's place on disk: collected (STATIC_ROOT, hashed names too) or found."""
    if ".." in Path(name).parts:
        return None
    try:
        collected = Path(staticfiles_storage.path(name))
    except NotImplementedError:
        collected = None
    if collected is not None and collected.is_file():
        return collected
    found = finders.find(name)
    return Path(found) if found else None


def _mime(path: Path) -> str:
    return {
        ".css": "text/css",
        ".svg": "image/svg+xml",
        ".png": "image/png",
        ".woff": "font/woff",
        ".woff2": "font/woff2",
        ".ttf": "font/ttf",
    }.get(path.suffix.lower(), "application/octet-stream")


# Tagged PDF/UA-1: a structure tree (headings, lists, tables), the document's language and
# title in its metadata, and decorative drawing marked as artifacts, so a screen reader
# reads a certificate or quote in order. Templates therefore give every <img> an alt text
# (decorative pictures are CSS backgrounds, which WeasyPrint writes as artifacts) and an
# inline SVG a <title>.
PDF_VARIANT = "pdf/ua-1"


_font_lock = threading.Lock()
# WeasyPrint's image cache, kept for the process: the logo (an SVG, drawn twice on every
# certificate) is read and parsed once. Only static files can be fetched, so it stays small.
_image_cache: dict = {}


@cache
def font_configuration():
    """One per process: WeasyPrint keeps the font faces it registered and reuses them."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def shared_fetcher():
    """One fetcher per process (and site address and static folders, which tests change):
    making a WeasyPrint URLFetcher sets up an SSL context, loading the system's certificates
    (about 35 ms, a third of a certificate), which our disk-only fetcher never uses."""
    roots = tuple(str(root) for root in _static_roots())
    return _fetcher_for(site_base_url(), roots)


@lru_cache(maxsize=8)
def _fetcher_for(_base_url: str, _roots: tuple[str, ...]):
    return fetcher_class()()


def shared_stylesheet(template_name: str):
    """A CSS template rendered and parsed once per process (its @font-face rules registered
    in the shared font configuration); call it holding `_font_lock`."""
    roots = tuple(str(root) for root in _static_roots())
    return _stylesheet_for(template_name, site_base_url(), roots)


@lru_cache(maxsize=16)
def _stylesheet_for(template_name: str, base_url: str, _roots: tuple[str, ...]):
    import weasyprint
    from django.template.loader import render_to_string

    return weasyprint.CSS(
        string=render_to_string(template_name),
        base_url=base_url + "/",
        url_fetcher=shared_fetcher(),
        font_config=font_configuration(),
    )


def html_to_pdf(html: str, *, stylesheets: tuple[str, ...] = ()) -> bytes:
    """`stylesheets`: names of CSS templates that do not change between documents; each is
    parsed once per process instead of with every document (see shared_stylesheet)."""
    import weasyprint

    document = weasyprint.HTML(
        string=html, base_url=site_base_url() + "/", url_fetcher=shared_fetcher()
    )
    # The shared font configuration is not safe for two threads at once.
    with _font_lock:
        return document.write_pdf(
            stylesheets=[shared_stylesheet(name) for name in stylesheets] or None,
            pdf_variant=PDF_VARIANT,
            font_config=font_configuration(),
            cache=_image_cache,
        )
