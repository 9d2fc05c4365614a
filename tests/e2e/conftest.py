"""Browser tests: Playwright drives Debian's Chromium against Django's live server.

Run them with `make e2e` (they are deselected from `make test`).
"""

import io
import os
import threading
import time

import pytest
from django.core.management import call_command
from django.core.signals import request_finished, request_started

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
    _give_demo_staff_a_second_factor()
    return live_server


# The demo trainer and administrator must log in with a second factor (accounts.mfa), as in
# production: the browser tests give them an authenticator app and type its codes.
DEMO_STAFF = ("trainer@leerkring.test", "beheer@leerkring.test")
_totp_secrets: dict[str, str] = {}
_used_steps: dict[str, set[int]] = {}


def _give_demo_staff_a_second_factor():
    from accounts.models import User
    from tests.accounts.totp import give_authenticator_app

    _totp_secrets.clear()
    _used_steps.clear()
    for email in DEMO_STAFF:
        _totp_secrets[email], _codes = give_authenticator_app(User.objects.get(email=email))


def pass_second_factor(page, email):
    """After the password, type the authenticator code if this account has one. A code is
    accepted once; the server allows the neighbouring 30-second steps too."""
    from tests.accounts.totp import totp_code

    secret = _totp_secrets.get(email)
    if secret is None:
        return
    used = _used_steps.setdefault(email, set())
    while True:
        step = int(time.time() // 30)
        free = [s for s in (step, step + 1) if s not in used]
        if free:
            break
        time.sleep(1)
    used.add(free[0])
    page.wait_for_url("**/account/2fa/authenticate/")
    page.get_by_label("Code:", exact=True).fill(totp_code(secret, at=free[0] * 30))
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()


class _RequestsInFlight:
    """Counts the live server's requests in progress, through Django's request signals.

    A page left open at the end of a test may still be talking to the server (Wagtail's
    editor pings, an htmx poll). The live server shares the test's in-memory SQLite
    connection, so the database flush after the test must wait until those are done."""

    def __init__(self):
        self.count = 0
        self._lock = threading.Lock()

    def started(self, **kwargs):
        with self._lock:
            self.count += 1

    def finished(self, **kwargs):
        with self._lock:
            self.count = max(0, self.count - 1)

    def wait_until_idle(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while self.count and time.monotonic() < deadline:
            time.sleep(0.05)


@pytest.fixture
def page(browser, site):
    in_flight = _RequestsInFlight()
    request_started.connect(in_flight.started, weak=False)
    request_finished.connect(in_flight.finished, weak=False)
    context = browser.new_context(locale="nl-NL", base_url=site.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        yield page
    finally:
        # Leave the page first, which stops its timers and requests, then let the server
        # finish what it was answering before the database is flushed.
        try:
            page.goto("about:blank")
        finally:
            context.close()
            in_flight.wait_until_idle()
            request_started.disconnect(in_flight.started)
            request_finished.disconnect(in_flight.finished)
