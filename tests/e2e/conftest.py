"""Browser tests: Playwright drives Debian's Chromium against Django's live server.

Run them with `make e2e` (they are deselected from `make test`).
"""

import io
import os

import pytest
from django.core.management import call_command

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make e2e`, which installs it.")
    # Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
    # make there are still synchronous, so Django's async guard does not apply.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()


@pytest.fixture
def site(live_server, django_db_serialized_rollback):
    """The demo site on the live server. Serialized rollback keeps what the migrations
    created (page tree, roles), which a transactional test would otherwise flush."""
    call_command("load_demo", stdout=io.StringIO())
    return live_server


@pytest.fixture
def page(browser, site):
    context = browser.new_context(locale="nl-NL", base_url=site.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
