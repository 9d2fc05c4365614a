"""The quote editor in a browser (issue 10.15): lines added and removed in the page, totals
that follow every key (the same sums as bookings/vat.py), the PDF previewed before
"Versturen", and no Content-Security-Policy violation on the way."""

import re

from playwright.sync_api import expect

from bookings.models import BookingRequest, BookingStatus, QuoteStatus
from tests.e2e.test_admin_csp import log_in, screenshot, violations  # noqa: F401

EURO = "€\u00a0"


def test_a_trainer_builds_a_quote_with_live_totals_previews_and_sends(
    page,
    site,
    violations,  # noqa: F811 — the fixture imported above
):
    booking = BookingRequest.objects.get(department="Team Participatie")
    assert booking.status == BookingStatus.REQUESTED
    log_in(page, site, "trainer@leerkring.test")
    page.goto(f"/incompany/beheer/{booking.public_id}/offerte/")
    totals = page.locator("#quote-totals")

    page.locator("#id_lines-0-unit_price").fill("2450,00")
    expect(totals.locator("[data-total=subtotal]")).to_have_text(f"{EURO}2.450,00")
    expect(totals.locator("[data-total=total]")).to_have_text(f"{EURO}2.964,50")

    # "Add a line" adds it in the page: no round trip, the typed price stays.
    page.get_by_role("button", name="Regel toevoegen").click()
    expect(page.locator("[data-quote-line]")).to_have_count(2)
    expect(page.locator("#id_lines-1-description")).to_be_focused()
    expect(page.locator("#id_lines-0-unit_price")).to_have_value("2450,00")
    page.locator("#id_lines-1-description").fill("Werkboek")
    page.locator("#id_lines-1-quantity").fill("6")
    page.locator("#id_lines-1-unit_price").fill("12,50")
    page.locator("#id_lines-1-vat_category").select_option("9")
    # 2450 + 75 excl.; 21 % of 2450 = 514,50 and 9 % of 75 = 6,75 (rounded once per rate).
    expect(totals.locator("[data-total=subtotal]")).to_have_text(f"{EURO}2.525,00")
    expect(totals.locator("[data-vat-row='9'] td")).to_have_text(f"{EURO}6,75")
    expect(totals.locator("[data-total=total]")).to_have_text(f"{EURO}3.046,25")

    page.get_by_role("button", name="Regel toevoegen").click()
    page.locator("#id_lines-2-description").fill("Reiskosten")
    page.locator("#id_lines-2-unit_price").fill("85,00")
    expect(totals.locator("[data-total=total]")).to_have_text(f"{EURO}3.149,10")
    # Travel is included in the price after all: remove the line again.
    page.locator("#id_lines-2-DELETE").check()
    expect(page.locator("[data-quote-line]").nth(2)).to_have_class(re.compile("--removed"))
    expect(totals.locator("[data-total=total]")).to_have_text(f"{EURO}3.046,25")
    screenshot(page, "quote-editor")

    page.get_by_role("button", name="Opslaan en de pdf bekijken").click()
    page.wait_for_url(f"**/incompany/beheer/{booking.public_id}/offerte/voorbeeld/")
    pdf = f"/incompany/aanvragen/{booking.public_id}/offerte/1.pdf?inline=1"
    expect(page.locator("iframe.pdf-preview")).to_have_attribute("src", pdf)
    expect(page.locator(".quote-lines")).to_contain_text("Werkboek")
    expect(page.locator(".quote-lines")).not_to_contain_text("Reiskosten")
    expect(page.locator(".quote-lines")).to_contain_text(f"{EURO}3.046,25")
    quote = booking.quotes.get()
    assert quote.status == QuoteStatus.DRAFT  # not sent before the preview's button
    screenshot(page, "quote-preview")

    # By keyboard: headless Chromium's PDF viewer in the iframe above takes the mouse click.
    page.get_by_role("button", name="Versturen naar de klant").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/incompany/aanvragen/{booking.public_id}/")
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.SENT
