import re
from urllib.parse import urlparse

from django.core import mail
from playwright.sync_api import expect

from accounts.models import User


def test_home_page_is_dutch_and_keyboard_reachable(page):
    page.goto("/")

    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Direct naar de inhoud")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()


def test_language_switch_shows_english(page):
    page.goto("/")

    page.get_by_role("button", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Log in")).to_be_visible()


def test_sign_up_verify_log_in_and_edit_profile(page):
    page.goto("/")
    page.get_by_role("link", name="Account aanmaken").click()

    page.get_by_label("Voornaam").fill("Mila")
    page.get_by_label("Achternaam").fill("van Leeuwen")
    page.get_by_label("E-mail").fill("mila@gemeente.example")
    page.get_by_label("Wachtwoord:", exact=True).fill("samen-besluiten-2026")
    page.get_by_label("Wachtwoord (bevestigen)").fill("samen-besluiten-2026")
    page.get_by_role("main").get_by_role("button", name="Account aanmaken").click()

    expect(page.get_by_role("heading", name="Bevestig uw e-mailadres")).to_be_visible()
    confirm = re.search(r"http://\S+/account/confirm-email/\S+", mail.outbox[-1].body).group(0)
    page.goto(urlparse(confirm).path)
    page.get_by_role("button", name="Bevestig", exact=True).click()

    # Confirming logs the new participant in and brings them to "Mijn leerkring".
    expect(page.get_by_role("heading", name="Mijn leerkring")).to_be_visible()
    page.get_by_role("link", name="Mijn gegevens").click()
    page.get_by_label("Organisatie").fill("Gemeente Zwolle")
    page.get_by_label("Functie").select_option("raadslid")
    page.get_by_role("button", name="Opslaan").click()

    expect(page.get_by_text("Uw gegevens zijn opgeslagen.")).to_be_visible()
    user = User.objects.get(email="mila@gemeente.example")
    assert (user.organisation, user.job_title) == ("Gemeente Zwolle", "raadslid")

    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_role("link", name="Inloggen").click()
    page.get_by_label("E-mail").fill("mila@gemeente.example")
    page.get_by_label("Wachtwoord:", exact=True).fill("samen-besluiten-2026")
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()

    expect(page.get_by_role("heading", name="Mijn leerkring")).to_be_visible()
