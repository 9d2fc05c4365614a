from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.roles import TRAINER
from bookings.models import BookingRequest, BookingStatus, QuoteStatus
from tests.accounts.factories import UserFactory
from tests.bookings.factories import future, in_company_course, make_quote, make_request

pytestmark = pytest.mark.django_db


def _form(course, **overrides):
    data = {
        "course": course.pk,
        "organisation": "Gemeente Zwolle",
        "contact_name": "Gerda Jansen",
        "contact_email": "gerda@zwolle.example",
        "participant_count": "7",
        "location": "Stadhuis Zwolle",
        "learning_goals": "Besluiten met de raadswerkgroep.",
        "invoice_address": "Postbus 10007, 8000 GA Zwolle",
        "date_1": future(30).isoformat(),
        "part_1": "morning",
        "date_2": future(37).isoformat(),
        "part_2": "whole_day",
    }
    data.update(overrides)
    return data


def test_request_form_needs_login(client):
    response = client.get(reverse("bookings:create"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_contact_submits_a_request_and_follows_it(client):
    contact = UserFactory(organisation="Gemeente Zwolle")
    course = in_company_course()
    client.force_login(contact)

    form_page = client.get(reverse("bookings:create_for_course", args=[course.pk]))
    response = client.post(reverse("bookings:create"), _form(course))

    assert 'value="Gemeente Zwolle"' in form_page.text
    booking = BookingRequest.objects.get()
    assert response["Location"] == reverse("bookings:detail", args=[booking.public_id])
    assert (booking.contact, booking.participant_count) == (contact, 7)
    mine = client.get(reverse("bookings:mine"))
    assert reverse("bookings:detail", args=[booking.public_id]) in mine.text


def test_too_many_participants_gives_a_message_and_writes_nothing(client):
    client.force_login(UserFactory())
    course = in_company_course(min_participants=5, max_participants=8)

    response = client.post(reverse("bookings:create"), _form(course, participant_count="12"))

    assert response.status_code == 200
    assert 'role="alert"' in response.text
    assert not BookingRequest.objects.exists()


def test_date_in_the_past_is_refused_on_the_form(client):
    client.force_login(UserFactory())

    response = client.post(
        reverse("bookings:create"), _form(in_company_course(), date_1=future(-3).isoformat())
    )

    assert response.status_code == 200
    assert 'id="id_date_1_error"' in response.text
    assert not BookingRequest.objects.exists()


def test_another_contact_gets_404(client):
    booking = make_request()
    client.force_login(UserFactory())

    response = client.get(reverse("bookings:detail", args=[booking.public_id]))

    assert response.status_code == 404


def test_another_contact_cannot_accept_the_quote(client):
    booking = make_request()
    quote = make_quote(booking)
    client.force_login(UserFactory())

    response = client.post(
        reverse("bookings:accept_quote", args=[booking.public_id, quote.version]),
        {"signed_name": "Iemand", "authorised": "on"},
    )

    assert response.status_code == 404
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.SENT


def test_contact_accepts_the_quote_on_the_page(client):
    booking = make_request()
    quote = make_quote(booking)
    client.force_login(booking.contact)

    page = client.get(reverse("bookings:detail", args=[booking.public_id]))
    client.post(
        reverse("bookings:accept_quote", args=[booking.public_id, quote.version]),
        {"signed_name": "G. Jansen", "authorised": "on"},
    )

    assert "€\u00a03.108,50" in page.text  # the total incl. VAT of the standard lines
    booking.refresh_from_db()
    assert booking.status == BookingStatus.ACCEPTED


def test_acceptance_without_authorisation_shows_the_reason(client):
    booking = make_request()
    quote = make_quote(booking)
    client.force_login(booking.contact)

    response = client.post(
        reverse("bookings:accept_quote", args=[booking.public_id, quote.version]),
        {"signed_name": "G. Jansen"},
        follow=True,
    )

    assert "message--error" in response.text
    booking.refresh_from_db()
    assert booking.status == BookingStatus.QUOTED


def test_contact_does_not_see_the_draft_quote(client):
    booking = make_request()
    make_quote(booking, send=False)
    client.force_login(booking.contact)

    response = client.get(reverse("bookings:detail", args=[booking.public_id]))

    assert "quote-lines" not in response.text


def test_participant_cannot_reach_the_staff_overview(client):
    client.force_login(UserFactory())

    assert client.get(reverse("bookings:staff_overview")).status_code == 403


@pytest.mark.parametrize("size", [2, 12])
def test_staff_overview_query_count_does_not_grow(client, django_assert_max_num_queries, size):
    course = in_company_course()
    for _ in range(size):
        make_request(course=course)
    client.force_login(UserFactory(roles=[TRAINER]))

    with django_assert_max_num_queries(16):
        response = client.get(reverse("bookings:staff_overview"), {"status": "requested"})

    assert response.text.count("/incompany/aanvragen/") >= size


def test_trainer_drafts_and_sends_a_quote_with_lines(client):
    booking = make_request()
    client.force_login(UserFactory(roles=[TRAINER]))
    data = {
        "valid_until": future(30).isoformat(),
        "includes": "Intake en evaluatie",
        "excludes": "Locatie en catering",
        "purchase_order": "PO-1",
        "vat_compensation_note": "on",
        "lines-TOTAL_FORMS": "2",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
        "lines-0-description": "Studiedag",
        "lines-0-quantity": "1",
        "lines-0-unit_price": "2450,00",
        "lines-0-vat_category": "21",
        "lines-1-description": "",
        "lines-1-quantity": "1",
        "lines-1-unit_price": "",
        "lines-1-vat_category": "21",
        "preview": "",
    }

    response = client.post(reverse("bookings:quote_edit", args=[booking.public_id]), data)

    # Saved as a draft and shown as the client will see it; sent only from there.
    assert response.url == reverse("bookings:quote_preview", args=[booking.public_id])
    quote = booking.quotes.get()
    assert quote.status == QuoteStatus.DRAFT
    assert [line.description for line in quote.lines.all()] == ["Studiedag"]

    client.post(reverse("bookings:send_quote", args=[booking.public_id, quote.version]))

    quote.refresh_from_db()
    assert quote.status == QuoteStatus.SENT


def test_negative_amount_on_the_quote_form_is_refused(client):
    booking = make_request()
    client.force_login(UserFactory(roles=[TRAINER]))
    data = {
        "valid_until": future(30).isoformat(),
        "includes": "x",
        "excludes": "y",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
        "lines-0-description": "Korting",
        "lines-0-quantity": "1",
        "lines-0-unit_price": "-100",
        "lines-0-vat_category": "21",
        "preview": "",
    }

    response = client.post(reverse("bookings:quote_edit", args=[booking.public_id]), data)

    assert response.status_code == 200
    assert 'role="alert"' in response.text
    assert not booking.quotes.exists()


def test_editing_a_draft_keeps_the_lines_nobody_changed(client):
    booking = make_request()
    make_quote(booking, send=False)
    client.force_login(UserFactory(roles=[TRAINER]))
    page = client.get(reverse("bookings:quote_edit", args=[booking.public_id]))
    lines = page.context["lines"]
    data = {
        "valid_until": future(30).isoformat(),
        "includes": "x",
        "excludes": "y",
        "lines-TOTAL_FORMS": str(lines.total_form_count()),
        "lines-INITIAL_FORMS": str(lines.initial_form_count()),
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
    }
    for index, form in enumerate(lines.forms):
        for name in ("description", "quantity", "unit_price", "vat_category"):
            value = form.initial.get(name, form.fields[name].initial)
            data[f"lines-{index}-{name}"] = "" if value is None else str(value)
    data["lines-0-unit_price"] = "2500.00"  # change only the first line

    client.post(reverse("bookings:quote_edit", args=[booking.public_id]), data)

    quote = booking.quotes.get()
    assert quote.lines.count() == 3
    assert quote.lines.first().unit_price == Decimal("2500.00")


def test_quote_pdf_name_is_safe_for_any_organisation_name(client):
    booking = make_request(organisation='Gemeente "Oost"\r\nX-Evil: 1')
    quote = make_quote(booking)
    client.force_login(booking.contact)

    response = client.get(reverse("bookings:quote_pdf", args=[booking.public_id, quote.version]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="offerte-gemeente-oost-x-evil-1-v1.pdf"'
    )


def test_the_dashboard_shows_a_contacts_five_newest_requests_and_links_to_all(client):
    contact = UserFactory()
    course = in_company_course()
    made = [make_request(course=course, contact=contact, department=f"Team {n}") for n in range(7)]
    make_request(course=course)  # someone else's
    client.force_login(contact)

    html = client.get(reverse("accounts:dashboard")).text

    shown = [b for b in made if reverse("bookings:detail", args=[b.public_id]) in html]
    assert shown == made[-5:]
    assert course.title in html and made[-1].organisation in html
    assert reverse("bookings:mine") in html
