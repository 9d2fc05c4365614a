"""The request form speaks plain Dutch on its fields (issue 10.14), a leergang can be
requested with its own sessions and group size (10.17), and every quote names us (10.16)."""

import datetime
import io
import re

import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone

from bookings.demo import load_bookings
from bookings.forms import BookingRequestForm
from bookings.models import BookingRequest, BookingStatus
from bookings.services import accept_quote, proposed_sessions, schedule_request
from cohorts.services.lifecycle import SessionPlan
from cohorts.viewsets import cohort_viewset
from courses.models import CourseFormat
from tests.accounts.factories import UserFactory
from tests.bookings.factories import in_company_course, make_quote, make_request
from tests.courses.factories_pages import make_course

pytestmark = pytest.mark.django_db

CONSTRAINT_WORDS = re.compile(r"Beperking|constraint|_positive|geschonden", re.I)


def post_request(client, course, **overrides):
    day = timezone.localdate() + datetime.timedelta(days=40)
    data = {
        "course": course.pk,
        "organisation": "Gemeente Deventer",
        "contact_name": "Anna de Vries",
        "contact_email": "anna@deventer.example",
        "participant_count": 6,
        "location": "Stadhuis",
        "learning_goals": "Consent leren.",
        "invoice_address": "Postbus 5000, Deventer",
        "date_1": day.isoformat(),
        "part_1": "morning",
    }
    data.update(overrides)
    return client.post(reverse("bookings:create_for_course", args=[course.pk]), data)


@pytest.mark.parametrize("count", ["0", "-3"])
def test_no_participants_gives_a_plain_message_on_the_field(client, count):
    course = in_company_course()
    client.force_login(UserFactory())

    response = post_request(client, course, participant_count=count)

    assert response.status_code == 200
    assert response.context["form"].errors["participant_count"] == ["Vul minstens 1 deelnemer in."]
    assert not CONSTRAINT_WORDS.search(response.content.decode())
    assert not BookingRequest.objects.exists()


def test_the_three_parts_of_day_have_their_own_labels(client):
    client.force_login(UserFactory())

    page = client.get(reverse("bookings:create_for_course", args=[in_company_course().pk]))

    labels = re.findall(r'<label for="id_part_\d"[^>]*>\s*([^<*]+)', page.content.decode())
    assert [label.strip().rstrip(":") for label in labels] == [
        "Dagdeel bij de eerste datum",
        "Dagdeel bij de tweede datum",
        "Dagdeel bij de derde datum",
    ]


def test_a_cohort_minimum_of_zero_in_the_admin_gets_the_rules_sentence():
    """The same pattern in /beheer/: the form checks before the database does."""
    course = make_course()
    planner = UserFactory(is_superuser=True)
    form_class = cohort_viewset.get_edit_handler().get_form_class()
    day = timezone.localdate() + datetime.timedelta(days=30)
    data = {
        "course": course.pk,
        "title": "Zwolle",
        "kind": "open",
        "min_participants": "0",
        "max_participants": "8",
        "sessions-TOTAL_FORMS": "1",
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "1",
        "sessions-MAX_NUM_FORMS": "1000",
        "sessions-0-date": day.isoformat(),
        "sessions-0-start_time": "09:30",
        "sessions-0-end_time": "16:30",
    }

    form = form_class(data, for_user=planner)

    assert not form.is_valid()
    assert form.errors["min_participants"] == [
        "Een uitvoering heeft minstens 1 deelnemer nodig; vul 1 of meer in."
    ]
    assert not CONSTRAINT_WORDS.search(str(form.errors))


def test_a_leergang_may_be_requested_for_its_own_group_size_and_gets_its_sessions(client):
    leergang = in_company_course(
        format=CourseFormat.LEERGANG, dagdelen=4, min_participants=6, max_participants=14
    )
    client.force_login(UserFactory())

    response = post_request(client, leergang, participant_count=12)

    assert response.status_code == 302
    booking = BookingRequest.objects.get()
    assert booking.participant_count == 12
    sessions = proposed_sessions(request=booking)
    assert len(sessions) == 4
    assert [s["date"] for s in sessions] == [
        sessions[0]["date"] + datetime.timedelta(weeks=week) for week in range(4)
    ]
    page = client.get(reverse("bookings:detail", args=[booking.public_id])).content.decode()
    assert "4 dagdelen" in page


def test_the_form_names_the_courses_own_group_size():
    study_day = in_company_course(min_participants=5, max_participants=8)

    help_text = BookingRequestForm(course=study_day).fields["participant_count"].help_text

    assert str(help_text) == "Voor deze cursus: 5 tot 8 deelnemers."


def test_scheduling_a_leergang_request_plans_all_its_sessions():
    leergang = in_company_course(format=CourseFormat.LEERGANG, dagdelen=4, max_participants=14)
    booking = make_request(course=leergang, participant_count=12)
    quote = make_quote(booking)

    accept_quote(quote=quote, by=booking.contact, signed_name="Gerda", authorised=True)
    plans = [SessionPlan(**fields) for fields in proposed_sessions(request=booking)]
    trainer = UserFactory(roles=["Trainer"])

    schedule_request(request=booking, by=trainer, sessions=plans, trainers=[trainer])

    booking.refresh_from_db()
    assert booking.status == BookingStatus.SCHEDULED
    assert booking.cohort.sessions.count() == 4
    assert booking.cohort.max_participants >= 12


def _pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_every_quote_states_our_legal_details_from_the_settings(client, settings):
    settings.LEERKRING_SUPPLIER = {
        "name": "Leerkring Test B.V.",
        "address": "Oudegracht 1; 3511 AA Utrecht",
        "kvk_number": "12345678",
        "vat_number": "NL123456789B01",
        "iban": "NL02 TEST 0123 4567 89",
        "email": "offertes@leerkring.test",
        "payment_days": 14,
    }
    booking = make_request()
    quote = make_quote(booking)
    client.force_login(booking.contact)

    pdf = _pdf_text(
        client.get(reverse("bookings:quote_pdf", args=[booking.public_id, quote.version])).content
    )
    page = client.get(reverse("bookings:detail", args=[booking.public_id])).content.decode()

    for text in (pdf, page):
        for detail in ("Leerkring Test B.V.", "12345678", "NL123456789B01"):
            assert detail in text
    for detail in ("Oudegracht 1", "3511 AA Utrecht", "NL02 TEST 0123 4567 89", "14 dagen"):
        assert detail in pdf
    assert "Geldig tot en met" in pdf
    assert "Geldig tot en met" in page


def test_the_demo_requests_are_distinct_and_charge_nothing_twice():
    from accounts.demo import load_accounts
    from courses.demo import ensure_home_page, load_catalogue
    from leerkring.notifications import notifications_off

    with notifications_off():
        ensure_home_page()
        load_accounts()
        load_catalogue()
        load_bookings()

    requests = list(BookingRequest.objects.select_related("course"))
    assert len(requests) == 3
    names = {(r.organisation, r.department, r.course.title) for r in requests}
    assert len(names) == 3
    leergang = next(r for r in requests if r.course.format == CourseFormat.LEERGANG)
    assert leergang.participant_count == 12
    for request in requests:
        for quote in request.quotes.all():
            includes_travel = "reiskosten" in quote.includes.lower()
            charged_travel = any(
                "reiskosten" in line.description.lower() for line in quote.lines.all()
            )
            assert not (includes_travel and charged_travel)
