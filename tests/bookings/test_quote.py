from decimal import Decimal

import pytest
from django.core import mail
from django.db import IntegrityError

from bookings.errors import BookingError
from bookings.models import BookingStatus, Quote, QuoteLine, QuoteStatus
from bookings.services import (
    LineInput,
    accept_quote,
    decline_quote,
    decline_request,
    expire_quotes,
    revise_quote,
    save_quote_draft,
    send_quote,
    withdraw_request,
)
from courses.models import VatCategory
from tests.accounts.factories import UserFactory
from tests.bookings.factories import future, make_quote, make_request

pytestmark = pytest.mark.django_db


def test_sending_a_quote_freezes_it_and_moves_the_request_to_quoted(
    django_capture_on_commit_callbacks,
):
    request = make_request()

    with django_capture_on_commit_callbacks(execute=True):
        quote = make_quote(request)

    request.refresh_from_db()
    assert request.status == BookingStatus.QUOTED
    assert quote.status == QuoteStatus.SENT and quote.version == 1
    # 2450 + 21 % of 2450, 8 × 12,50 + 9 % of 100, 35 exempt
    assert quote.totals().total == Decimal("3108.50")
    assert mail.outbox[-1].to == [request.contact.email]
    assert "versie 1" in mail.outbox[-1].body or "version 1" in mail.outbox[-1].body


def test_sent_quote_cannot_be_sent_or_edited_again():
    quote = make_quote(make_request())

    with pytest.raises(BookingError, match="is al verstuurd; maak een nieuwe versie"):
        send_quote(quote=quote, by=quote.created_by)


def test_draft_is_replaced_not_duplicated_while_unsent():
    request = make_request()
    trainer = UserFactory(roles=["Trainer"])
    first = make_quote(request, by=trainer, send=False)

    second = save_quote_draft(
        request=request,
        by=trainer,
        lines=[LineInput("Studiedag", Decimal("1999.00"), VatCategory.HIGH)],
        valid_until=future(20),
        includes="x",
        excludes="y",
    )

    assert first.pk == second.pk
    assert list(second.lines.values_list("unit_price", flat=True)) == [Decimal("1999.00")]


def test_negative_line_is_refused_and_nothing_written():
    request = make_request()

    with pytest.raises(BookingError, match="negatief bedrag; vul een bedrag van 0 of meer in"):
        make_quote(request, lines=[LineInput("Korting", Decimal("-50"), VatCategory.HIGH)])

    assert not Quote.objects.exists()
    assert not QuoteLine.objects.exists()


def test_database_refuses_a_negative_line_too():
    quote = make_quote(make_request(), send=False)

    with pytest.raises(IntegrityError):
        QuoteLine.objects.create(
            quote=quote, description="x", unit_price=Decimal("-1"), vat_category="21"
        )


def test_revision_makes_a_new_version_and_supersedes_the_old_one_when_sent():
    quote = make_quote(make_request())

    draft = revise_quote(quote=quote, by=quote.created_by)
    send_quote(quote=draft, by=quote.created_by)

    quote.refresh_from_db()
    draft.refresh_from_db()
    assert (quote.status, draft.status, draft.version) == ("superseded", "sent", 2)
    assert draft.lines.count() == quote.lines.count()


def test_contact_accepts_with_name_and_authorisation():
    request = make_request()
    quote = make_quote(request)

    accept_quote(quote=quote, by=request.contact, signed_name="G. Jansen", authorised=True)

    request.refresh_from_db()
    quote.refresh_from_db()
    assert request.status == BookingStatus.ACCEPTED
    assert (quote.status, quote.accepted_by_name) == ("accepted", "G. Jansen")
    assert request.status_changes.last().to_status == "accepted"


@pytest.mark.parametrize(
    ("name", "authorised", "message"),
    [("", True, "Typ uw naam"), ("G. Jansen", False, "Bevestig dat u bevoegd bent")],
)
def test_acceptance_needs_name_and_authorisation(name, authorised, message):
    request = make_request()
    quote = make_quote(request)

    with pytest.raises(BookingError, match=message):
        accept_quote(quote=quote, by=request.contact, signed_name=name, authorised=authorised)

    quote.refresh_from_db()
    assert quote.status == QuoteStatus.SENT


def test_second_acceptance_is_refused():
    request = make_request()
    quote = make_quote(request)
    accept_quote(quote=quote, by=request.contact, signed_name="G", authorised=True)

    with pytest.raises(BookingError, match="U heeft deze offerte al geaccepteerd"):
        accept_quote(quote=quote, by=request.contact, signed_name="G", authorised=True)

    assert request.status_changes.filter(to_status="accepted").count() == 1


def test_superseded_quote_cannot_be_accepted():
    request = make_request()
    old = make_quote(request)
    send_quote(quote=revise_quote(quote=old, by=old.created_by), by=old.created_by)

    with pytest.raises(BookingError, match="Er is een nieuwere versie"):
        accept_quote(quote=old, by=request.contact, signed_name="G", authorised=True)


def test_expired_quote_cannot_be_accepted_and_expires_the_request():
    request = make_request()
    quote = make_quote(request)
    Quote.objects.filter(pk=quote.pk).update(valid_until=future(-1))
    quote.refresh_from_db()

    with pytest.raises(BookingError, match="Deze offerte is verlopen op"):
        accept_quote(quote=quote, by=request.contact, signed_name="G", authorised=True)

    assert expire_quotes() == 1
    assert expire_quotes() == 0
    request.refresh_from_db()
    assert request.status == BookingStatus.EXPIRED


def test_client_declines_the_quote():
    request = make_request()
    quote = make_quote(request)

    decline_quote(quote=quote, by=request.contact, reason="Budget is op.")

    request.refresh_from_db()
    assert request.status == BookingStatus.WITHDRAWN
    assert request.status_changes.last().note == "Budget is op."


def test_we_decline_with_a_reason_only():
    request = make_request()
    trainer = UserFactory(roles=["Trainer"])

    with pytest.raises(BookingError, match="Geef de reden"):
        decline_request(request=request, by=trainer, reason=" ")
    decline_request(request=request, by=trainer, reason="Geen trainer beschikbaar.")

    request.refresh_from_db()
    assert request.status == BookingStatus.DECLINED


def test_client_withdraws_an_open_request_but_not_an_accepted_one():
    request = make_request()
    withdraw_request(request=request, by=request.contact)
    request.refresh_from_db()
    assert request.status == BookingStatus.WITHDRAWN

    accepted = make_request()
    quote = make_quote(accepted)
    accept_quote(quote=quote, by=accepted.contact, signed_name="G", authorised=True)
    with pytest.raises(BookingError, match="kan hier niet meer worden ingetrokken"):
        withdraw_request(request=accepted, by=accepted.contact)


def test_expire_quotes_command_reports_and_changes_state():
    from io import StringIO

    from django.core.management import call_command

    request = make_request()
    quote = make_quote(request)
    Quote.objects.filter(pk=quote.pk).update(valid_until=future(-2))
    out = StringIO()

    call_command("expire_quotes", stdout=out)

    request.refresh_from_db()
    assert request.status == BookingStatus.EXPIRED
    assert out.getvalue().startswith("1 quote")
