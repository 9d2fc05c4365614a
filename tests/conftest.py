import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Uploaded and generated files of one test never leak into another's.
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _empty_cache():
    # Cached lookups (the header's catalogue link, page-cache generations) point at rows of
    # the test that made them; every test starts without them.
    cache.clear()
    yield
    cache.clear()
