import datetime
from decimal import Decimal

from django.utils import timezone

from bookings.services import (
    LineInput,
    RequestDetails,
    save_quote_draft,
    send_quote,
    submit_request,
)
from courses.models import VatCategory
from tests.accounts.factories import UserFactory
from tests.courses.factories_pages import make_course


def in_company_course(**kwargs):
    return make_course(in_company=True, price_on_request=True, price_amount=None, **kwargs)


def request_details(**overrides) -> RequestDetails:
    fields = {
        "organisation": "Gemeente Utrecht",
        "department": "Participatie",
        "contact_name": "Gerda Jansen",
        "contact_role": "Programmamanager",
        "contact_email": "gerda@utrecht.example",
        "participant_count": 6,
        "location": "Stadskantoor, zaal 4",
        "learning_goals": "Samen besluiten over wijkbudgetten.",
        "invoice_address": "Postbus 16200, 3500 CE Utrecht",
        "purchase_order": "PO-2027-118",
    }
    fields.update(overrides)
    return RequestDetails(**fields)


def future(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def make_request(*, course=None, contact=None, **overrides):
    return submit_request(
        course=course or in_company_course(),
        contact=contact or UserFactory(),
        details=request_details(**overrides),
        preferred_dates=[(future(40), "morning"), (future(47), "whole_day")],
    )


STANDARD_LINES = [
    LineInput("Studiedag Sociocratie (8 deelnemers)", Decimal("2450.00"), VatCategory.HIGH),
    LineInput("Werkboek", Decimal("12.50"), VatCategory.LOW, quantity=Decimal("8")),
    LineInput("Examenregistratie", Decimal("35.00"), VatCategory.EXEMPT),
]


def make_quote(request, *, by=None, lines=STANDARD_LINES, send=True):
    quote = save_quote_draft(
        request=request,
        by=by or UserFactory(roles=["Trainer"]),
        lines=lines,
        valid_until=future(30),
        includes="Intake, evaluatie, voorbereiding en reiskosten.",
        excludes="Locatie en catering.",
    )
    return send_quote(quote=quote, by=quote.created_by) if send else quote
