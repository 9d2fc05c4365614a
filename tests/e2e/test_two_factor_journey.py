"""A trainer without a second factor logs in, is kept on the set-up until an authenticator
app is active, and from then on logs in with its code (issue 11, item 4)."""

import re

from playwright.sync_api import expect

from accounts.roles import TRAINER
from tests.accounts.factories import PASSWORD, UserFactory
from tests.accounts.totp import totp_code


def test_a_trainer_sets_up_the_authenticator_app_and_logs_in_with_it(page):
    trainer = UserFactory(email="nieuwe.trainer@leerkring.test", roles=[TRAINER])
    page.goto("/account/login/")
    page.get_by_label("E-mail").fill(trainer.email)
    page.get_by_label("Wachtwoord:", exact=True).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()

    # First the password once more (allauth protects every change to the second factor).
    expect(page.get_by_text("Voor uw rol is tweestapsverificatie verplicht")).to_be_visible()
    page.get_by_label("Wachtwoord", exact=False).first.fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Bevestig").click()

    expect(page.get_by_role("heading", name="Authenticator-app instellen")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile(r"^[A-Z2-7]{32}$"))).to_be_visible()
    # Anything else is still closed.
    page.goto("/trainer/")
    expect(page).to_have_url(re.compile(r"/account/2fa/totp/activate/$"))

    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Code uit de authenticator-app").fill(totp_code(secret))
    page.get_by_role("main").get_by_role("button", name="Instellen").click()

    expect(page.get_by_text("Uw authenticator-app is ingesteld.")).to_be_visible()
    codes = page.get_by_label("Ongebruikte codes").input_value().split()
    assert len(codes) >= 10
    page.goto("/mijn/")
    expect(page.get_by_role("heading", name="Mijn leerkring")).to_be_visible()

    page.get_by_role("banner").get_by_role("button", name="Uitloggen").click()
    page.goto("/account/login/")
    page.get_by_label("E-mail").fill(trainer.email)
    page.get_by_label("Wachtwoord:", exact=True).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile(r"/account/2fa/authenticate/$"))
    page.get_by_label("Code:", exact=True).fill(codes[0])  # a recovery code works too
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()

    expect(page.get_by_role("heading", name="Mijn leerkring")).to_be_visible()
